import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  normalizeAscii,
  normalizeGeneral,
  normalizeText,
  originalSpan,
} from '../../src/claims/normalize-text.js';
import { hasRealPages, htmlFiles, realPagesDir, repoRoot } from '../helpers/paths.js';
import { referenceGeneral } from '../helpers/reference-normalize.js';

const corpusDocs = join(repoRoot, 'test', 'corpus', 'docs');

describe('normalizeText', () => {
  it.each([
    ['ＨＵＤ抬头显示', 'hud抬头显示'],
    ['電動天窗', '电动天窗'],
    ['座椅加熱', '座椅加热'],
    ['全 景 天 窗', '全景天窗'],
    ['Head-Up Display', 'head up display'],
    ['续航　500  公里', '续航 500 公里'],
    ['３０００公里', '3000公里'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('maps normalised offsets back to the original', () => {
    const input = '本车配备 全 景 天 窗。';
    const n = normalizeText(input);
    const at = n.text.indexOf('全景天窗');
    const [s, e] = originalSpan(n, at, at + 4);
    expect(input.slice(s, e)).toBe('全 景 天 窗');
  });
});

describe('normalizeText keeps its results', () => {
  it('gives the same object for the same text, and the same reading for a text too long to keep', () => {
    expect(normalizeText('電動天窗，座椅加熱')).toBe(normalizeText('電動天窗，座椅加熱'));
    const long = '續航500公里，'.repeat(1000);
    const a = normalizeText(long);
    const b = normalizeText(long);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(a.text.startsWith('续航500公里,')).toBe(true);
  });
});

describe('the ASCII reading', () => {
  it('reads every ASCII text as the general reading does (2,000 seeded random texts)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = 'aZ09 -_\t\n\r.,;:\'"()/%$HUDhead-up  \f\v';
    const differ: string[] = [];
    for (let k = 0; k < 2000; k++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const fast = normalizeAscii(text);
      const general = normalizeGeneral(text);
      if (fast?.text !== general.text || fast.map.join() !== general.map.join())
        differ.push(JSON.stringify(text));
    }
    expect(differ).toEqual([]);
  });

  it.each([
    ['Head-Up Display', 'head up display'],
    ['  Adaptive\tcruise \n control  ', 'adaptive cruise control'],
    ['over_the_air', 'over the air'],
    ['0-100 km/h in 3.9 s', '0-100 km/h in 3.9 s'],
    ['HUD -', 'hud -'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
    expect(normalizeAscii(input)).toEqual(normalizeGeneral(input));
  });

  it('leaves any text with a character beyond ASCII to the general reading', () => {
    expect(normalizeAscii('HUD 抬头显示')).toBeUndefined();
    expect(normalizeAscii('Head\u00a0up')).toBeUndefined();
    expect(normalizeText('Head\u00a0up').text).toBe('head up');
  });
});

describe('the general reading keeps each character’s reading', () => {
  // Its reading of one character is kept per character code; the reference reads every character
  // through ICU as it did before (test/helpers/reference-normalize.ts).
  const same = (input: string) => {
    const got = normalizeGeneral(input);
    const want = referenceGeneral(input);
    if (got.text !== want.text || got.map.join() !== want.map.join())
      expect({ input, ...got }).toEqual({ input, ...want });
  };

  it('reads every character of the Basic Multilingual Plane as before, alone and between others', () => {
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      same(`a${ch}-b`);
      same(`全 ${ch} 窗`);
    }
    // Twice: the second time from the kept readings.
    for (let code = 0; code < 0x10000; code += 7)
      same(`x ${String.fromCharCode(code)}${String.fromCharCode(code)}`);
  });

  it.each([
    ['an emoji', '💰 全城最低价 🚗'],
    ['a character outside the BMP that simplifies', '𠵾𡃁 续航'],
    ['a compatibility character outside the BMP', '𝐀𝟏 𝕊'],
    ['an astral character NFKC splits', '🄐🄑 and 𝟘'],
    ['a lone high surrogate', 'a\ud83d b'],
    ['a lone low surrogate', 'a\ude00 b'],
    ['a surrogate pair at the end', 'x😀'],
    ['a high surrogate at the end', 'x\ud83d'],
  ])('reads %s as before', (_name, input) => {
    same(input);
  });

  it('reads the corpus documents and the real pages as before', () => {
    const files = [
      ...readdirSync(corpusDocs)
        .filter((f) => !f.endsWith('.yaml'))
        .map((f) => join(corpusDocs, f)),
      ...(hasRealPages ? htmlFiles(realPagesDir) : []),
    ];
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (let at = 0; at < text.length; at += 3000) same(text.slice(at, at + 3000));
    }
  });
});
