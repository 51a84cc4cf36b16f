// The spec as written, after schema validation (specs/vehicle-spec.schema.json).

export type RawAvailability = 'absent' | 'standard' | 'optional';
export interface RawPerVariant {
  standard?: string[];
  optional?: string[];
  absent?: string[];
}
export interface RawWords {
  en?: string[];
  zh?: string[];
}
export interface RawFeatureObject {
  availability?: RawAvailability | RawPerVariant;
  value?: number | Record<string, number>;
  unit?: string;
  cycle?: string;
  tolerance?: number | string;
  window?: [number, number];
  terms?: RawWords;
  cycles?: Record<
    string,
    { value: number | Record<string, number>; unit?: string; tolerance?: number | string }
  >;
}
export type RawFeature = RawAvailability | number | RawPerVariant | RawFeatureObject;

export interface RawOfferTerm {
  /** one value, or one per variant id (a lease of $279/month on the SE and $349 on the Long Range) */
  value: number | Record<string, number>;
  unit?: string;
  per?: 'month' | 'year' | 'km';
  tolerance?: number | string;
  terms?: RawWords;
}

export interface RawSpec {
  schemaVersion: 1;
  product: { id: string; name: string; aliases?: string[] };
  revision: string;
  currency?: string;
  variants?: { id: string; name: string; aliases?: string[] }[];
  features: Record<string, RawFeature>;
  offers?: Record<
    string,
    {
      kind?: string;
      description?: string;
      terms?: Record<string, RawOfferTerm | number>;
      validFrom?: string;
      validUntil?: string;
      words?: RawWords;
    }
  >;
  restrictions?: { invoicing_cities?: (string | { name: string; aliases?: string[] })[] };
  disclosures?: { when: string[]; require: string[]; message?: string }[];
}
