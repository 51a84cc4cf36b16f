import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/types.js';
import { claimsOf, contextFor, testSpec } from '../helpers/claims.js';

const spec = (currency: string, offers = '') =>
  testSpec(
    `schemaVersion: 1\nproduct: { id: e7, name: Volta E7, aliases: [E7] }\nrevision: r1\ncurrency: ${currency}\nfeatures:\n  price: 39990\n  range_km: { cycle: EPA, cycles: { EPA: { value: 318, unit: mi }, WLTP: { value: 570 } } }\n  warranty_years: 4\n${offers}`,
  );

const US = spec(
  'USD',
  `offers:\n  lease:\n    terms: { monthly_payment: 279, term_months: 36, due_at_signing: 3999, security_deposit: 0, mileage_allowance_per_year: { value: 10000, unit: mi }, excess_mileage_fee: { value: 0.25, unit: USD/mi } }\n  finance:\n    terms: { apr_percent: 2.9, term_months: 60, down_payment: 0, monthly_payment: 699 }\n  rebate:\n    terms: { amount: 1500 }\n`,
);
const CN = spec(
  'CNY',
  `offers:\n  finance:\n    terms: { apr_percent: 0, term_months: 36, down_payment: 0, monthly_payment: 2999 }\n`,
);

/** "feature=value unit" of each number claim. */
const read = (text: string, s = US) =>
  claimsOf(text, {}, contextFor(s))
    .filter((c: Claim) => c.value !== undefined)
    .map((c) => `${c.feature}=${Number(c.value!.toPrecision(6))} ${c.unit ?? ''}`.trim());

describe('reading offer terms (canonical, no terms: words in the spec)', () => {
  it.each([
    [
      'Lease the E7 for $279/mo for 36 months with $3,999 due at signing.',
      ['lease.monthly_payment=279 USD', 'lease.term_months=36 months', 'lease.due_at_signing=3999 USD'],
    ],
    [
      'Lease for $279/month. $0 security deposit.',
      ['lease.monthly_payment=279 USD', 'lease.security_deposit=0 USD'],
    ],
    [
      'Lease special: $279 a month, 36 mo. term.',
      ['lease.monthly_payment=279 USD', 'lease.term_months=36 months'],
    ],
    [
      'Lease includes 10,000 miles per year; $0.25 per mile over.',
      ['lease.mileage_allowance_per_year=16093.4 km', 'lease.excess_mileage_fee=0.155343 USD/km'],
    ],
    [
      'Finance at 2.9% APR for 60 months with $0 down.',
      ['finance.apr_percent=2.9 %', 'finance.term_months=60 months', 'finance.down_payment=0 USD'],
    ],
    ['Get $1,500 customer cash on the E7.', ['rebate.amount=1500 USD']],
    ['MSRP starting at $39,990.', ['price=39990 USD']],
    // A rate word owns the figure beside it, not one past another figure.
    [
      'Lease: 36 monthly payments of $279. $3,999 total due at lease signing.',
      ['lease.term_months=36 months', 'lease.monthly_payment=279 USD', 'lease.due_at_signing=3999 USD'],
    ],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    [
      '金融方案：首付0元，36期0息，月供2999元。',
      [
        'finance.down_payment=0 CNY',
        'finance.term_months=36 months',
        'finance.apr_percent=0 %',
        'finance.monthly_payment=2999 CNY',
      ],
    ],
    ['贷款分36个月，年化利率0%。', ['finance.term_months=36 months', 'finance.apr_percent=0 %']],
    // A percentage after 首付 is the down payment's share, not an APR.
    ['金融方案：首付低至20%，享36期0息。', ['finance.term_months=36 months', 'finance.apr_percent=0 %']],
  ])('%s', (text, expected) => {
    expect(read(text, CN)).toEqual(expected);
  });

  it('sums in a lease footnote are neither the price nor a monthly payment', () => {
    expect(
      read(
        'Closed-end lease. MSRP $39,990 (includes destination). Total monthly payments $10,044. Option to purchase at lease end $22,394.',
      ),
    ).toEqual(['price=39990 USD']);
  });

  it.each([
    ['*MSRP excludes $1,395 destination and handling fee.', []],
    ['Price as shown $44,590.', []],
    ['Starting MSRP* $39,990', ['price=39990 USD']],
  ])('a US price footnote: %s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('"financed" names the loan; a rate per $1,000 financed is not a monthly payment', () => {
    expect(read('60 monthly payments of $17.92 per $1,000 financed.')).toEqual([
      'finance.term_months=60 months',
    ]);
  });

  it('a heading names the offer of a price line under it ("Lease the E7 SE" + "$279/mo for 36 months")', () => {
    const claims = claimsOf(
      '$279/mo for 36 months*',
      { headings: ['Lease the 2027 Volta E7 SE'] },
      contextFor(US),
    );
    expect(claims.map((c) => `${c.feature}=${c.value}`)).toEqual([
      'lease.monthly_payment=279',
      'lease.term_months=36',
    ]);
    // A percentage under it is not read as the offer's rate.
    expect(
      claimsOf(
        'Charges from 10 to 80% in 29 minutes.',
        { headings: ['Finance the E7'] },
        contextFor(US),
      ).filter((c) => c.feature.includes('.')),
    ).toEqual([]);
  });

  it('a figure of a term the spec does not state is not read as one ("$0 down" without a down payment)', () => {
    expect(read('Lease for $279/mo, $0 down.')).toEqual(['lease.monthly_payment=279 USD']);
  });

  it('a month count or a percentage far from any offer word is not an offer term', () => {
    expect(read('Charge from 10 to 80% in 29 minutes. The car has 36 months of free connectivity.')).toEqual(
      [],
    );
  });
});

