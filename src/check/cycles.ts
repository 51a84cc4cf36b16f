import type { SpecFeature } from '../spec/model.js';
import type { Claim } from '../types.js';

/**
 * The spec values a claim is compared with, by test cycle: the cycle the claim names, else the
 * spec's default cycle. Undefined when the claim names a cycle the spec does not state (a WLTP
 * figure against a CLTC-only spec is measured another way and cannot be compared).
 */
export function valuesForCycle(claim: Claim, feature: SpecFeature): SpecFeature | undefined {
  if (!claim.cycle) return feature;
  if (feature.cycles) {
    const values = feature.cycles[claim.cycle];
    return values ? { ...feature, values, cycle: claim.cycle } : undefined;
  }
  if (feature.cycle && claim.cycle !== feature.cycle) return undefined;
  return feature;
}

/**
 * The other cycle whose value a figure labelled with one cycle actually is ("570 km EPA" when 570 km
 * is the WLTP figure): a mislabelled cycle, not just a wrong number.
 */
export function mislabelledCycle(
  claim: Claim,
  feature: SpecFeature,
  scope: string[],
  matches: (value: number) => boolean,
): string | undefined {
  if (!claim.cycle || !feature.cycles) return undefined;
  for (const [cycle, values] of Object.entries(feature.cycles)) {
    if (cycle === claim.cycle) continue;
    if (scope.some((v) => values[v] !== undefined && matches(values[v]!))) return cycle;
  }
  return undefined;
}
