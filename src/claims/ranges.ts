/** Spans of normalised text and how a text splits into sentences and clauses. */

export interface Range {
  start: number;
  end: number;
}

// Words after which a full stop does not end a sentence ("approx. 500 km", "vs. its rival").
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'approx',
  'incl',
  'excl',
  'no',
  'nr',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'inc',
  'ltd',
  'co',
  'min',
  'max',
  'ca',
  'fig',
  'approx',
  'est',
]);

/** A full stop that ends an English sentence: followed by a space or the end, after a word (with a letter). */
function endsSentence(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next !== undefined && next !== ' ') return false;
  let j = i;
  // Letters and digits: "on every X7. Automatic parking …" ends after a model name.
  while (j > 0 && /[a-z0-9.]/.test(text[j - 1]!)) j--;
  const word = text.slice(j, i);
  return word.length > 0 && /[a-z]/.test(word) && !ABBREVIATIONS.has(word);
}

/**
 * Split [from, to) at any of `breaks`, keeping the break in the left part. With `fullStop`, a "."
 * that ends an English sentence is a break too (not a decimal point, "3.9 s", nor "approx.").
 */
export function splitRanges(
  text: string,
  breaks: Set<string>,
  from = 0,
  to = text.length,
  fullStop = false,
): Range[] {
  const out: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (breaks.has(text[i]!) || (fullStop && text[i] === '.' && endsSentence(text, i))) {
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
