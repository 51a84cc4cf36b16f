import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeResult, encodeResult, ResultsCache } from '../../src/cache/results-cache.js';
import type { ProcessedDocument } from '../../src/pipeline/process.js';

const result = {
  claims: [{ uri: 'a.html', feature: 'sunroof', polarity: 'asserted' }],
  extract: {
    segments: [{ uri: 'a.html', text: '全景天窗', source: 'text', location: { line: 1, column: 1 } }],
  },
} as unknown as ProcessedDocument;

function entryFile(dir: string): string {
  const sub = readdirSync(join(dir, 'results'))[0]!;
  return join(dir, 'results', sub, readdirSync(join(dir, 'results', sub))[0]!);
}

describe('results cache', () => {
  it('returns what it stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const cache = new ResultsCache(dir);
    const key = ResultsCache.key({ a: 1 });
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, result);
    expect(cache.get(key)).toEqual(result);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 5)],
    ['edited', (b: Buffer) => Buffer.from(b).fill(0x41, b.length - 9, b.length - 8)],
    ['written by another claimlint (JSON)', () => Buffer.from(`{"key":"x"}\n${JSON.stringify(result)}`)],
    ['not an entry', () => Buffer.from('garbage')],
  ])('an entry %s on disk is a miss, and set rewrites it', (_, damage) => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const cache = new ResultsCache(dir);
    const key = ResultsCache.key({ b: 2 });
    cache.set(key, result);
    const file = entryFile(dir);
    writeFileSync(file, damage(readFileSync(file)));
    expect(cache.get(key)).toBeUndefined();
    expect(cache.getEncoded(key)).toBeUndefined();
    cache.set(key, result);
    expect(cache.get(key)).toEqual(result);
  });

  it('hands back the bytes it stored, which decode to the result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const cache = new ResultsCache(dir);
    const key = ResultsCache.key({ c: 3 });
    const bytes = encodeResult(result);
    cache.setEncoded(key, bytes);
    expect(Buffer.from(cache.getEncoded(key)!)).toEqual(Buffer.from(bytes));
    expect(decodeResult(cache.getEncoded(key)!)).toEqual(result);
    expect([cache.hits, cache.misses]).toEqual([2, 0]);
  });
});
