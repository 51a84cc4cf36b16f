import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { buildClaimContext } from '../../src/claims/context.js';
import { extractDocumentClaims } from '../../src/claims/document.js';
import { rebaseBySpread, rebaseFor } from '../../src/claims/rebase-claim.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { extractHtml } from '../../src/extract/html.js';
import { loadSpec } from '../../src/spec/load.js';
import type { Claim, Location } from '../../src/types.js';
import { demoSpec } from '../helpers/paths.js';

// claims/rebase-claim.ts copies a kept claim to another segment's URI and place with a function
// made for its key list. The copy must be the spread's: the same keys in the same order (a report
// and `claimlint extract` print claims as they are), the same values, the shared parts shared.

/** A value with every object's keys in order (toEqual alone ignores the order). */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value && typeof value === 'object') {
    return Object.keys(value).map((k) => [k, ordered((value as Record<string, unknown>)[k])]);
  }
  return value;
}

function expectSameCopy(claim: Claim, uri = 'other.html', location: Location = { line: 7, column: 9 }): void {
  const expected = rebaseBySpread(claim, uri, location);
  const got = rebaseFor(claim)(claim, uri, location);
  expect(got).toStrictEqual(expected);
  expect(ordered(got)).toStrictEqual(ordered(expected));
  expect(ordered(got.evidence)).toStrictEqual(ordered(expected.evidence));
  // Shared, not copied: what the claim holds besides its evidence, and its evidence's parts.
  for (const k of Object.keys(claim) as (keyof Claim)[]) {
    if (k !== 'uri' && k !== 'evidence') expect(got[k]).toBe(claim[k]);
  }
  expect(got.evidence.span).toBe(claim.evidence.span);
  expect(got.evidence.location).toBe(location);
  expect(got).not.toBe(claim);
  expect(got.evidence).not.toBe(claim.evidence);
}

const base = (): Claim => ({
  uri: 'a.html',
  feature: 'heated_seats',
  polarity: 'asserted',
  evidence: { source: 'text', text: '标配座椅加热', span: [2, 6], location: { line: 1, column: 1 } },
});

describe('rebaseFor', () => {
  it('copies every claim of generated pages as the spread does', async () => {
    const ctx = {
      ...buildClaimContext(bundledClaimData(), [await loadSpec(demoSpec)]),
      rememberReadings: false,
    };
    const keyLists = new Set<string>();
    let copied = 0;
    for (let i = 0; i < 12; i++) {
      for (const claim of extractDocumentClaims(
        extractHtml(`page-${i}.html`, generatePage(i, 20_000)).segments,
        ctx,
      )) {
        expectSameCopy(claim);
        keyLists.add(Object.keys(claim).join());
        copied++;
      }
    }
    expect(copied).toBeGreaterThan(1_000);
    // Claims of many key lists: each list gets its own function, and none is mixed up with another.
    expect(keyLists.size).toBeGreaterThan(10);
  });

  it.each<[string, () => Claim]>([
    ['a plain claim', base],
    ['optional fields set to undefined', () => ({ ...base(), value: undefined, unit: undefined })],
    ['uri not first', () => Object.assign({ feature: 'x', uri: 'a.html' }, base())],
    ['no uri of its own', () => ({ ...base(), uri: undefined as unknown as string })],
    [
      'no uri key at all: it comes after the claim keys',
      () => {
        const { uri: _, ...rest } = base();
        return rest as Claim;
      },
    ],
    [
      'an evidence without a location: it comes last',
      () => {
        const { location: _, ...evidence } = base().evidence;
        return { ...base(), evidence: evidence as Claim['evidence'] };
      },
    ],
    ['an evidence with a label', () => ({ ...base(), evidence: { ...base().evidence, label: '座椅加热' } })],
    [
      'keys a literal must quote',
      () =>
        ({ ...base(), 'a"b': 1, 'line\nbreak': 2, '\u2028': 3, '}); throw 1; ({': 4 }) as unknown as Claim,
    ],
    [
      'integer-like keys, listed first',
      () => ({ ...base(), 10: 'ten', 2: 'two', '-1': 'minus' }) as unknown as Claim,
    ],
    [
      'an own __proto__ key (taken by the spread)',
      () => JSON.parse(JSON.stringify({ ...base(), __proto__x: 1 }).replace('__proto__x', '__proto__')),
    ],
    [
      'an own __proto__ key in the evidence',
      () => {
        const c = base();
        return {
          ...c,
          evidence: JSON.parse('{"__proto__": 1, "source": "text", "span": [0, 1], "text": "x"}'),
        };
      },
    ],
    ['a frozen claim', () => Object.freeze({ ...base(), why: Object.freeze({ term: '座椅加热' }) })],
  ])('copies %s as the spread does', (_, make) => {
    expectSameCopy(make());
  });

  it('takes the spread for what a literal cannot hold as it is', () => {
    const proto = JSON.parse(JSON.stringify(base()).replace('"feature"', '"__proto__"'));
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
    expect(rebaseFor(proto)).toBe(rebaseBySpread);
    const symbol = { ...base(), [Symbol('s')]: 1 } as Claim;
    expect(rebaseFor(symbol)).toBe(rebaseBySpread);
    expectSameCopy(symbol);
    const bare = { ...base(), evidence: Object.assign(Object.create(null), base().evidence) };
    expect(rebaseFor(bare)).toBe(rebaseBySpread);
    expectSameCopy(bare);
  });

  it('gives claims of one key list one function, and claims of another key order another', () => {
    expect(rebaseFor(base())).toBe(rebaseFor(base()));
    const reordered = Object.assign({ feature: 'x' }, base());
    expect(rebaseFor(reordered)).not.toBe(rebaseFor(base()));
    expect(rebaseFor({ ...base(), value: 1 })).not.toBe(rebaseFor(base()));
  });

  it('keeps a bounded number of functions, then copies by spread', () => {
    const many = Array.from({ length: 2_100 }, (_, i) => ({ ...base(), [`k${i}`]: i }) as Claim);
    const made = many.map((c) => rebaseFor(c));
    expect(made.at(-1)).toBe(rebaseBySpread);
    for (const c of many.slice(-5)) expectSameCopy(c);
  });
});
