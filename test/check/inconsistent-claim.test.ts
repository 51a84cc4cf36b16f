import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { keep, rule } from '../../src/check/inconsistent-claim.js';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { processTextDocument } from '../../src/pipeline/process.js';
import { loadSpec } from '../../src/spec/load.js';
import type { Claim } from '../../src/types.js';
import { CORPUS } from '../corpus/evaluate.js';
import { ruleTester, runRuleCase } from '../helpers/rule-tester.js';
import { DEMO_LIKE_SPEC } from '../helpers/specs.js';

ruleTester(rule, {
  valid: [
    { name: 'agreeing pages', docs: { 'a.html': '<p>配备热泵空调</p>', 'b.md': '标配热泵空调' } },
    { name: 'one page only', docs: '<p>配备热泵空调</p><p>不支持热泵</p>' },
    {
      name: 'numbers about different variants',
      docs: { 'a.html': '<p>标准续航版续航330公里</p>', 'b.html': '<p>长续航版续航430公里</p>' },
    },
    {
      name: 'the spec settles it: feature-absent reports the wrong side',
      spec: DEMO_LIKE_SPEC,
      docs: { 'a.html': '<p>没有天窗</p>', 'b.html': '<p>全景天窗</p>' },
    },
  ],
  invalid: [
    {
      name: 'no sunshade vs a panoramic sunshade (the seed case)',
      spec: DEMO_LIKE_SPEC,
      channels: { 'jd.html': 'jd', 'store.md': 'store' },
      docs: {
        'jd.html': '<p>埃安UT super没有天窗，也没有全景遮阳帘。</p>',
        'store.md': '没有天窗，但配有全景遮阳帘。',
      },
      errors: [
        {
          feature: 'sunshade',
          uri: 'store.md',
          channel: 'store',
          related: [expect.objectContaining({ uri: 'jd.html', channel: 'jd' })],
          message: expect.stringContaining('(store)'),
        },
      ],
    },
    {
      name: 'a feature the spec does not mention',
      docs: { 'a.html': '<p>标配热泵空调</p>', 'b.html': '<p>This model has no heat pump.</p>' },
      errors: [{ feature: 'heat_pump', uri: 'b.html' }],
    },
    {
      name: 'three pages: each later page names the first earlier page it contradicts',
      docs: {
        'a.html': '<p>This model has no heat pump.</p>',
        'b.html': '<p>标配热泵空调</p>',
        'c.html': '<p>This model has no heat pump.</p>',
      },
      errors: [
        { feature: 'heat_pump', uri: 'b.html', related: [expect.objectContaining({ uri: 'a.html' })] },
        { feature: 'heat_pump', uri: 'c.html', related: [expect.objectContaining({ uri: 'b.html' })] },
      ],
    },
    {
      name: 'many pages on each side: one finding a page, not one a pair',
      docs: {
        'a.html': '<p>This model has no heat pump.</p>',
        'b.html': '<p>This model has no heat pump.</p>',
        'c.html': '<p>标配热泵空调</p>',
        'd.html': '<p>标配热泵空调</p>',
      },
      errors: [
        { feature: 'heat_pump', uri: 'c.html', related: [expect.objectContaining({ uri: 'a.html' })] },
        { feature: 'heat_pump', uri: 'd.html', related: [expect.objectContaining({ uri: 'a.html' })] },
      ],
    },
    {
      name: 'a page that says it again and again: the first of its words is quoted',
      docs: {
        'a.html': '<p>This model has no heat pump.</p>',
        'b.html':
          '<ul><li>标配热泵空调</li><li>配备热泵空调，冬季续航更长</li><li>标配热泵空调</li><li>热泵空调选装</li></ul>',
      },
      errors: [
        {
          feature: 'heat_pump',
          uri: 'b.html',
          evidence: expect.objectContaining({ text: '标配热泵空调' }),
          location: expect.objectContaining({ selector: expect.stringContaining('li:nth-of-type(1)') }),
        },
      ],
    },
    {
      name: 'different values for the same variant',
      spec: `schemaVersion: 1
product: { id: t, name: T }
revision: r
variants: [{ id: a, name: 舒适版 }, { id: b, name: 豪华版 }]
features: { sunroof: absent }`,
      docs: { 'a.html': '<p>舒适版电池容量44.1kWh</p>', 'b.html': '<p>舒适版电池容量50kWh</p>' },
      errors: [{ feature: 'battery_kwh', variant: '舒适版' }],
    },
  ],
});

