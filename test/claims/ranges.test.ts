import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/claims/normalize-text.js';
import { endsSentence, type Range, splitRanges } from '../../src/claims/ranges.js';
import { contextFor } from '../helpers/claims.js';

/**
 * splitRanges as it was written first (a string for each character, a slice and trim for each
 * part; the full stop that ends a sentence is the same): the reading every sentence and clause of
 * the corpus was tuned with. The one in src/claims/ranges.ts reads character codes and must split
 * every text the same way.
 */
function reference(text: string, breaks: Set<string>, from = 0, to = text.length, fullStop = false): Range[] {
  const out: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (breaks.has(text[i]!) || (fullStop && text[i] === '.' && endsSentence(text, i))) {
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

describe('splitRanges', () => {
  const { cues } = contextFor();
  const sets = [cues.sentenceBreaks, cues.clauseBreaks];

  it('splits 3,000 seeded random texts as the first reading did', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      ...'abcxyz0123456789 ,.;:!?。，；：！？、（）()',
      '\u3000',
      '\u00a0',
      '\t',
      '\n',
      '天窗',
      '续航',
      'approx.',
      'e.g.',
      'No.',
      '3.9',
      '3,000',
      'X7.',
      '9.98万',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      // Segments are split after normalisation; raw text too, for what normalisation would change.
      if (random() < 0.7) text = normalizeText(text).text;
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      for (const breaks of sets)
        for (const fullStop of [false, true]) {
          expect(
            splitRanges(text, breaks, from, to, fullStop),
            JSON.stringify([text, from, to, fullStop]),
          ).toEqual(reference(text, breaks, from, to, fullStop));
          expect(splitRanges(text, breaks, 0, text.length, fullStop)).toEqual(
            reference(text, breaks, 0, text.length, fullStop),
          );
        }
    }
  });

  it('keeps a decimal point and a thousands separator inside a number', () => {
    const text = normalizeText('续航3,000公里，0-100加速3.9秒。It costs ¥99,800. Approx. 500 km range.').text;
    const parts = splitRanges(text, cues.sentenceBreaks, 0, text.length, true).map((r) =>
      text.slice(r.start, r.end).trim(),
    );
    expect(parts).toEqual(
      reference(text, cues.sentenceBreaks, 0, text.length, true).map((r) =>
        text.slice(r.start, r.end).trim(),
      ),
    );
    expect(parts.some((p) => p.includes('3,000'))).toBe(true);
    expect(parts.some((p) => p.includes('3.9'))).toBe(true);
  });
});
