import { isCjk, normalizeText } from '../claims/normalize-text.js';
import { escapeRegex } from '../util/regex.js';

export interface TermMatch {
  term: string;
  /** offsets in the original text */
  start: number;
  end: number;
}

export interface TermMatcher {
  find(text: string): TermMatch[];
}

// What may be slipped between the characters of a banned word to dodge a filter: "最 佳", "第-一", "顶·级".
const FILLER = String.raw`[\s\p{P}\p{S}]*`;

function termSource(term: string): string {
  const n = normalizeText(term).text.replace(/\s+/g, ' ').trim();
  const chars = [...n];
  const cjk = chars.some((c) => isCjk(c));
  if (cjk) {
    // Fillers are allowed between CJK characters only: "100%" stays "100%".
    return chars
      .map((c, i) => (i > 0 && (isCjk(c) || isCjk(chars[i - 1])) ? FILLER + escapeRegex(c) : escapeRegex(c)))
      .join('');
  }
  const body = escapeRegex(n).replace(/ /g, '[\\s\\-]+');
  // Latin words end at Latin letters and digits; a CJK character right after "NO.1" is a boundary.
  const before = /^[a-z0-9]/.test(n) ? '(?<![a-z0-9])' : '';
  const after = /[a-z0-9]$/.test(n) ? '(?![a-z0-9])' : '';
  return `${before}${body}${after}`;
}

/**
 * Leftmost-longest matching of banned terms and their allowlist together: where an allowed word
 * ("最近", "第一排") is the longer match at a position, it wins and nothing is reported.
 */
export function buildTermMatcher(
  terms: string[],
  patterns: string[] = [],
  allow: string[] = [],
  allowPatterns: string[] = [],
): TermMatcher {
  type Entry = { source: string; term: string; allowed: boolean; length: number };
  const entries: Entry[] = [
    // A use the pack allows by shape ("最高250公里", "第一台") wins wherever it starts.
    ...allowPatterns.map((p) => ({
      source: `(?:${p})`,
      term: p,
      allowed: true,
      length: Number.MAX_SAFE_INTEGER,
    })),
    ...allow.map((a) => ({ source: termSource(a), term: a, allowed: true, length: a.length })),
    ...terms.map((t) => ({ source: termSource(t), term: t, allowed: false, length: t.length })),
    ...patterns.map((p) => ({ source: `(?:${p})`, term: p, allowed: false, length: 0 })),
  ].sort((a, b) => b.length - a.length || Number(b.allowed) - Number(a.allowed));
  if (!entries.length) return { find: () => [] };
  const regex = new RegExp(entries.map((e) => `(${e.source})`).join('|'), 'giu');
  return {
    find(text: string): TermMatch[] {
      const n = normalizeText(text);
      const out: TermMatch[] = [];
      regex.lastIndex = 0;
      for (let m = regex.exec(n.text); m; m = regex.exec(n.text)) {
        if (!m[0]) {
          regex.lastIndex++;
          continue;
        }
        const index = m.findIndex((g, i) => i > 0 && g !== undefined);
        const entry = entries[index - 1]!;
        if (entry.allowed) continue;
        const start = n.map[m.index]!;
        const last = n.map[m.index + m[0].length - 1]!;
        out.push({ term: entry.length ? entry.term : m[0], start, end: last + 1 });
      }
      return out;
    },
  };
}