describe('inconsistent-claim at site scale', () => {
  it('400 pages split between two answers: one finding a page (not 40,000, one a pair)', () => {
    const docs: Record<string, string> = {};
    for (let i = 0; i < 400; i++) {
      docs[`p${String(i).padStart(3, '0')}.html`] =
        i % 2 ? '<p>标配热泵空调</p>' : '<p>This model has no heat pump.</p>';
    }
    const findings = runRuleCase(rule, { name: 'site', docs });
    // Every page but the first contradicts an earlier one, and names the first page that does.
    expect(findings).toHaveLength(399);
    expect(new Set(findings.map((f) => f.uri)).size).toBe(399);
    for (const f of findings) {
      const asserts = Number(f.uri.slice(1, 4)) % 2 === 1;
      expect(f.related?.[0]?.uri).toBe(asserts ? 'p000.html' : 'p001.html');
    }
  });
});

/** keep as it was, with one joined string a claim: the reference the field-by-field keep must agree with. */
function keepBySignature(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    if (c.variantLabel) return false;
    if (c.value === undefined ? c.items : c.polarity !== 'asserted' || c.bound) return false;
    const key = [
      c.uri,
      c.product ?? '',
      c.feature,
      c.polarity,
      c.value ?? '',
      c.unit ?? '',
      c.bound ?? '',
      c.cycle ?? '',
      c.conversionSlack ?? '',
      c.variants?.join('\u0001') ?? '\u0002',
    ].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('the claims inconsistent-claim keeps of a page', () => {
  const base: Claim = {
    uri: 'a.html',
    feature: 'range_km',
    polarity: 'asserted',
    value: 430,
    unit: 'km',
    product: 'p',
    evidence: { source: 'text', text: '续航430公里', span: [0, 8], location: { line: 1, column: 1 } },
  };
  const other = (change: Partial<Claim>): Claim => ({
    ...base,
    ...change,
    evidence: { ...base.evidence, text: '另一句话' },
  });

  it('keeps the first of claims alike in all but their words', () => {
    const first = { ...base };
    expect(keep([first, other({}), other({ unit: 'km' })])).toEqual([first]);
    expect(keep([first, other({})])[0]).toBe(first);
  });

  it.each<[string, Partial<Claim>]>([
    ['another document', { uri: 'b.html' }],
    ['another product', { product: 'q' }],
    ['another feature', { feature: 'battery_kwh' }],
    ['another value', { value: 330 }],
    ['another unit', { unit: 'mi' }],
    ['another test cycle', { cycle: 'WLTP' }],
    ['a conversion slack', { conversionSlack: 0.5 }],
    ['variants named', { variants: ['std'] }],
    ['no variant named (an empty list)', { variants: [] }],
  ])('keeps both when the second differs by %s', (_what, change) => {
    expect(keep([{ ...base }, other(change)])).toHaveLength(2);
  });

  it('tells variant lists apart by their ids in order', () => {
    const a = other({ variants: ['std', 'long'] });
    expect(keep([a, other({ variants: ['long', 'std'] }), other({ variants: ['std', 'long'] })])).toEqual([
      a,
      expect.objectContaining({ variants: ['long', 'std'] }),
    ]);
  });

  it('leaves out what never contradicts: a variant label, a list, a denied or bounded number', () => {
    const items = { ...base, value: undefined, items: ['a'] } as Claim;
    expect(
      keep([
        other({ variantLabel: '舒适版' }),
        items,
        other({ polarity: 'negated' }),
        other({ bound: 'from' }),
      ]),
    ).toEqual([]);
  });

  it('keeps what the joined-string keep kept, on generated pages and the corpus spec', async () => {
    const ctx = buildClaimContext(bundledClaimData(), [
      await loadSpec(join(CORPUS, 'specs', 'aion-ut-super.yaml')),
    ]);
    let compared = 0;
    for (let i = 0; i < 6; i++) {
      const html = generatePage(i, 20_000, i % 2 === 1);
      const { claims } = processTextDocument(
        { uri: `p${i}.html`, kind: 'html', bytes: Buffer.from(html), sha256: '' },
        ctx,
      );
      const kept = keep(claims);
      expect(kept).toEqual(keepBySignature(claims));
      compared += kept.length;
    }
    expect(compared).toBeGreaterThan(50);
  });
});
