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
  id: 'feature-denied',
  severity: 'warning',
  description: 'a page says a feature is absent that the spec has as standard for the variants in scope',
  docs: 'docs/rules/feature-denied.md',
  pack: 'recommended',
  perProduct: true,
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'negated' || claim.value !== undefined || claim.variantLabel) continue;
    const feature = ctx.spec.features.get(claim.feature);
    if (!feature?.availability) continue;
    const scope = variantsInScope(claim, ctx.spec);
    // Only a denial that is false for every variant it is about: "no heated seats" is true of a trim
    // that has them as an option or not at all. A denial for every variant ("on any trim", "全系均不
    // 配备", "No Lumo 3 has") is false as soon as one variant has it as standard.
    const availability = availabilityIn(feature, scope);
    const standard = scope.filter((_, i) => availability[i] === 'standard');
    if (!scope.length || !standard.length) continue;
    if (!claim.allVariants && standard.length !== scope.length) continue;
    const variant =
      claim.allVariants && standard.length < scope.length
        ? variantNames(ctx.spec, standard)
        : findingVariant(claim, ctx.spec);
    const where =
      claim.variants?.length || ctx.spec.implicitVariant || standard.length < scope.length
        ? `on ${variantNames(ctx.spec, standard)}`
        : 'on every variant';
    out.push({
      message: `"${evidenceSpanText(claim.evidence)}" says the car has no ${featureLabel(ctx.claimContext, claim.feature)}, but spec revision ${ctx.spec.revision} has it as standard ${where} (${feature.specPath})`,
      feature: claim.feature,
      ...(variant ? { variant } : {}),
      claimed: 'absent',
      expected: 'standard',
      specPath: feature.specPath,
      uri: claim.uri,
      location: claim.evidence.location,
      evidence: claim.evidence,
    });
  }
  return out;
}

export const rule: Rule = { meta, check };