describe('reading currencies', () => {
  it.each([
    ['USD', 'From $39,990.', 'price=39990 USD'],
    ['USD', 'From US$39,990.', 'price=39990 USD'],
    ['CAD', 'From $39,990.', 'price=39990 CAD'],
    ['CAD', 'From US$39,990.', 'price=39990 USD'],
    ['EUR', 'Ab 39.990 € erhältlich, from €39,990.', 'price=39990 EUR'],
    ['GBP', 'From £39,990.', 'price=39990 GBP'],
    ['HKD', 'From HK$399,900.', 'price=399900 HKD'],
    ['CNY', '售价￥159,800起。', 'price=159800 CNY'],
    ['JPY', 'From ¥4,990,000.', 'price=4990000 JPY'],
    ['USD', 'China price: ¥159,800.', 'price=159800 CNY'],
    ['CNY', '售价RMB 159,800。', 'price=159800 CNY'],
    ['CNY', '售价159800元。', 'price=159800 CNY'],
    ['CNY', '售价15.98万元起。', 'price=159800 CNY'],
  ])('%s spec: %s', (currency, text, expected) => {
    expect(read(text, spec(currency))).toContain(expected);
  });
});

describe('reading warranties and cycles', () => {
  it.each([
    [
      'Battery warranty: 8 years or 100,000 miles.',
      ['battery_warranty_years=8 years', 'battery_warranty_km=160934 km'],
    ],
    ['Basic warranty 4 years/50,000 miles.', ['warranty_years=4 years', 'warranty_km=80467.2 km']],
    [
      '整车质保3年或12万公里，电池质保8年。',
      ['warranty_years=3 years', 'warranty_km=120000 km', 'battery_warranty_years=8 years'],
    ],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['EPA-estimated range of up to 318 miles.', 'EPA'],
    ['570 km WLTP range.', 'WLTP'],
  ])('%s names its cycle', (text, cycle) => {
    expect(claimsOf(text, {}, contextFor(US))[0]?.cycle).toBe(cycle);
  });
});
