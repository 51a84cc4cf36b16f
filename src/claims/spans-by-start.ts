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
    return this.collect(range.start, range.end + 1, INSIDE, range.end);
  }

  /** The spans that overlap `range` (start < range.end, end > range.start). */
  overlapping(range: Range): T[] {
    return this.collect(range.start - this.longest, range.end, OVERLAPPING, range.start);
  }

  /** The spans that contain `range` (start <= range.start, end >= range.end). */
  containing(range: Range): T[] {
    return this.collect(range.start - this.longest, range.start + 1, CONTAINING, range.end);
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

  /**
   * Spans starting in [from, before) whose end passes the test against `bound`, in the order of
   * `spans`. Asked for every clause and figure, mostly of texts with few spans or none: spans
   * already by start are taken as they come, without a list of indices, a sort and a copy.
   */
  private collect(from: number, before: number, test: EndTest, bound: number): T[] {
    const picked: T[] = [];
    const { starts, spans, order } = this;
    if (starts.length === 0) return picked;
    let k = this.firstAtOrAfter(from);
    if (this.inOrder) {
      for (; k < starts.length && starts[k]! < before; k++) {
        const s = spans[k]!;
        if (passes(s.end, test, bound)) picked.push(s);
      }
      return picked;
    }
    const indices: number[] = [];
    for (; k < starts.length && starts[k]! < before; k++) {
      const i = order[k]!;
      if (passes(spans[i]!.end, test, bound)) indices.push(i);
    }
    indices.sort((a, b) => a - b);
    for (const i of indices) picked.push(spans[i]!);
    return picked;
  }

  private firstAtOrAfter(at: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** How a span's end is tested against a range: inside it, overlapping it, containing it. */
type EndTest = 0 | 1 | 2;
const INSIDE = 0;
const OVERLAPPING = 1;
const CONTAINING = 2;

function passes(end: number, test: EndTest, bound: number): boolean {
  return test === INSIDE ? end <= bound : test === OVERLAPPING ? end > bound : end >= bound;
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
