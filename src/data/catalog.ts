import { readBundledYaml } from './bundled.js';

export type FeatureKind = 'equipment' | 'number' | 'offer' | 'restriction';

export interface CatalogFeature {
  key: string;
  kind: FeatureKind;
  dimension?: string;
  unit?: string;
  best?: 'max' | 'min';
  label: { en: string; zh: string };
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

export function unitsData(): UnitsData {
  return readBundledYaml<UnitsData>('rules', 'features', 'units.yaml');
}

/** Offer names whose terms are canonical keys ("battery_rental.monthly_fee"). */
export function canonicalOfferTerms(offer: string): string[] {
  const prefix = `${offer}.`;
  return [...featureCatalog().keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

export function findUnit(name: string): UnitDef | undefined {
  const n = name.trim().toLowerCase();
  return unitsData().units.find((u) => u.names.some((x) => x.toLowerCase() === n));
}
