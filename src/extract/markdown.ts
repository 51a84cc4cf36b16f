import type { Segment, Suppression } from '../types.js';
import type { ExtractResult, ImageRef, SuppressionProblem } from './model.js';
import { parseSuppressionComment } from './suppressions.js';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const COMMENT = /^\s*<!--(.*?)-->\s*$/;
const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const SETEXT = /^\s*(=+|-+)\s*$/;

function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Markdown inline syntax removed, so the text reads as it renders. */
function plain(text: string): string {
  return text
    .replace(IMAGE, (_, alt: string) => alt)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|~~|`)(.+?)\1/g, '$2')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/**
 * Markdown as blocks: headings, paragraphs, list items, pipe tables (a table with a header row is a
 * comparison table, one column per variant), images; `<!-- claimlint-disable-next-line -->`
 * comments suppress the next block. Plain text files use the same reader: for them a paragraph
 * is a run of non-blank lines.
 */
export function extractMarkdown(
  uri: string,
  source: string,
  options: { plainText?: boolean } = {},
): ExtractResult {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const segments: Segment[] = [];
  const images: ImageRef[] = [];
  const suppressionProblems: SuppressionProblem[] = [];
  const suppressions: Suppression[] = [];
  const headings: string[] = [];
  let pageHeading: string | undefined;
  let pending: Suppression[] = [];

  const push = (text: string, line: number, column: number, extra: Partial<Segment> = {}) => {
    if (!text.trim()) return;
    const hs = [...headings].reverse().filter(Boolean);
    segments.push({
      uri,
      text,
      source: 'text',
      location: { line, column },
      pieces: [{ offset: 0, line, column }],
      ...(pageHeading ? { pageHeading } : {}),
      ...(hs.length ? { headings: hs } : {}),
      ...(pending.length ? { suppressions: pending } : {}),
      ...extra,
    });
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (!line.trim()) {
      i++;
      continue;
    }
    const comment = COMMENT.exec(line);
    if (comment) {
      const parsed = parseSuppressionComment(comment[1] ?? '', {
        line: lineNo,
        column: line.indexOf('<!--') + 1,
      });
      if (parsed && 'problem' in parsed) suppressionProblems.push(parsed.problem);
      else if (parsed) {
        suppressions.push(parsed.ok);
        pending = [parsed.ok];
      }
      i++;
      continue;
    }
    if (!options.plainText) {
      for (const m of line.matchAll(IMAGE)) {
        images.push({
          url: m[2]!,
          location: { line: lineNo, column: (m.index ?? 0) + 1 },
          via: 'markdown',
          alt: m[1],
        });
        if (m[1]?.trim()) push(m[1].trim(), lineNo, (m.index ?? 0) + 1, { source: 'alt' });
      }
      const heading = HEADING.exec(line);
      const setext = lines[i + 1] !== undefined && SETEXT.test(lines[i + 1]!) && !LIST_ITEM.test(line);
      if (heading || setext) {
        const level = heading ? heading[1]!.length : lines[i + 1]!.trim().startsWith('=') ? 1 : 2;
        const text = plain(heading ? heading[2]! : line);
        const column = heading ? line.indexOf(heading[2]!) + 1 : line.search(/\S/) + 1;
        push(text, lineNo, column, { source: 'heading', level });
        headings[level - 1] = text;
        headings.length = level;
        if (level === 1 && !pageHeading) pageHeading = text;
        pending = [];
        i += heading ? 1 : 2;
        continue;
      }
      if (TABLE_ROW.test(line) && lines[i + 1] !== undefined && TABLE_RULE.test(lines[i + 1]!)) {
        const header = cellsOf(line).map(plain);
        const variantColumns = header.length > 2;
        i += 2;
        while (i < lines.length && TABLE_ROW.test(lines[i]!)) {
          const rowLine = lines[i]!;
          const cells = cellsOf(rowLine);
          const label = plain(cells[0] ?? '');
          let from = rowLine.indexOf('|') + 1;
          cells.forEach((raw, j) => {
            const at = rowLine.indexOf(raw, from);
            from = at >= 0 ? at + raw.length : from;
            if (j === 0 || !label) return;
            const column = at >= 0 ? at + 1 : 1;
            segments.push({
              uri,
              text: plain(raw),
              source: 'table',
              location: { line: i + 1, column },
              pieces: [{ offset: 0, line: i + 1, column }],
              ...(pageHeading ? { pageHeading } : {}),
              ...(headings.length ? { headings: [...headings].reverse().filter(Boolean) } : {}),
              ...(pending.length ? { suppressions: pending } : {}),
              table: {
                rowLabel: label,
                ...(header[j] !== undefined ? { columnHeader: header[j] } : {}),
                variantColumns,
              },
            });
          });
          i++;
        }
        pending = [];
        continue;
      }
      const item = LIST_ITEM.exec(line);
      if (item) {
        push(plain(item[1]!), lineNo, line.indexOf(item[1]!) + 1);
        pending = [];
        i++;
        continue;
      }
    }
    // A paragraph: consecutive lines, one piece per line so each claim keeps its own line.
    const pieces: { offset: number; line: number; column: number }[] = [];
    let text = '';
    const startLine = lineNo;
    const startColumn = line.search(/\S/) + 1;
    while (i < lines.length && lines[i]!.trim()) {
      const l = lines[i]!;
      if (
        !options.plainText &&
        (HEADING.test(l) || LIST_ITEM.test(l) || COMMENT.test(l) || TABLE_ROW.test(l))
      )
        break;
      const content = options.plainText ? l.trim() : plain(l);
      if (text) text += ' ';
      pieces.push({ offset: text.length, line: i + 1, column: l.search(/\S/) + 1 });
      text += content;
      i++;
      // In plain text a line is a unit of its own: a list, a FAQ answer, a slogan.
      if (options.plainText) break;
    }
    if (!text) {
      i++;
      continue;
    }
    push(text, startLine, startColumn, { pieces });
    pending = [];
  }
  return { segments, images, suppressionProblems, suppressions, warnings: [] };
}
