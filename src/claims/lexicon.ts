import type { CatalogFeature } from '../data/catalog.js';
import { escapeRegex } from '../util/regex.js';
import { normalizeText } from './normalize-text.js';

/** One language file of rules/features/ as written. */
export interface LexiconFile {
  language: string;
  features: Record<string, { terms: string[] }>;
  ignore?: string[];
}

export interface TermHit {
  /** canonical feature key, or null for an ignored phrase */
  feature: string | null;
  start: number;
  end: number;
  term: string;
}

export interface Lexicon {
  /** every feature key the lexicon can recognise */
  features: Set<string>;
  catalog: Map<string, CatalogFeature>;
  find(normalized: string): TermHit[];
}

export interface LexiconExtra {
  feature: string;
  words: string[];
}

const LATIN_EDGE = /[a-z0-9]/;

/** A term as a regex source: flexible spaces, word boundaries at Latin edges, automatic plurals. */
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
    // "ota升级" also matches "ota 升级": a space may stand where the script changes.
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

/**
 * Compiles the lexicon files (and a spec's custom words) into one leftmost-longest matcher.
 * The three roof features, 全景影像 and mmWave radar stay apart because the longer, more
 * specific phrase always wins at a position.
 */
export function buildLexicon(
  files: LexiconFile[],
  catalog: Map<string, CatalogFeature>,
  extras: LexiconExtra[] = [],
): Lexicon {
  const byTerm = new Map<string, string | null>();
  const add = (term: string, feature: string | null) => {
    const n = normalizeText(term).text.trim();
    if (!n) return;
    // First writer wins: bundled terms are unambiguous by construction; a spec's custom words may
    // add to them but not steal them.
    if (!byTerm.has(n)) byTerm.set(n, feature);
  };
  const features = new Set<string>();
  for (const file of files) {
    for (const phrase of file.ignore ?? []) add(phrase, null);
  }
  for (const file of files) {
    for (const [key, entry] of Object.entries(file.features)) {
      features.add(key);
      for (const term of entry.terms ?? []) add(term, key);
    }
  }
  for (const extra of extras) {
    features.add(extra.feature);
    for (const word of extra.words) add(word, extra.feature);
  }
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const sources = terms.map(termPattern);
  const regex = new RegExp(sources.map((s) => `(${s})`).join('|'), 'g');
  // Capture groups are numbered by term order, which gives the term back from a match.
  return {
    features,
    catalog,
    find(normalized: string): TermHit[] {
      const hits: TermHit[] = [];
      regex.lastIndex = 0;
      for (let m = regex.exec(normalized); m; m = regex.exec(normalized)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const index = m.findIndex((g, i) => i > 0 && g !== undefined);
        const term = terms[index - 1]!;
        hits.push({ feature: byTerm.get(term) ?? null, start: m.index, end: m.index + m[0].length, term });
      }
      return hits;
    },
  };
}
