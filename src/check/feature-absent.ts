import type { Claim } from '../types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import {
  availabilityIn,
  featureLabel,
  findingVariant,
  variantNames,
  variantsInScope,
} from './spec-lookup.js';

export const meta = {
  id: 'feature-absent',
  severity: 'error',
  description: 'a feature is claimed that the spec marks absent (for the variants in scope)',
  docs: 'docs/rules/feature-absent.md',
  pack: 'recommended',
  perProduct: true,
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'asserted' || claim.value !== undefined) continue;
    const feature = ctx.spec.features.get(claim.feature);
    if (!feature?.availability) continue;
    const scope = variantsInScope(claim, ctx.spec);
    const availability = availabilityIn(feature, scope);
    // A column the spec does not know could be any variant: only a feature no variant has is wrong.
    const lenientScope = claim.variantLabel ? ctx.spec.variants.map((v) => v.id) : scope;
    const lenient = availabilityIn(feature, lenientScope);
    if (!availability.length || !lenient.every((a) => a === 'absent')) continue;
    out.push(finding(ctx, claim, scope));
  }
  return out;
}

function finding(ctx: RuleContext, claim: Claim, scope: string[]): FindingDraft {
  const label = featureLabel(ctx.claimContext, claim.feature);
  const quoted = evidenceSpanText(claim.evidence);
  const feature = ctx.spec.features.get(claim.feature)!;
  const forVariants =
    claim.variants?.length || ctx.spec.implicitVariant
      ? ` for ${variantNames(ctx.spec, scope)}`
      : ' on every variant';
  const variant = findingVariant(claim, ctx.spec);
  return {
    message: `"${quoted}" promotes ${label}, but spec revision ${ctx.spec.revision} marks ${claim.feature} absent${forVariants} (${feature.specPath})`,
    feature: claim.feature,
    ...(variant ? { variant } : {}),
    claimed: 'present',
    expected: 'absent',
    specPath: feature.specPath,
    uri: claim.uri,
    location: claim.evidence.location,
    evidence: claim.evidence,
  };
}

export const rule: Rule = { meta, check };
