import { ConfigError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/parse.js';

/** The problems of the ConfigError that `parse` throws; none when it parses. */
export function problemsOf(parse: () => unknown): ConfigError['problems'] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The problems a spec's text has, as `parseSpec` reports them. */
export const specProblems = (text: string) => problemsOf(() => parseSpec(text, 'spec.yaml'));

/** A spec with offers, restrictions and disclosures, like the demo's. */
export const DEMO_LIKE_SPEC = `
schemaVersion: 1
product: { id: t, name: Test Car }
revision: "r1"
variants:
  - { id: std, name: 标准续航版, aliases: [Standard Range] }
  - { id: lr, name: 长续航版, aliases: [Long Range] }
features:
  sunroof: absent
  sunshade: standard
  price: { value: { std: 49900, lr: 59900 } }
offers:
  battery_rental:
    terms:
      monthly_fee: { value: 399, unit: CNY }
      mileage_cap_km: { value: 3000, per: month }
      overage_fee_per_km: { value: 0.2, unit: CNY }
    validFrom: "2025-11-20"
    validUntil: "2026-01-31"
  subsidy: { validFrom: "2025-11-20", validUntil: "2026-01-31" }
restrictions:
  invoicing_cities: [Guangzhou, Shanghai]
disclosures:
  - { when: [battery_rental], require: [battery_rental.mileage_cap_km, battery_rental.overage_fee_per_km] }
  - { when: [price, subsidy], require: [invoicing_cities] }
`;
