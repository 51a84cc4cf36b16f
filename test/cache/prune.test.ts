import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCache } from '../../src/cache/prune.js';
import { ResultsCache } from '../../src/cache/results-cache.js';
import type { ProcessedDocument } from '../../src/pipeline/process.js';

const HOUR = 3600_000;

/** Entries of 1 KB in two subfolders, entry i last used i minutes after the epoch's first day. */
function cacheWith(count: number): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'claimlint-prune-')), 'results');
  for (let i = 0; i < count; i++) {
    const sub = join(folder, i % 2 ? 'ab' : 'cd');
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `entry-${String(i).padStart(2, '0')}.v8`);
    writeFileSync(file, Buffer.alloc(1024));
    const used = new Date(86_400_000 + i * 60_000);
    utimesSync(file, used, used);
  }
  return folder;
}

const left = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((n) => n.endsWith('.v8'))
    .map((n) => n.slice(3))
    .sort();

describe('pruneCache', () => {
  it('leaves a cache under its bound as it is', () => {
    const folder = cacheWith(10);
    expect(pruneCache(folder, 10 * 1024)).toEqual({ checked: true, removed: 0, bytes: 10 * 1024 });
    expect(left(folder)).toHaveLength(10);
  });

  it('removes the entries used longest ago, down to four fifths of the bound', () => {
    const folder = cacheWith(10);
    const result = pruneCache(folder, 5 * 1024);
    expect(result).toEqual({ checked: true, removed: 6, bytes: 4 * 1024 });
    expect(left(folder)).toEqual(['entry-06.v8', 'entry-07.v8', 'entry-08.v8', 'entry-09.v8']);
  });

  it('lists the folder at most once an hour', () => {
    const folder = cacheWith(10);
    const now = Date.now();
    pruneCache(folder, 20 * 1024, { now });
    expect(existsSync(join(folder, '.pruned'))).toBe(true);
    expect(pruneCache(folder, 0, { now: now + HOUR / 2 })).toEqual({ checked: false, removed: 0, bytes: 0 });
    expect(left(folder)).toHaveLength(10);
    expect(pruneCache(folder, 0, { now: now + 2 * HOUR }).removed).toBe(10);
  });

  it('takes a folder that is not there', () => {
    expect(pruneCache(join(tmpdir(), 'claimlint-no-such-cache', 'results'), 0).removed).toBe(0);
  });
});

describe('results cache entries and pruning', () => {
  it('a hit makes its pack recently used, and pruning goes by packs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-prune-'));
    const empty = { claims: [], extract: { segments: [] } } as unknown as ProcessedDocument;
    const keys = ['a', 'b'].map((k) => ResultsCache.key({ k }));
    for (const key of keys) new ResultsCache(dir).set(key, empty);
    const packs = join(dir, 'results', 'packs');
    const files = readdirSync(packs).map((n) => join(packs, n));
    expect(files).toHaveLength(2);
    const old = new Date(86_400_000);
    for (const file of files) utimesSync(file, old, old);
    const cache = new ResultsCache(dir);
    expect(cache.get(keys[1]!)).toBeDefined();
    const used = files.filter((f) => statSync(f).mtimeMs > Date.now() - HOUR);
    expect(used).toHaveLength(1);
    // Over its bound (pruned down to four fifths of it): the pack not used since goes, the one just used stays.
    expect(pruneCache(cache.folder, Math.ceil(statSync(used[0]!).size * 1.3)).removed).toBe(1);
    expect(readdirSync(packs).map((n) => join(packs, n))).toEqual(used);
    const after = new ResultsCache(dir);
    expect([after.get(keys[0]!), after.get(keys[1]!)].map((r) => r !== undefined)).toEqual([false, true]);
  });
});
