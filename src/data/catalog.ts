import { readBundledYaml } from './bundled.js';

export type FeatureKind = 'equipment' | 'number' | 'offer' | 'restriction';

export interface CatalogFeature {
  key: string;
  kind: FeatureKind;
  dimension?: string;
  unit?: string;
  best?: 'max' | 'min';
  label: { en: string; zh: string };
  /** the rate a figure of the feature is stated at; 'once' for a lump sum (an offer's due at signing) */
  per?: 'month' | 'year' | 'km' | 'once';
  /** dimension -> the key the same words name for a figure of that dimension (warranty years -> km) */
  siblings?: Record<string, string>;
}

export interface UnitDef {
  names: string[];
  dimension: string;
  factor: number;
  exact?: boolean;
  /** ISO 4217 code of a money unit */
  currency?: string;
  /** characters that, right after the unit, make it part of another word ("座舱" is a cockpit) */
  notBefore?: string[];
}

export interface UnitsData {
  units: UnitDef[];
  currencyPrefixes: string[];
  /** currency sign -> ISO 4217 code ("LOCAL": the spec's currency, for ¥ which is CNY or JPY) */
  currencyCodes: Record<string, string>;
  perKm: string[];
  perMonth: { before: string[]; after: string[] };
  /** written after a money amount: a price per mile ("$0.25 per mile"), converted to a price per km */
  perMile?: string[];
  /** written after an amount: a yearly figure ("10,000 miles per year") */
  perYear?: string[];
}

interface FeaturesFile {
  features: Record<string, Omit<CatalogFeature, 'key'>>;
}

let catalogCache: Map<string, CatalogFeature> | undefined;

/** The canonical feature keys of design.md, from rules/features/features.yaml. */
export function featureCatalog(): Map<string, CatalogFeature> {
  if (!catalogCache) {
    const file = readBundledYaml<FeaturesFile>('rules', 'features', 'features.yaml');
    catalogCache = new Map(Object.entries(file.features).map(([key, f]) => [key, { key, ...f }]));
  }
  return catalogCache;
}

export interface OfferKindDef {
  label: { en: string; zh: string };
  words: { en?: string[]; zh?: string[] };
}

export interface OfferTermDef {
  dimension: string;
  unit?: string;
  per?: 'month' | 'year' | 'once';
  /** recognised by its unit alone in a sentence that names the offer ("36 months", "0.9% APR") */
  unitCue?: boolean;
  /** a money figure next to the offer's own name is this term ("¥10,000 trade-in subsidy") */
  offerCue?: boolean;
  label: { en: string; zh: string };
  words: { en?: string[]; zh?: string[] };
}

export interface OffersData {
  kinds: Record<string, OfferKindDef>;
  terms: Record<string, OfferTermDef>;
}

let offersCache: OffersData | undefined;

/** Offer kinds and canonical offer terms, from rules/features/offers.yaml. */
export function offersData(): OffersData {
  offersCache ??= readBundledYaml<OffersData>('rules', 'features', 'offers.yaml');
  return offersCache;
}

export const OFFER_KINDS = [
  'lease',
  'finance',
  'rebate',
  'subsidy',
  'battery_rental',
  'gift',
  'other',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export function unitsData(): UnitsData {
  return readBundledYaml<UnitsData>('rules', 'features', 'units.yaml');
}

/** The canonical terms any offer may state without `terms:` words ("monthly_payment", "apr_percent"). */
export function canonicalOfferTerms(): string[] {
  return Object.keys(offersData().terms);
}

export function findUnit(name: string): UnitDef | undefined {
  const n = name.trim().toLowerCase();
  return unitsData().units.find((u) => u.names.some((x) => x.toLowerCase() === n));
}
