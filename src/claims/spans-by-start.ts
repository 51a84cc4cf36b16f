import type { Range } from './ranges.js';

/**
 * Spans (term hits, quantities) ordered by where they start, to ask which lie inside or overlap a
 * range without a pass over all of them. A reading asks that for every clause and every figure,
 * and one long paragraph has thousands of each: with a pass each time, reading it was quadratic.
 * Answers keep the spans' own order, so a caller gets what `spans.filter(...)` gave it.
 */
export class SpansByStart<T extends Range> {
  /** indices into `spans`, by start (ties in their own order) */
  private readonly order: number[];
  private readonly starts: number[];
  /** the spans were already by start: an answer needs no sorting back */
  private readonly inOrder: boolean;
  private readonly longest: number;

  constructor(private readonly spans: readonly T[]) {
    this.order = spans.map((_, i) => i);
    this.inOrder = spans.every((s, i) => i === 0 || spans[i - 1]!.start <= s.start);
    if (!this.inOrder) this.order.sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
    this.starts = this.order.map((i) => spans[i]!.start);
    this.longest = spans.reduce((m, s) => Math.max(m, s.end - s.start), 0);
  }

  /** The spans inside `range` (start >= range.start, end <= range.end). */
  inside(range: Range): T[] {
    return this.collect(range.start, range.end + 1, (s) => s.end <= range.end);
  }

  /** The spans that overlap `range` (start < range.end, end > range.start). */
  overlapping(range: Range): T[] {
    return this.collect(range.start - this.longest, range.end, (s) => s.end > range.start);
  }

  /** The spans that contain `range` (start <= range.start, end >= range.end). */
  containing(range: Range): T[] {
    return this.collect(range.start - this.longest, range.start + 1, (s) => s.end >= range.end);
  }

  /** The first span, in the spans' own order, that starts at or after `at` and is not `except`. */
  firstFrom(at: number, except?: T): T | undefined {
    if (!this.inOrder) return this.spans.find((s) => s.start >= at && s !== except);
    for (let k = this.firstAtOrAfter(at); k < this.starts.length; k++) {
      const s = this.spans[k]!;
      if (s !== except) return s;
    }
    return undefined;
  }

  /** Spans starting in [from, before) that pass `keep`, in the order of `spans`. */
  private collect(from: number, before: number, keep: (s: T) => boolean): T[] {
    const picked: number[] = [];
    for (let k = this.firstAtOrAfter(from); k < this.starts.length && this.starts[k]! < before; k++) {
      const i = this.order[k]!;
      if (keep(this.spans[i]!)) picked.push(i);
    }
    if (!this.inOrder) picked.sort((a, b) => a - b);
    return picked.map((i) => this.spans[i]!);
  }

  private firstAtOrAfter(at: number): number {
    return firstIndexAtOrAfter(this.starts.length, at, (i) => this.starts[i]!);
  }
}

/** The first index in [0, length) whose position is >= `at`, for positions that never decrease. */
export function firstIndexAtOrAfter(length: number, at: number, positionOf: (i: number) => number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positionOf(mid) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
