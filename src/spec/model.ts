import type { FeatureKind, OfferKind } from '../data/catalog.js';

export type Availability = 'standard' | 'optional' | 'absent';

export interface SpecVariant {
  id: string;
  name: string;
  aliases: string[];
}

export interface Tolerance {
  absolute: number;
  relative: number;
}

/** One checkable fact of the spec: an equipment feature, a number, an offer, an offer term. */
export interface SpecFeature {
  key: string;
  kind: FeatureKind;
  /** where in the spec file the fact is, e.g. features.range_km or offers.battery_rental.terms.mileage_cap_km */
  specPath: string;
  /** per variant id; absent when the spec only gives a value */
  availability?: Record<string, Availability>;
  /** per variant id, in the canonical unit of the dimension */
  values?: Record<string, number>;
  unit?: string;
  dimension?: string;
  best: 'max' | 'min';
  /** the test cycle `values` are measured on (the default for a page that names none) */
  cycle?: string;
  /** values per test cycle (range_km: { cycles: { EPA: ..., WLTP: ... } }), per variant id, canonical unit */
  cycles?: Record<string, Record<string, number>>;
  /** the rate a figure is stated at (an offer's monthly payment) */
  per?: 'month' | 'year' | 'km' | 'once';
  /** what reports call it, when the catalog does not know the key (an offer's canonical term) */
  label?: { en: string; zh: string };
  window?: [number, number];
  tolerance: Tolerance;
  /** custom words (design: custom keys bring their own terms) */
  words?: { en?: string[]; zh?: string[] };
  custom: boolean;
}

export interface SpecOffer {
  key: string;
  kind: OfferKind;
  specPath: string;
  validFrom?: string;
  validUntil?: string;
  description?: string;
  termKeys: string[];
}

export interface SpecPlace {
  name: string;
  aliases: string[];
}

export interface SpecDisclosure {
  when: string[];
  require: string[];
  message?: string;
  specPath: string;
}

export interface NormalizedSpec {
  product: { id: string; name: string; aliases: string[] };
  revision: string;
  currency: string;
  variants: SpecVariant[];
  /** true when the spec lists no variants: one implicit variant stands for the product */
  implicitVariant: boolean;
  features: Map<string, SpecFeature>;
  offers: Map<string, SpecOffer>;
  invoicingCities?: SpecPlace[];
  disclosures: SpecDisclosure[];
  sha256: string;
  path?: string;
}

export const IMPLICIT_VARIANT = '*';
