import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The cache's only pack. */
function packFile(dir: string): string {
  const packs = readdirSync(join(dir, 'results', 'packs'));
  expect(packs).toHaveLength(1);
  return join(dir, 'results', 'packs', packs[0]!);
}

const packs = (dir: string) => readdirSync(join(dir, 'results', 'packs')).filter((n) => n.endsWith('.pack'));

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
    [
      'written by another claimlint (an entry a file)',
      () => Buffer.from(`{"key":"x"}\n${JSON.stringify(result)}`),
    ],
    ['not an entry', () => Buffer.from('garbage')],
    ['a head that lists no entries', () => Buffer.from('{"entries":7}\n')],
    ['an empty file', () => Buffer.alloc(0)],
  ])('an entry %s on disk is a miss, and set rewrites it', (_, damage) => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const cache = new ResultsCache(dir);
    const key = ResultsCache.key({ b: 2 });
    cache.set(key, result);
    const file = packFile(dir);
    writeFileSync(file, damage(readFileSync(file)));
    // A cache that lists the packs afresh (another run), and the one that wrote it.
    for (const reader of [new ResultsCache(dir), cache]) {
      expect(reader.get(key)).toBeUndefined();
      expect(reader.getEncoded(key)).toBeUndefined();
    }
    cache.set(key, result);
    expect(cache.get(key)).toEqual(result);
    expect(new ResultsCache(dir).get(key)).toEqual(result);
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

  it('holds entries until a pack is full or flush() is called, and serves them meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const writer = new ResultsCache(dir, { packEntries: 3 });
    const keys = [1, 2, 3, 4, 5].map((i) => ResultsCache.key({ i }));
    for (const key of keys.slice(0, 2)) writer.set(key, result);
    expect(existsSync(join(dir, 'results', 'packs'))).toBe(false);
    expect(writer.get(keys[0]!)).toEqual(result);
    expect(new ResultsCache(dir).get(keys[0]!)).toBeUndefined();
    writer.set(keys[2]!, result);
    expect(packs(dir)).toHaveLength(1);
    writer.set(keys[3]!, result);
    writer.set(keys[4]!, result);
    expect(packs(dir)).toHaveLength(1);
    writer.flush();
    writer.flush();
    expect(packs(dir)).toHaveLength(2);
    const reader = new ResultsCache(dir);
    for (const key of keys) expect(reader.get(key)).toEqual(result);
    expect(reader.get(ResultsCache.key({ i: 6 }))).toBeUndefined();
    expect([reader.hits, reader.misses]).toEqual([5, 1]);
  });

  it('a pack of many entries of different sizes gives each its own bytes back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const writer = new ResultsCache(dir, { packEntries: 1000 });
    const bodies = new Map<string, Uint8Array>();
    for (let i = 0; i < 300; i++) {
      // Sizes from empty to 40 KB, so that the head and the offsets are not all alike.
      const body = Buffer.alloc((i * 7919) % 40_000, i % 251);
      const key = ResultsCache.key({ i });
      bodies.set(key, body);
      writer.setEncoded(key, body);
    }
    writer.flush();
    expect(packs(dir)).toHaveLength(1);
    const reader = new ResultsCache(dir);
    const differ = [...bodies].filter(([key, body]) => !Buffer.from(reader.getEncoded(key)!).equals(body));
    expect(differ).toHaveLength(0);
  });

  it('writes a pack when the entries held reach packBytes, whatever their number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const writer = new ResultsCache(dir, { packEntries: 100, packBytes: 10_000 });
    for (let i = 0; i < 5; i++) writer.setEncoded(ResultsCache.key({ i }), new Uint8Array(4_000));
    // 4,000, 8,000, 12,000: a pack; then 4,000 and 8,000 held.
    expect(packs(dir)).toHaveLength(1);
    writer.flush();
    expect(packs(dir)).toHaveLength(2);
  });

  it('an entry held and read is a copy: moving it to another thread leaves the pack whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    const writer = new ResultsCache(dir, { packEntries: 10 });
    const key = ResultsCache.key({ moved: 1 });
    writer.setEncoded(key, encodeResult(result));
    const read = writer.getEncoded(key)!;
    // What a thread does with a result it hands to the main thread.
    structuredClone(read, { transfer: [read.buffer as ArrayBuffer] });
    expect(read.byteLength).toBe(0);
    writer.flush();
    expect(new ResultsCache(dir).get(key)).toEqual(result);
  });

  it.each([
    ['searching the heads (the first lookups)', 0],
    ['from the map of every entry (later lookups)', 40],
  ])(
    'a key in two packs, %s: a damaged copy is passed over for the whole one, whichever was listed first',
    (_, before) => {
      for (const damaged of [0, 1]) {
        const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
        const key = ResultsCache.key({ twice: 1 });
        new ResultsCache(dir).set(key, result);
        new ResultsCache(dir).set(key, result);
        const [a, b] = packs(dir).sort();
        const file = join(dir, 'results', 'packs', [a, b][damaged]!);
        writeFileSync(file, readFileSync(file).subarray(0, -3));
        const reader = new ResultsCache(dir);
        for (let i = 0; i < before; i++)
          expect(reader.getEncoded(ResultsCache.key({ other: i }))).toBeUndefined();
        expect(reader.get(key)).toEqual(result);
        expect(reader.get(key)).toEqual(result);
        expect([reader.hits, reader.misses]).toEqual([2, before]);
      }
    },
  );

  it('finds the packs it writes after its first lookup, before and after it maps every entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-results-'));
    new ResultsCache(dir).set(ResultsCache.key({ old: 1 }), result);
    const cache = new ResultsCache(dir);
    expect(cache.get(ResultsCache.key({ old: 1 }))).toEqual(result);
    const keys = Array.from({ length: 50 }, (_, i) => ResultsCache.key({ i }));
    for (const key of keys) {
      // Each looked up (a miss) and then stored, as a scan does; a fresh cache finds them all.
      expect(cache.get(key)).toBeUndefined();
      cache.set(key, result);
      expect(cache.get(key)).toEqual(result);
    }
    expect([cache.hits, cache.misses]).toEqual([51, 50]);
  });
});
