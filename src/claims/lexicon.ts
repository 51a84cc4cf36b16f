import type { CatalogFeature } from '../data/catalog.js';
import { normalizeText } from './normalize-text.js';
import { TermTrie } from './term-trie.js';

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

/**
 * Compiles the lexicon files (and a spec's custom words) into one leftmost-longest matcher
 * (a trie: linear in the text, flat in the number of terms).
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
  // Longer terms first, so that two spellings of one key ("air bag", "airbag") keep the one the
  // longest-term-first alternation used to prefer. Then by code unit, not localeCompare: ICU
  // collation of the lexicon's 850 terms was 10-20 ms of every run's start-up, and equal lengths
  // never decide which spelling a trie path keeps in the bundled lexicon (a test checks it).
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const trie = new TermTrie();
  for (const term of terms) trie.add(term);
  return {
    features,
    catalog,
    find(normalized: string): TermHit[] {
      return trie.find(normalized).map((h) => ({ ...h, feature: byTerm.get(h.term) ?? null }));
    },
  };
}
