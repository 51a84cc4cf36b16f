import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/context.js';
import type { CueSet } from '../../src/claims/cues.js';
import type { VariantMatcher } from '../../src/claims/variants.js';
import { claimsOf, contextFor } from '../helpers/claims.js';

/** A name for each item that no lexicon word can be made of (Latin letters make "no", "acc"). */
const code = (i: number) => [...String(i)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');

/**
 * One sentence of many comma clauses (a spec list run together with "，"): what reading it asks
 * must grow with the number of clauses, not with its square. Counted, not timed: the variant
 * lookups made (each figure's scope asks which earlier clause names a variant) and the characters
 * searched for a test cycle (each figure asks whether the sentence names one).
 */
function work(clauses: number): { variantLookups: number; cycleChars: number; claims: number } {
  const base = contextFor();
  const counts = { variantLookups: 0, cycleChars: 0 };
  const matchers = new Map<string, VariantMatcher>();
  for (const [product, matcher] of base.variantsOf)
    matchers.set(product, {
      ...matcher,
      find: (original, n, from, to) => {
        counts.variantLookups++;
        return matcher.find(original, n, from, to);
      },
    });
  const cycles = base.cues.cycles;
  const countingCycles = Object.assign(Object.create(cycles) as CueSet, {
    all: (text: string, from = 0, to = text.length) => {
      counts.cycleChars += to - from;
      return cycles.all(text, from, to);
    },
  });
  const ctx: ClaimContext = {
    ...base,
    variantsOf: matchers,
    cues: { ...base.cues, cycles: countingCycles },
  };
  // Two clauses an item: a feature, then a figure.
  const items = Array.from(
    { length: clauses / 2 },
    (_, i) => `${code(i)}配备全景天窗，续航${300 + (i % 90)}公里`,
  );
  const found = claimsOf(`测试车${items.join('，')}。`, {}, ctx);
  return { ...counts, claims: found.length };
}

describe('one sentence of many clauses', () => {
  it('is read with work linear in its clauses', () => {
    const small = work(400);
    const large = work(1_600);
    // The sentence is read whole: a claim a clause.
    expect([small.claims, large.claims]).toEqual([400, 1_600]);
    // Linear: 4x; the walk back over earlier clauses was 16x.
    expect(large.variantLookups).toBeLessThan(small.variantLookups * 5);
    expect(large.cycleChars).toBeLessThan(small.cycleChars * 5);
  });
});
