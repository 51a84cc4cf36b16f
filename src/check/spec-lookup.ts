import type { Availability, NormalizedSpec, SpecFeature } from '../spec/model.js';
import { IMPLICIT_VARIANT } from '../spec/model.js';
import type { Claim } from '../types.js';

/** The variants a claim is about: the ones it names, else all of them. */
export function variantsInScope(claim: Claim, spec: NormalizedSpec): string[] {
  const all = spec.variants.map((v) => v.id);
  if (claim.variants?.length) return claim.variants.filter((v) => all.includes(v));
  return all;
}

export function variantName(spec: NormalizedSpec, id: string): string {
  if (id === IMPLICIT_VARIANT) return spec.product.name;
  return spec.variants.find((v) => v.id === id)?.name ?? id;
}

export function variantNames(spec: NormalizedSpec, ids: string[]): string {
  return ids.map((id) => variantName(spec, id)).join(', ');
}

/** The variant a finding is about, for the report: named when the claim names one. */
export function findingVariant(claim: Claim, spec: NormalizedSpec): string | undefined {
  if (claim.variants?.length) return claim.variants.map((id) => variantName(spec, id)).join(', ');
  return claim.variantLabel;
}

export function availabilityIn(feature: SpecFeature, variants: string[]): Availability[] {
  return variants.map((v) => feature.availability?.[v] ?? 'absent');
}

export function featureLabel(
  claimContext: { catalog: Map<string, { label: { en: string } }> },
  key: string,
): string {
  return claimContext.catalog.get(key)?.label.en ?? key.replace(/_/g, ' ');
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toPrecision(6)));
}

export function formatValue(value: number, unit: string | undefined): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
