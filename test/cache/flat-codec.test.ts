import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { flatten, unflatten } from '../../src/cache/flat-codec.js';
import { decodeResult, encodeResult } from '../../src/cache/results-cache.js';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { processTextDocument } from '../../src/pipeline/process.js';
import { forRules } from '../../src/pipeline/segment-for-rules.js';
import { loadSpec } from '../../src/spec/load.js';
import type { DocumentKind } from '../../src/types.js';
import { CORPUS, listCorpus } from '../corpus/evaluate.js';
import { hasRealPages, htmlFiles, realPagesDir, repoRoot } from '../helpers/paths.js';
import { asBytes, referenceFlatten } from '../helpers/reference-flatten.js';

const KINDS: Record<string, DocumentKind> = { '.html': 'html', '.md': 'markdown', '.txt': 'text' };

/** Equal values with their keys in the same order (what a JSON report of them prints). */
function expectSame(actual: unknown, expected: unknown, what?: string) {
  expect(actual, what).toStrictEqual(expected);
  expect(JSON.stringify(actual), what).toBe(JSON.stringify(expected));
}

describe('encoded results', () => {
  it('decode to what was encoded: every corpus document, as extracted and as the rules read it', async () => {
    let checked = 0;
    for (const doc of listCorpus()) {
      const kind = doc.path ? KINDS[extname(doc.path)] : undefined;
      if (!kind) continue;
      const specs = await Promise.all(doc.annotation.specs.map((s) => loadSpec(join(CORPUS, 'specs', s))));
      const ctx = buildClaimContext(bundledClaimData(), specs, {
        otherProducts: doc.annotation.otherProducts ?? [],
      });
      const bytes = readFileSync(doc.path!);
      const result = processTextDocument({ uri: doc.id, kind, bytes, sha256: doc.id }, ctx);
      for (const r of [result, forRules(result)]) expectSame(decodeResult(encodeResult(r)), r, doc.id);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("write each string once: a page's URI, headings and texts, repeated in hundreds of places", async () => {
    const ctx = buildClaimContext(bundledClaimData(), [
      await loadSpec(join(CORPUS, 'specs', 'aion-ut-super.yaml')),
    ]);
    const result = processTextDocument(
      { uri: 'site/page-7.html', kind: 'html', bytes: Buffer.from(generatePage(7)), sha256: 'x' },
      ctx,
    );
    const bytes = encodeResult(result);
    expectSame(decodeResult(bytes), result);
    expect(bytes.length).toBeLessThan(serialize(result).length * 0.8);
  });

  it('are not mistaken for something else: other bytes are an error, not a result', () => {
    expect(() => decodeResult(serialize({ extract: { segments: [] }, claims: [] }))).toThrow(/not a result/);
    expect(() => decodeResult(new Uint8Array([1, 2, 3]))).toThrow();
  });
});

describe('flatten', () => {
  it.each<[string, unknown]>([
    [
      'numbers',
      [0, -0, 1, 1.5, -1, 2 ** 32 - 1, 2 ** 32, -(2 ** 40), Number.NaN, Infinity, -Infinity, 1e-300],
    ],
    ['strings', ['', 'a', 'a', '全景天窗', '\u202e', 'x'.repeat(5000)]],
    ['the rest of JSON and undefined', [true, false, null, undefined, { a: undefined }, [], {}]],
    [
      'objects of one size with other keys, and keys in their own order',
      [
        { b: 1, a: 2 },
        { a: 1, b: 2 },
        { a: 1, c: 2 },
        { 2: 'x', 1: 'y', z: 0 },
        { nested: { deep: [{ k: 'v' }] } },
      ],
    ],
  ])('gives back %s as they were', (_what, value) => {
    expectSame(unflatten(structuredClone(flatten(value))), value);
  });

  it('leaves to V8 what is not plain data, and gives it back as V8 does', () => {
    const value = [new Uint8Array([1, 2]), new Map([['k', 1]]), new Date(0), Object.create(null)];
    const flat = flatten(value);
    expect(flat[5]).toHaveLength(4);
    expect(unflatten(structuredClone(flat))).toStrictEqual(structuredClone(value));
  });

  it('shares one key list among objects of one kind', () => {
    const flat = flatten(Array.from({ length: 100 }, (_, i) => ({ line: i, column: i + 1, selector: 'p' })));
    expect(flat[2]).toEqual([['line', 'column', 'selector']]);
    expect(flat[1]).toEqual(['p']);
  });

  it('refuses numbers it did not write', () => {
    const flat = flatten({ a: [1, 2] });
    expect(() => unflatten([flat[0], flat[1], flat[2], new Uint8Array([42]), flat[4], flat[5]])).toThrow(
      /not a flattened value/,
    );
    expect(() => unflatten([flat[0], flat[1], flat[2], asBytes([7, 1000]), flat[4], flat[5]])).toThrow();
    // An integer cut short at the end, and one longer than 32 bits take.
    expect(() => unflatten([flat[0], flat[1], flat[2], new Uint8Array([1, 0x80]), flat[4], flat[5]])).toThrow(
      /integer/,
    );
    expect(() =>
      unflatten([
        flat[0],
        flat[1],
        flat[2],
        new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
        flat[4],
        flat[5],
      ]),
    ).toThrow(/integer/);
    const extra = Uint8Array.from([...flat[3], 6]);
    expect(() => unflatten([flat[0], flat[1], flat[2], extra, flat[4], flat[5]])).toThrow(/left over/);
  });
});

/** The same bytes as the reference (flatten before it read keys with for...in): entries stay readable. */
const expectSameBytes = (value: unknown, what?: string) =>
  expect(Buffer.compare(serialize(flatten(value)), serialize(referenceFlatten(value))), what).toBe(0);

describe('flatten writes what it wrote before', () => {
  const pages = (): [string, Buffer][] => [
    ...[1, 2, 3].map((i): [string, Buffer] => [`generated-${i}.html`, Buffer.from(generatePage(i))]),
    [`unique.html`, Buffer.from(generatePage(4, 20_000, true))],
    ...htmlFiles(join(repoRoot, 'examples')).map((f): [string, Buffer] => [
      f,
      readFileSync(join(repoRoot, f)),
    ]),
    ...(hasRealPages
      ? htmlFiles(realPagesDir).map((f): [string, Buffer] => [f, readFileSync(join(repoRoot, f))])
      : []),
  ];

  it('on pages extracted as they are and as the rules read them', async () => {
    const ctx = buildClaimContext(bundledClaimData(), [
      await loadSpec(join(CORPUS, 'specs', 'aion-ut-super.yaml')),
    ]);
    const all = pages();
    for (const [uri, bytes] of all) {
      const result = processTextDocument({ uri, kind: 'html', bytes, sha256: uri }, ctx);
      expectSameBytes(result, uri);
      expectSameBytes(forRules(result), uri);
    }
    expect(all.length).toBeGreaterThan(hasRealPages ? 8 : 4);
  });

  it.each<[string, unknown]>([
    [
      'numbers, and integers at each byte boundary',
      [
        0,
        -0,
        1,
        1.5,
        -1,
        127,
        128,
        16383,
        16384,
        2 ** 21,
        2 ** 28 - 1,
        2 ** 28,
        2 ** 32 - 1,
        2 ** 32,
        Number.NaN,
        -Infinity,
        0.1 + 0.2,
      ],
    ],
    ['integer-like keys, listed first', { b: 1, 10: 'ten', 2: 'two', a: [{ 1: 'x', y: 2 }] }],
    [
      'key lists that are prefixes of others',
      [{ a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { a: 1, c: 3 }],
    ],
    ['an object with no keys among others', [{}, { a: {} }, [{}]]],
    ['keys deleted and added', Object.assign((({ a, ...rest }) => rest)({ a: 1, b: 2, c: 3 }), { a: 4 })],
    ['a long array of one kind', Array.from({ length: 3000 }, (_, i) => ({ line: i, text: `t${i % 7}` }))],
  ])('on %s', (_what, value) => {
    expectSameBytes(value);
    expectSame(unflatten(structuredClone(flatten(value))), value);
  });

  it('on what it leaves to V8', () => {
    expectSameBytes([new Uint8Array([1]), Object.create(null), new Map([[1, 2]]), { d: new Date(0) }]);
  });

  it('when something made a key of every object inherited and enumerable, lists only own keys', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'yes';
    try {
      const value = { a: 1, nested: [{ b: 2 }] };
      expectSameBytes(value);
      expect(flatten(value)[2]).toEqual([['a', 'nested'], ['b']]);
    } finally {
      delete proto.polluted;
    }
  });
});

describe('unflatten', () => {
  it('gives back an own key named __proto__ as a key, not as the prototype', () => {
    const value = JSON.parse('[{"__proto__": {"x": 1}, "a": 2}, {"b": {"__proto__": 3}}]');
    const back = unflatten(structuredClone(flatten(value))) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.keys(back[0]!)).toEqual(['__proto__', 'a']);
    expectSame(back, value);
  });

  it('builds objects of many key lists, each with its own keys, in order', () => {
    const value = Array.from({ length: 300 }, (_, i) => ({
      [`k${i % 40}`]: i,
      shared: [i],
      [`z${i % 7}`]: { i },
    }));
    expectSame(unflatten(structuredClone(flatten(value))), value);
    expectSame(unflatten(structuredClone(flatten(value))), value);
  });

  it('reads keys that are not identifiers as keys: quotes, newlines, digits, a script', () => {
    const value = { 'a"b': 1, "c'd": 2, 'e\nf': 3, '\u2028': 4, '10': 5, '});throw 1;({': 6, '`x`': 7 };
    expectSame(unflatten(structuredClone(flatten(value))), value);
  });

  it('refuses a key list it does not have', () => {
    const flat = flatten({ a: 1 });
    expect(() => unflatten([flat[0], flat[1], [], flat[3], flat[4], flat[5]])).toThrow(
      /not a flattened value/,
    );
  });
});
