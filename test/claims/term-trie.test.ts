import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { buildLexicon } from '../../src/claims/lexicon.js';
import { normalizeText } from '../../src/claims/normalize-text.js';
import { TermTrie } from '../../src/claims/term-trie.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { repoRoot } from '../helpers/paths.js';
import { referenceFind } from '../helpers/reference-lexicon-regex.js';

function trieOf(terms: string[]): TermTrie {
  const trie = new TermTrie();
  for (const t of [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b))) trie.add(t);
  return trie;
}

// Each row: terms, text (already normalised), the hits as "term@start-end".
type Row = [string[], string, string[]];

const rows: Row[] = [
  [['heated seat'], 'with heated seats and more', ['heated seat@5-17']],
  [['heated seat'], 'heatedseat', ['heated seat@0-10']],
  [['hud'], 'huds', ['hud@0-4']],
  [['hud'], 'a hudson car', []],
  [['ota升级'], '支持ota 升级', ['ota升级@2-8']],
  [['ota升级'], 'iota升级', []],
  [['天窗', '全景天窗'], '全景天窗和天窗', ['全景天窗@0-4', '天窗@5-7']],
  [['box'], 'boxes', ['box@0-5']],
  [['360'], '3600 km', []],
  [['360'], '360全景', ['360@0-3']],
  [['lane keep', 'lane keep assist'], 'lane keep assists', ['lane keep assist@0-17']],
  [['seat', 'seat heating'], 'seat heat', ['seat@0-4']],
  [['ac'], 'a/c ac', ['ac@4-6']],
];

describe('TermTrie', () => {
  it.each(rows)('%j in %j', (terms, text, expected) => {
    const hits = trieOf(terms)
      .find(text)
      .map((h) => `${h.term}@${h.start}-${h.end}`);
    expect(hits).toEqual(expected);
    // The reference regex agrees on every row.
    expect(referenceFind(terms, text).map((h) => `${h.term}@${h.start}-${h.end}`)).toEqual(expected);
  });

  it('reads the same features at the same places as the alternation regex, on the corpus and generated pages', () => {
    const data = bundledClaimData();
    // Term -> feature as buildLexicon does it: ignored phrases first, first writer wins.
    const byTerm = new Map<string, string | null>();
    const add = (t: string, f: string | null) => {
      const n = normalizeText(t).text.trim();
      if (n && !byTerm.has(n)) byTerm.set(n, f);
    };
    for (const file of data.lexicon) for (const p of file.ignore ?? []) add(p, null);
    for (const file of data.lexicon)
      for (const [key, entry] of Object.entries(file.features))
        for (const t of entry.terms ?? []) add(t, key);
    const list = [...byTerm.keys()];
    const lexicon = buildLexicon(data.lexicon, data.catalog);
    const docs = readdirSync(join(repoRoot, 'test', 'corpus', 'docs'))
      .filter((f) => !f.endsWith('.expect.yaml'))
      .map((f) => readFileSync(join(repoRoot, 'test', 'corpus', 'docs', f), 'utf8'));
    const texts = [...docs, generatePage(1), generatePage(2)].map((t) => normalizeText(t).text);
    let compared = 0;
    for (const text of texts) {
      // Where the two differ at all, the trie's match is the longer one ("0-100km/h加速" over the
      // regex's longer term "0 - 100 km/h" that matched fewer characters); the feature is the same.
      const mine = lexicon.find(text).map((h) => `${h.start}:${h.feature}`);
      const ref = referenceFind(list, text).map((h) => `${h.start}:${byTerm.get(h.term)}`);
      expect(mine).toEqual(ref);
      compared += ref.length;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('takes work linear in the text and flat in the number of terms', () => {
    // Counted in trie steps, not timed: the walk from one position never goes deeper than the longest term.
    const data = bundledClaimData();
    const terms = data.lexicon.flatMap((f) => Object.values(f.features).flatMap((e) => e.terms ?? []));
    const normalized = [...new Set(terms.map((t) => normalizeText(t).text.trim()))].filter(Boolean);
    const steps = (trie: TermTrie, text: string) => {
      const work = { steps: 0 };
      trie.find(text, work);
      return work.steps;
    };
    const trie = trieOf(normalized);
    // Ten times the terms: every bundled term with ten different suffixes.
    const tenfold = trieOf(
      normalized.flatMap((t) => Array.from({ length: 10 }, (_, k) => `${t}${'xyzqj'[k % 5]}${k}`)),
    );
    const small = normalizeText(generatePage(3, 20_000)).text;
    const big = normalizeText(generatePage(4, 200_000)).text;
    const perChar = (n: number, text: string) => n / text.length;
    expect(perChar(steps(trie, big), big)).toBeLessThan(perChar(steps(trie, small), small) * 1.3);
    expect(steps(tenfold, big)).toBeLessThan(steps(trie, big) * 1.3);
  });
});
