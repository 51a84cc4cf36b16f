import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/parse.js';
import { specProblems } from '../helpers/specs.js';

const head = (currency = 'USD') =>
  `schemaVersion: 1\nproduct: { id: x, name: X }\nrevision: r1\ncurrency: ${currency}\nvariants:\n  - { id: se, name: SE }\n  - { id: lr, name: Long Range }\n`;

describe('spec: currencies', () => {
  it.each(['USD', 'EUR', 'GBP', 'JPY', 'HKD', 'CNY', 'CHF'])('accepts %s', (code) => {
    const spec = parseSpec(`${head(code)}features:\n  price: { value: 39990 }\n`, 's.yaml');
    expect(spec.currency).toBe(code);
    expect(spec.features.get('price')?.unit).toBe(code);
  });

  it.each([
    ['USX', 'did you mean "USD"?'],
    ['usd', 'did you mean "USD"?'],
    ['RMB', 'did you mean "CNY"?'],
  ])('rejects %s with a suggestion', (code, hint) => {
    const problems = specProblems(`${head(code)}features:\n  lidar: absent\n`);
    expect(problems.map((p) => [p.path, p.hint])).toContainEqual(['/currency', hint]);
  });

  it('a price in another currency than the spec names is an error that says how to fix it', () => {
    const problems = specProblems(`${head('CNY')}features:\n  price: { value: 39990, unit: USD }\n`);
    expect(problems[0]).toMatchObject({ path: '/features/price/unit', line: 9 });
    expect(problems[0]!.message).toContain("is in USD, but the spec's currency is CNY");
    expect(problems[0]!.hint).toContain('currency: USD');
  });

  it('万元 converts in a CNY spec', () => {
    const spec = parseSpec(
      `${head('CNY')}features:\n  price: { value: { se: 15.98, lr: 18.98 }, unit: 万元 }\n`,
      's',
    );
    expect(spec.features.get('price')?.values).toEqual({ se: 159800, lr: 189800 });
  });
});

