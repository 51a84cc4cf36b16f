/** Spans of normalised text and how a text splits into sentences and clauses. */

export interface Range {
  start: number;
  end: number;
}

/** Split [from, to) at any of `breaks`, keeping the break in the left part. */
export function splitRanges(text: string, breaks: Set<string>, from = 0, to = text.length): Range[] {
  const out: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (breaks.has(text[i]!)) {
      // A decimal point or a thousands separator is not a break ("3,000 km", "9.98万").
      if (
        (text[i] === ',' || text[i] === '.') &&
        /\d/.test(text[i - 1] ?? '') &&
        /\d/.test(text[i + 1] ?? '')
      )
        continue;
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < to) out.push({ start, end: to });
  return out.filter((r) => text.slice(r.start, r.end).trim().length > 0);
}

export const inside = (span: Range, range: Range) => span.start >= range.start && span.end <= range.end;
export const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
