import { describe, expect, it } from 'vitest';
import { inside, overlaps, type Range } from '../../src/claims/ranges.js';
import { SpansByStart } from '../../src/claims/spans-by-start.js';
import { rng } from '../fuzz/prng.js';

/** A seeded draw in [0, 1): the same cases on every run. */
const rngNext = (seed: number) => rng(seed).next;

/** Spans as a reading has them: mostly by start, some out of order, overlapping, empty, repeated. */
function spansOf(seed: number, sorted: boolean): Range[] {
  const r = rngNext(seed);
  const spans = Array.from({ length: 1 + Math.floor(r() * 60) }, () => {
    const start = Math.floor(r() * 200);
    return { start, end: start + Math.floor(r() * (r() < 0.1 ? 40 : 6)) };
  });
  if (sorted) spans.sort((a, b) => a.start - b.start);
  return spans;
}

describe('SpansByStart answers what a pass over every span answers, in the same order', () => {
  const cases = Array.from({ length: 200 }, (_, i) => [i, i % 2 === 0] as const);
  it.each(cases)('spans %i (by start: %s)', (seed, sorted) => {
    const spans = spansOf(seed + 1, sorted);
    const index = new SpansByStart(spans);
    const r = rngNext(seed + 1000);
    for (let k = 0; k < 40; k++) {
      const start = Math.floor(r() * 220) - 10;
      const range = { start, end: start + Math.floor(r() * 50) };
      expect(index.inside(range)).toEqual(spans.filter((s) => inside(s, range)));
      expect(
        index.inside(range).every((s, i, all) => i === 0 || spans.indexOf(all[i - 1]!) <= spans.indexOf(s)),
      ).toBe(true);
      expect(index.overlapping(range)).toEqual(spans.filter((s) => overlaps(s, range)));
      expect(index.containing(range)).toEqual(
        spans.filter((s) => s.start <= range.start && s.end >= range.end),
      );
      const except = spans[Math.floor(r() * spans.length)];
      expect(index.firstFrom(range.start, except)).toBe(
        spans.find((s) => s.start >= range.start && s !== except),
      );
    }
  });

  it('keeps the very objects, not copies', () => {
    const spans = [
      { start: 5, end: 9 },
      { start: 1, end: 3 },
    ];
    const found = new SpansByStart(spans).inside({ start: 0, end: 10 });
    expect(found[0]).toBe(spans[0]);
    expect(found[1]).toBe(spans[1]);
  });
});