describe('spec: offer kinds and canonical terms', () => {
  const lease = `${head()}features:\n  lidar: absent\noffers:\n  lease:\n    terms:\n      monthly_payment: 279\n      term_months: 36\n      due_at_signing: 3999\n      security_deposit: 0\n      mileage_allowance_per_year: { value: 10000, unit: mi }\n    validFrom: "2026-11-01"\n    validUntil: "2026-11-30"\n  pcp:\n    kind: finance\n    terms:\n      apr_percent: 3.9\n      term_months: { value: 60 }\n      down_payment: { value: 2500, unit: USD }\n  subsidy:\n    terms:\n      amount: 7500\n  rebate:\n    terms:\n      amount: 1000\n`;

  it('canonical terms need no terms: words; bare numbers take their natural unit', () => {
    const spec = parseSpec(lease, 's.yaml');
    expect(spec.offers.get('lease')?.kind).toBe('lease');
    expect(spec.offers.get('pcp')?.kind).toBe('finance');
    const f = (k: string) => spec.features.get(k)!;
    expect([f('lease.monthly_payment').values?.se, f('lease.monthly_payment').unit]).toEqual([279, 'USD']);
    expect(f('lease.monthly_payment').per).toBe('month');
    expect([f('lease.term_months').values?.lr, f('lease.term_months').unit]).toEqual([36, 'months']);
    expect(f('lease.mileage_allowance_per_year').values?.se).toBeCloseTo(16093.44);
    expect([f('pcp.apr_percent').values?.se, f('pcp.apr_percent').unit]).toEqual([3.9, '%']);
    expect(f('pcp.down_payment').values?.se).toBe(2500);
    expect(f('subsidy.amount').values?.se).toBe(7500);
    expect(f('rebate.amount').unit).toBe('USD');
    // Words come from the kind: a page's "lease" and "due at signing" are read without terms:.
    expect(f('lease').words?.en).toContain('lease');
    expect(f('pcp').words?.en).toContain('finance');
    expect(f('lease.due_at_signing').words?.en).toContain('due at signing');
    expect(f('lease.due_at_signing').label?.en).toBe('amount due at signing');
  });

  it.each([
    [
      'a misspelt term',
      'monthly_paymnet: 279',
      '/offers/lease/terms/monthly_paymnet',
      'did you mean "monthly_payment"?',
    ],
    [
      'a money term in another currency',
      'monthly_payment: { value: 279, unit: EUR }',
      '/offers/lease/terms/monthly_payment/unit',
      'state it in USD, or set currency: EUR at the top of the spec',
    ],
    [
      'a term in the wrong unit',
      'term_months: { value: 36, unit: km }',
      '/offers/lease/terms/term_months/unit',
      'use months',
    ],
  ])('%s is an error at its path with a hint', (_name, line, path, hint) => {
    const problems = specProblems(
      `${head()}features:\n  lidar: absent\noffers:\n  lease:\n    terms:\n      ${line}\n`,
    );
    expect(problems.map((p) => [p.path, p.hint])).toContainEqual([path, hint]);
  });

  it('an offer that is no kind and brings no words is an error with a suggestion', () => {
    const problems = specProblems(
      `${head()}features:\n  lidar: absent\noffers:\n  leese:\n    terms: { monthly_payment: 279 }\n`,
    );
    expect(problems[0]).toMatchObject({ path: '/offers/leese' });
    expect(problems[0]!.hint).toContain('did you mean "lease"?');
  });

  it('an unknown kind is a schema error with a suggestion', () => {
    const problems = specProblems(`${head()}features:\n  lidar: absent\noffers:\n  deal:\n    kind: leese\n`);
    expect(problems.map((p) => [p.path, p.hint])).toContainEqual([
      '/offers/deal/kind',
      'did you mean "lease"?',
    ]);
  });

  it('a term may have one value per variant; an unknown variant id is an error with a suggestion', () => {
    const text = `${head()}features:\n  lidar: absent\noffers:\n  lease:\n    terms:\n      monthly_payment: { value: { se: 279, lr: 349 } }\n`;
    expect(parseSpec(text, 's.yaml').features.get('lease.monthly_payment')?.values).toEqual({
      se: 279,
      lr: 349,
    });
    const problems = specProblems(text.replace('lr: 349', 'lx: 349'));
    expect(problems.map((p) => [p.path, p.hint])).toContainEqual([
      '/offers/lease/terms/monthly_payment/value/lx',
      'did you mean "lr"?',
    ]);
  });

  it('a disclosure may require a canonical term', () => {
    const spec = parseSpec(
      `${lease}disclosures:\n  - { when: [lease], require: [lease.due_at_signing, lease.term_months] }\n`,
      's.yaml',
    );
    expect(spec.disclosures[0]!.require).toEqual(['lease.due_at_signing', 'lease.term_months']);
  });
});

describe('spec: test cycles and warranty keys', () => {
  const cycles = `${head()}features:\n  range_km:\n    cycle: EPA\n    cycles:\n      EPA: { value: { se: 245, lr: 318 }, unit: mi }\n      WLTP: { value: { se: 410, lr: 570 }, unit: km }\n  warranty_years: 4\n  warranty_km: { value: 50000, unit: mi }\n  battery_warranty_years: 8\n  battery_warranty_km: { value: 100000, unit: mi }\n`;

  it('reads one value per cycle, in km, with the default cycle as the values', () => {
    const spec = parseSpec(cycles, 's.yaml');
    const range = spec.features.get('range_km')!;
    expect(range.cycle).toBe('EPA');
    expect(range.cycles?.WLTP).toEqual({ se: 410, lr: 570 });
    expect(range.cycles?.EPA?.lr).toBeCloseTo(511.77, 1);
    expect(range.values).toBe(range.cycles?.EPA);
    expect(spec.features.get('battery_warranty_years')?.values?.se).toBe(8);
    expect(spec.features.get('warranty_km')?.values?.se).toBeCloseTo(80467.2);
  });

  it('the first cycle is the default when none is named', () => {
    const spec = parseSpec(cycles.replace('    cycle: EPA\n', ''), 's.yaml');
    expect(spec.features.get('range_km')?.cycle).toBe('EPA');
  });

  it.each([
    [
      'a default cycle without values',
      cycles.replace('cycle: EPA', 'cycle: CLTC'),
      '/features/range_km/cycle',
    ],
    ['an unknown cycle', cycles.replace('WLTP:', 'WTLP:'), '/features/range_km/cycles'],
    [
      'value and cycles together',
      cycles.replace('    cycle: EPA\n', '    value: 400\n'),
      '/features/range_km/cycles',
    ],
  ])('%s is an error', (_name, text, path) => {
    expect(specProblems(text).map((p) => p.path)).toContain(path);
  });
});
