import { describe, expect, it } from 'vitest';
import { isWhiteSpace, LineIndex, TextBuilder } from '../../src/extract/text-builder.js';
import type { SegmentPiece } from '../../src/types.js';

/** The builder as first written, a character at a time: what the word-at-a-time one must equal. */
function reference(source: string, calls: Call[]): { text: string; pieces: SegmentPiece[] } {
  const lines = new LineIndex(source);
  let text = '';
  let pending = false;
  const pieces: SegmentPiece[] = [];
  for (const call of calls) {
    if (call.kind === 'space') {
      if (text.length > 0) pending = true;
      continue;
    }
    let newPiece = true;
    for (let i = 0; i < call.data.length; i++) {
      const ch = call.data[i]!;
      if (/\s/.test(ch)) {
        if (text.length > 0) pending = true;
        if (ch === '\n' && call.rawStart !== undefined) newPiece = true;
        continue;
      }
      if (pending) {
        text += ' ';
        pending = false;
      }
      if (newPiece) {
        const pos = call.rawStart !== undefined ? lines.at(call.rawStart + i) : call.fallback;
        if (pos) pieces.push({ offset: text.length, line: pos.line, column: pos.column });
        newPiece = false;
      }
      text += ch;
    }
  }
  return { text, pieces };
}

type Call =
  | { kind: 'append'; data: string; rawStart?: number; fallback?: { line: number; column: number } }
  | { kind: 'space' };

function built(source: string, calls: Call[]): { text: string; pieces: SegmentPiece[] } {
  const b = new TextBuilder(new LineIndex(source));
  for (const call of calls) {
    if (call.kind === 'space') b.space();
    else b.append(call.data, call.rawStart, call.fallback);
  }
  return { text: b.text, pieces: b.pieces };
}

/** A small deterministic generator (no dependency on Math.random: a failure can be replayed). */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const PARTS = [
  'a',
  'Range',
  '705',
  'km',
  '续航',
  '全景天窗',
  '。',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\t',
  '\u3000',
  '\u00a0',
  '😀',
];

describe('TextBuilder', () => {
  it('folds white space and maps each source line to its line and column', () => {
    const source = '<p>\n  Range:\n  705 km</p>';
    const b = new TextBuilder(new LineIndex(source));
    b.append('\n  Range:\n  705 km', 3);
    expect(b.text).toBe('Range: 705 km');
    expect(b.pieces).toEqual([
      { offset: 0, line: 2, column: 3 },
      { offset: 7, line: 3, column: 3 },
    ]);
  });

  it('gives the same text and pieces as a character at a time, on 2,000 generated inputs', () => {
    const next = generator(7);
    for (let round = 0; round < 2000; round++) {
      let source = '';
      const calls: Call[] = [];
      const count = 1 + Math.floor(next() * 4);
      for (let c = 0; c < count; c++) {
        if (next() < 0.2) {
          calls.push({ kind: 'space' });
          continue;
        }
        let data = '';
        const parts = Math.floor(next() * 8);
        for (let p = 0; p < parts; p++) data += PARTS[Math.floor(next() * PARTS.length)];
        const mode = next();
        const rawStart = source.length;
        source += `${data}<br>`;
        if (mode < 0.6) calls.push({ kind: 'append', data, rawStart });
        else if (mode < 0.8) calls.push({ kind: 'append', data, fallback: { line: 9, column: 4 } });
        else calls.push({ kind: 'append', data });
      }
      expect(built(source, calls), JSON.stringify(calls)).toEqual(reference(source, calls));
    }
  });
});

describe('words are what /\\S+/ finds', () => {
  it('takes as white space exactly what \\s matches, for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (isWhiteSpace(c) !== /\s/.test(String.fromCharCode(c)))
        expect({ c, isWhiteSpace: isWhiteSpace(c) }).toEqual({ c });
    }
  });

  it('folds every kind of white space between words, and keeps a word whole across surrogate pairs', () => {
    const spaces = ' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
    const b = new TextBuilder(new LineIndex(''));
    b.append(`${spaces}全景天窗${spaces}💰Head-up\u200bdisplay${spaces}`, undefined);
    // A zero-width space (U+200B) is not white space to \s: it stays inside the word.
    expect(b.text).toBe('全景天窗 💰Head-up\u200bdisplay');
  });
});
