import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OcrCache } from '../../src/cache/ocr-cache.js';
import type { OcrResult } from '../../src/extract/image/ocr-image.js';

// Issue 15, item 7: a damaged cache entry crashed the run; it is a miss, and the next set rebuilds it.

const result: OcrResult = {
  width: 100,
  height: 50,
  lines: [
    {
      words: [{ text: 'sunroof', bbox: { x0: 1, y0: 2, x1: 60, y1: 20 }, confidence: 91 }],
      bbox: { x0: 1, y0: 2, x1: 60, y1: 20 },
      confidence: 91,
      lang: 'eng',
      pass: 'grey',
    },
  ],
  options: { scale: 1, passes: ['grey/eng'], languages: ['eng'], lightThreshold: 200, rescaled: false },
};

describe('OcrCache', () => {
  it('returns what it stored; a damaged entry is a miss, counted as rebuilt, and set rewrites it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-ocrcache-'));
    const cache = new OcrCache(dir);
    const key = OcrCache.key({ image: 'abc' });
    await cache.set(key, result);
    expect(await cache.get(key)).toEqual(result);
    const [sub] = readdirSync(join(dir, 'ocr'));
    const file = join(dir, 'ocr', sub!, `${key}.json`);
    const good = readFileSync(file, 'utf8');
    const edits = [
      '',
      good.slice(0, good.length / 2),
      JSON.stringify({ key, result: { ...result, lines: [{ words: null }] } }),
      JSON.stringify({ key, result: { ...result, lines: [{ ...result.lines[0], words: [{ text: 5 }] }] } }),
      good.replace('sunroof', 'sunshade'),
      JSON.stringify({ key: 'another', result }),
    ];
    for (const edit of edits) {
      writeFileSync(file, edit);
      expect(await cache.get(key)).toBeUndefined();
    }
    expect(cache.rebuilt).toBe(edits.length);
    await cache.set(key, result);
    expect(readFileSync(file, 'utf8')).toBe(good);
    expect(await cache.get(key)).toEqual(result);
  });
});
