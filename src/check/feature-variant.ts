import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { availabilityIn, featureLabel, findingVariant, variantName, variantsInScope } from './spec-lookup.js';

export const meta = {
  id: 'feature-variant',
  severity: 'warning',
  description: 'a feature is claimed as if standard but is optional or only on some variants',
  docs: 'docs/rules/feature-variant.md',
  pack: 'recommended',
  perProduct: true,
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'asserted' || claim.value !== undefined || claim.variantLabel) continue;
    // A plain mention ("a heat pump", "Heated seats and a heated steering wheel") says the car can
    // have it, which is true when any variant has it; "standard", "全系标配", "every trim" or a ● say
    // every buyer in scope gets it, and that is what this rule checks.
    if (claim.qualifier !== 'standard' && !claim.allVariants) continue;
    const feature = ctx.spec.features.get(claim.feature);
    if (!feature?.availability) continue;
    const scope = variantsInScope(claim, ctx.spec);
    const availability = availabilityIn(feature, scope);
    // All absent is feature-absent's finding; all standard is a true claim.
    if (availability.every((a) => a === 'absent') || availability.every((a) => a === 'standard')) continue;
    const parts: string[] = [];
    const standard = scope.filter((_, i) => availability[i] === 'standard');
    const optional = scope.filter((_, i) => availability[i] === 'optional');
    const absent = scope.filter((_, i) => availability[i] === 'absent');
    if (standard.length)
      parts.push(`standard on ${standard.map((v) => variantName(ctx.spec, v)).join(', ')}`);
    if (optional.length)
      parts.push(`optional on ${optional.map((v) => variantName(ctx.spec, v)).join(', ')}`);
    if (absent.length)
      parts.push(`not available on ${absent.map((v) => variantName(ctx.spec, v)).join(', ')}`);
    const how = 'as standard';
    // The variants the claim is false for: named, or those in scope that lack it as standard.
    const variant = claim.variants?.length
      ? findingVariant(claim, ctx.spec)
      : [...optional, ...absent].map((v) => variantName(ctx.spec, v)).join(', ');
    out.push({
      // "全系标配" / "standard on every trim" that is false for a trim is a false statement, not a
      // vague one: it fails CI.
      ...(claim.allVariants ? { severity: 'error' as const } : {}),
      message: `"${evidenceSpanText(claim.evidence)}" promotes ${featureLabel(ctx.claimContext, claim.feature)} ${how}, but the spec has it ${parts.join('; ')} (${feature.specPath})`,
      feature: claim.feature,
      ...(variant ? { variant } : {}),
      claimed: 'standard',
      expected: parts.join('; '),
      specPath: feature.specPath,
      uri: claim.uri,
      location: claim.evidence.location,
      evidence: claim.evidence,
    });
  }
  return out;
}

export const rule: Rule = { meta, check };
