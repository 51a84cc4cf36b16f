// value-mismatch and offer-expired on a USD spec with offer kinds, test cycles and warranty keys.
import { rule as offerExpired } from '../../src/check/offer-expired.js';
import { rule as valueMismatch } from '../../src/check/value-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';

const US = `schemaVersion: 1
product: { id: e7, name: Volta E7, aliases: [E7] }
revision: r1
currency: USD
variants:
  - { id: se, name: E7 SE, aliases: [SE] }
  - { id: lr, name: E7 Long Range, aliases: [Long Range] }
features:
  price: { value: { se: 39990, lr: 47990 } }
  range_km:
    cycle: EPA
    cycles:
      EPA: { value: { se: 245, lr: 318 }, unit: mi }
      WLTP: { value: { se: 410, lr: 570 } }
  warranty_years: 4
  warranty_km: { value: 50000, unit: mi }
  battery_warranty_years: 8
offers:
  lease:
    terms: { monthly_payment: 279, term_months: 36, due_at_signing: 3999 }
    validFrom: "2025-11-01"
    validUntil: "2025-11-30"
  finance:
    terms: { apr_percent: 2.9, term_months: 60 }
    validFrom: "2025-12-01"
    validUntil: "2026-01-02"
  rebate:
    terms: { amount: 1500 }
    validUntil: "2025-10-31"
  gift:
    words: { en: [free home charger] }
    validFrom: "2026-01-01"
`;

ruleTester(valueMismatch, {
  valid: [
    {
      name: 'lease terms as in the spec',
      spec: US,
      docs: '<p>Lease the E7 SE for $279/mo for 36 months, $3,999 due at signing.</p>',
    },
    {
      name: 'finance terms as in the spec',
      spec: US,
      docs: '<p>Finance the E7 Long Range at 2.9% APR for 60 months.</p>',
    },
    { name: 'a rebate amount as in the spec', spec: US, docs: '<p>Get $1,500 customer cash on the E7.</p>' },
    { name: 'a USD price', spec: US, docs: '<p>The E7 SE starts at $39,990.</p>' },
    {
      name: 'EPA range in miles (the default cycle)',
      spec: US,
      docs: '<p>Long Range: EPA-estimated 318 miles of range.</p>',
    },
    { name: 'WLTP range against the WLTP value', spec: US, docs: '<p>Long Range: 570 km WLTP range.</p>' },
    {
      name: 'a range with no cycle, against the default cycle',
      spec: US,
      docs: '<p>E7 SE range: 245 miles.</p>',
    },
    {
      name: 'a cycle the spec does not state is not compared',
      spec: US,
      docs: '<p>Long Range: 650 km CLTC range.</p>',
    },
    {
      name: 'battery warranty is not compared with the vehicle warranty',
      spec: US,
      docs: '<p>Basic warranty 4 years/50,000 miles. Battery warranty: 8 years.</p>',
    },
  ],
  invalid: [
    {
      name: 'a monthly payment that differs',
      spec: US,
      docs: '<p>Lease the E7 SE for $259/month for 36 months.</p>',
      errors: [
        {
          feature: 'lease.monthly_payment',
          claimed: '259 USD',
          expected: '279 USD',
          specPath: 'offers.lease.terms.monthly_payment',
        },
      ],
    },
    {
      name: 'a per-variant payment: the Long Range lease at the SE price',
      spec: US.replace('monthly_payment: 279,', 'monthly_payment: { value: { se: 279, lr: 349 } },'),
      docs: '<p>Lease the E7 Long Range for $279/mo.</p>',
      errors: [{ feature: 'lease.monthly_payment', variant: 'E7 Long Range', expected: '349 USD' }],
    },
    {
      name: 'a term and an amount due that differ',
      spec: US,
      docs: '<p>Lease the E7 for $279/mo for 39 months with $2,999 due at signing.</p>',
      errors: [
        { feature: 'lease.term_months', claimed: '39 months', expected: '36 months' },
        { feature: 'lease.due_at_signing', claimed: '2,999 USD', expected: '3,999 USD' },
      ],
    },
    {
      name: 'an APR that differs',
      spec: US,
      docs: '<p>Finance the E7 at 1.9% APR for 60 months.</p>',
      errors: [{ feature: 'finance.apr_percent', claimed: '1.9 %', expected: '2.9 %' }],
    },
    {
      name: 'a figure in another currency is info, not a mismatch',
      spec: US,
      docs: '<p>The E7 SE starts at €36,990.</p>',
      errors: [{ feature: 'price', severity: 'info', claimed: '36,990 EUR', expected: 'a figure in USD' }],
    },
    {
      name: 'an EPA range that differs',
      spec: US,
      docs: '<p>Long Range: EPA-estimated 330 miles.</p>',
      errors: [{ feature: 'range_km', variant: 'E7 Long Range' }],
    },
    {
      name: 'a range with no cycle that differs from the default cycle',
      spec: US,
      docs: '<p>E7 SE range: 260 miles.</p>',
      errors: [{ feature: 'range_km', variant: 'E7 SE' }],
    },
    {
      name: 'the WLTP figure labelled EPA is a mislabelled cycle',
      spec: US,
      docs: '<p>Long Range: 570 km EPA range.</p>',
      errors: [{ feature: 'range_km', specPath: 'features.range_km.cycles.EPA', expected: '570 km is WLTP' }],
    },
    {
      name: 'a vehicle warranty that differs',
      spec: US,
      docs: '<p>Basic warranty 5 years/60,000 miles.</p>',
      errors: [
        { feature: 'warranty_km', claimed: '96560.6 km' },
        { feature: 'warranty_years', claimed: '5 years' },
      ],
    },
  ],
});

ruleTester(offerExpired, {
  valid: [
    {
      name: 'a finance offer within its dates',
      spec: US,
      asOf: '2025-12-15',
      docs: '<p>Finance at 2.9% APR.</p>',
    },
    {
      name: 'a gift offer that has started',
      spec: US,
      asOf: '2026-01-15',
      docs: '<p>Free home charger with every E7.</p>',
    },
  ],
  invalid: [
    {
      name: 'a lease after its end',
      spec: US,
      asOf: '2025-12-15',
      docs: '<p>Lease the E7 for $279/mo.</p>',
      errors: [{ feature: 'lease', specPath: 'offers.lease' }],
    },
    {
      name: 'a rebate after its end',
      spec: US,
      asOf: '2025-12-15',
      docs: '<p>Get $1,500 customer cash.</p>',
      errors: [{ feature: 'rebate' }],
    },
    {
      name: 'a gift before its start',
      spec: US,
      asOf: '2025-12-15',
      docs: '<p>Free home charger with every E7.</p>',
      errors: [{ feature: 'gift' }],
    },
    {
      name: 'a finance offer before its start, by its term alone',
      spec: US,
      asOf: '2025-11-15',
      docs: '<p>Finance the E7: 2.9% APR for 60 months.</p>',
      errors: [{ feature: 'finance' }],
    },
  ],
});
