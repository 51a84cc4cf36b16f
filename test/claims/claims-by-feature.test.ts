import { describe, expect, it } from 'vitest';
import { ClaimsByFeature } from '../../src/claims/claims-by-feature.js';
import type { Claim } from '../../src/types.js';
import { rng } from '../fuzz/prng.js';

/** A seeded draw in [0, 1): the same cases on every run. */
const rngNext = (seed: number) => rng(seed).next;

const FEATURES = ['sunroof', 'range_km', 'price', 'heat_pump'];

function claimAt(feature: string, start: number, length: number): Claim {
  return {
    uri: 'p.html',
    feature,
    polarity: 'asserted',
    evidence: { source: 'text', text: '', span: [start, start + length], location: { line: 1, column: 1 } },
  } as Claim;
}

describe('ClaimsByFeature answers what a pass over every claim made so far answers', () => {
  // Claims appended mostly in text order (as a reading makes them), sometimes out of order, and the
  // array cut now and then (a sentence that reports an error drops what it promoted).
  it.each(Array.from({ length: 150 }, (_, i) => i))('reading %i', (seed) => {
    const r = rngNext(seed + 1);
    const claims: Claim[] = [];
    const index = new ClaimsByFeature(claims);
    let at = 0;
    for (let step = 0; step < 120; step++) {
      const roll = r();
      if (roll < 0.55) {
        at += Math.floor(r() * 8);
        const start = r() < 0.1 ? Math.max(0, at - Math.floor(r() * 30)) : at;
        claims.push(claimAt(FEATURES[Math.floor(r() * FEATURES.length)]!, start, Math.floor(r() * 6)));
      } else if (roll < 0.6 && claims.length) {
        claims.splice(Math.floor(r() * claims.length), 1 + Math.floor(r() * 3));
        index.reset();
      } else {
        const feature = FEATURES[Math.floor(r() * FEATURES.length)]!;
        const from = Math.floor(r() * (at + 10));
        const to = from + Math.floor(r() * 20);
        const expected = claims.some(
          (c) => c.feature === feature && c.evidence.span[0] >= from && c.evidence.span[1] <= to,
        );
        expect(index.has(feature, from, to)).toBe(expected);
      }
    }
  });
});
