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
export function endsSentence(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next !== undefined && next !== ' ') return false;
  let j = i;
  // Letters and digits: "on every X7. Automatic parking …" ends after a model name.
  while (j > 0 && /[a-z0-9.]/.test(text[j - 1]!)) j--;
  const word = text.slice(j, i);
  return word.length > 0 && /[a-z]/.test(word) && !ABBREVIATIONS.has(word);
}

/** The break characters as UTF-16 code units (a break is one character; see splitRanges). */
const codeSets = new WeakMap<Set<string>, Set<number>>();
function codesOf(breaks: Set<string>): Set<number> {
  let codes = codeSets.get(breaks);
  if (!codes) {
    codes = new Set([...breaks].filter((b) => b.length === 1).map((b) => b.charCodeAt(0)));
    codeSets.set(breaks, codes);
  }
  return codes;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const FULL_STOP = 0x2e;
const COMMA = 0x2c;

/** What `\s` (and String.prototype.trim) counts as white space. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function hasWords(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Split [from, to) at any of `breaks`, keeping the break in the left part. With `fullStop`, a "."
 * that ends an English sentence is a break too (not a decimal point, "3.9 s", nor "approx.").
 * A break is one character. Every sentence and clause of every segment goes through here, so it
 * reads character codes: taking `text[i]` makes a string of each CJK character.
 */
export function splitRanges(
  text: string,
  breaks: Set<string>,
  from = 0,
  to = text.length,
  fullStop = false,
): Range[] {
  const codes = codesOf(breaks);
  const out: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (codes.has(code) || (fullStop && code === FULL_STOP && endsSentence(text, i))) {
      // A decimal point or a thousands separator is not a break ("3,000 km", "9.98万").
      if (
        (code === COMMA || code === FULL_STOP) &&
        i > 0 &&
        isDigit(text.charCodeAt(i - 1)) &&
        isDigit(text.charCodeAt(i + 1))
      )
        continue;
      if (hasWords(text, start, i + 1)) out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < to && hasWords(text, start, to)) out.push({ start, end: to });
  return out;
}

export const inside = (span: Range, range: Range) => span.start >= range.start && span.end <= range.end;
export const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
