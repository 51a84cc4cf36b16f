import { simplifiedChar as simplify } from '../data/simplified-chinese.js';

/** Text prepared for matching, with a map back to offsets in the original. */
export interface NormalizedText {
  text: string;
  /** map[i] = offset in the original text of normalised character i; map[text.length] = original length */
  map: number[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[a-z]/;

export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/**
 * Full-width to half-width (NFKC), traditional to simplified, lowercase, OCR spacing between CJK
 * characters removed, white space folded, and hyphens between Latin words read as spaces
 * ("head-up display" = "head up display").
 */
export function normalizeText(input: string): NormalizedText {
  if (input.length > MEMO_MAX_LENGTH) return normalizeUncached(input);
  let n = memo.get(input);
  if (!n) {
    if (memoChars + input.length > MEMO_CHARS) {
      memo.clear();
      memoChars = 0;
    }
    n = normalizeUncached(input);
    memo.set(input, n);
    memoChars += input.length;
  }
  return n;
}

// A site's pages repeat their texts (navigation, footers, disclaimers, the same feature copy on
// every model page), and one page asks for the same heading or cell many times: a pure function
// of the string, so its result is kept and shared (callers never change a NormalizedText). Bounded
// by characters held (about 10 bytes each with the offset map): some 20 MB a thread at most.
const MEMO_CHARS = 2_000_000;
const MEMO_MAX_LENGTH = 4_000;
const memo = new Map<string, NormalizedText>();
let memoChars = 0;

function normalizeUncached(input: string): NormalizedText {
  return normalizeAscii(input) ?? normalizeGeneral(input);
}

/**
 * The same reading for text that is all ASCII (most English copy, the lexicon's Latin terms), in
 * one pass over character codes: lower case, white space folded, a hyphen or underscore between
 * Latin letters read as a space. Undefined as soon as a character is not ASCII.
 * test/claims/normalize-text.test.ts checks it against normalizeGeneral (both exported for it).
 */
export function normalizeAscii(input: string): NormalizedText | undefined {
  const out: number[] = [];
  const map: number[] = [];
  const n = input.length;
  const mapped = (i: number): number => {
    const c = input.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) return 32;
    return c >= 65 && c <= 90 ? c + 32 : c;
  };
  const isLatin = (c: number | undefined) => c !== undefined && c >= 97 && c <= 122;
  for (let i = 0; i < n; i++) {
    const raw = input.charCodeAt(i);
    if (raw >= 0x80) return undefined;
    const c = mapped(i);
    if (c === 32) {
      if (out.length === 0 || out[out.length - 1] === 32) continue;
      let j = i + 1;
      while (j < n && mapped(j) === 32) j++;
      // Trailing white space is dropped; a non-ASCII character after it is for the general reading.
      if (j >= n) continue;
      if (input.charCodeAt(j) >= 0x80) return undefined;
      out.push(32);
      map.push(i);
      continue;
    }
    if ((c === 45 || c === 95) && isLatin(out[out.length - 1]) && i + 1 < n && isLatin(mapped(i + 1))) {
      out.push(32);
      map.push(i);
      continue;
    }
    out.push(c);
    map.push(i);
  }
  map.push(n);
  let text = '';
  for (let k = 0; k < out.length; k += 4096) text += String.fromCharCode(...out.slice(k, k + 4096));
  return { text, map };
}

/**
 * What the general reading makes of one character of the Basic Multilingual Plane, before spaces
 * are folded: NFKC, traditional to simplified, lower case, white space as a space (one entry per
 * UTF-16 unit of the result). A pure function of the character, kept per character code: Chinese
 * copy asked ICU for each character's NFKC form again and again (a string a character; this
 * reading took 4 % of the time of reading 1,000 pages of new copy, half that now).
 */
const bmpReading: (string | undefined)[] = new Array(0x10000);

function readCharacter(ch: string): string {
  const code = ch.codePointAt(0)!;
  let out: string;
  if (code < 0x80) {
    out = ch.toLowerCase();
  } else {
    out = ch.normalize('NFKC');
    if (isCjk(out)) out = simplify(out);
    out = out.toLowerCase();
  }
  let units = '';
  for (const o of out) units += o.length === 1 && /\s/.test(o) ? ' ' : o;
  return units;
}

/** The general reading, character by character (exported for the test that compares the two). */
export function normalizeGeneral(input: string): NormalizedText {
  const chars: string[] = [];
  const map: number[] = [];
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const code = input.charCodeAt(i);
    const low = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? input.charCodeAt(i + 1) : 0;
    if (low >= 0xdc00 && low <= 0xdfff) {
      // A character outside the BMP (an emoji: "💰 全城最低价"): one entry per UTF-16 unit, so
      // that offsets in the normalised string map back; a unit of a two-unit result read from a
      // two-unit character maps to the unit it came from.
      for (const o of readCharacter(input.slice(i, i + 2))) {
        for (let k = 0; k < o.length; k++) {
          chars.push(o[k]!);
          map.push(i + k);
        }
      }
      i++;
      continue;
    }
    let units = bmpReading[code];
    if (units === undefined) {
      units = readCharacter(input[i]!);
      bmpReading[code] = units;
    }
    for (let k = 0; k < units.length; k++) {
      chars.push(units[k]!);
      map.push(i);
    }
  }

  return foldSpaces(chars, map, input.length);
}

/**
 * The general reading's second pass over its characters (one UTF-16 unit each, with the offset
 * each came from): spaces folded, OCR spacing between CJK characters removed, separators between
 * Latin words read as spaces, curly apostrophes made straight; the map kept aligned.
 */
export function foldSpaces(
  chars: readonly string[],
  map: readonly number[],
  inputLength: number,
): NormalizedText {
  const text: string[] = [];
  const outMap: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (text.length === 0 || text[text.length - 1] === ' ') continue;
      let j = i + 1;
      while (j < chars.length && chars[j] === ' ') j++;
      const prev = text[text.length - 1];
      const next = chars[j];
      if (next === undefined) continue;
      // "全 景 天 窗" (OCR) -> "全景天窗"
      if (isCjk(prev) && isCjk(next)) continue;
      text.push(' ');
      outMap.push(map[i]!);
      continue;
    }
    if (
      (c === '-' || c === '_' || c === '\u2010' || c === '\u2011') &&
      LATIN.test(text[text.length - 1] ?? '')
    ) {
      const next = chars[i + 1] ?? '';
      if (LATIN.test(next)) {
        text.push(' ');
        outMap.push(map[i]!);
        continue;
      }
    }
    const mapped = c === '\u2019' || c === '\u2018' ? "'" : c;
    text.push(mapped);
    outMap.push(map[i]!);
  }
  outMap.push(inputLength);
  return { text: text.join(''), map: outMap };
}

/** Original [start, end) of a normalised span. */
export function originalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  const s = n.map[start] ?? n.map[n.map.length - 1]!;
  // end is exclusive: take the original offset of the last included char, plus its length.
  const lastIndex = Math.max(start, end - 1);
  const last = n.map[lastIndex] ?? s;
  const next = n.map[end] ?? n.map[n.map.length - 1]!;
  return [s, Math.max(next > last ? next : last + 1, s)];
}
