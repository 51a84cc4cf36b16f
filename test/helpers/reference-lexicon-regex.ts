/**
 * The alternation regex the lexicon used before its trie, kept as the reference the trie is
 * compared with: same terms, same hits, on every corpus document and generated page.
 */
import { escapeRegex } from '../../src/util/regex.js';

const LATIN_EDGE = /[a-z0-9]/;

function termPattern(normalizedTerm: string): string {
  const chars = [...normalizedTerm];
  let body = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = chars[i - 1];
    if (c === ' ') {
      body += '[ ]?';
      continue;
    }
    if (prev && prev !== ' ' && LATIN_EDGE.test(prev) !== LATIN_EDGE.test(c)) body += '[ ]?';
    body += escapeRegex(c);
  }
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  const before = LATIN_EDGE.test(first) ? '(?<![a-z0-9])' : '';
  const plural = /[a-z]/.test(last) ? '(?:e?s)?' : '';
  const after = LATIN_EDGE.test(last) ? '(?![a-z0-9])' : '';
  return `${before}${body}${plural}${after}`;
}

export function referenceFind(
  terms: string[],
  normalized: string,
): { term: string; start: number; end: number }[] {
  const sorted = [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const regex = new RegExp(sorted.map((t) => `(${termPattern(t)})`).join('|'), 'g');
  const hits: { term: string; start: number; end: number }[] = [];
  for (let m = regex.exec(normalized); m; m = regex.exec(normalized)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const index = m.findIndex((g, i) => i > 0 && g !== undefined);
    hits.push({ term: sorted[index - 1]!, start: m.index, end: m.index + m[0].length });
  }
  return hits;
}
