import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { featureLabel } from './spec-lookup.js';

export const meta = {
  id: 'unknown-feature',
  severity: 'info',
  description: 'a known feature is claimed that the spec says nothing about',
  docs: 'docs/rules/unknown-feature.md',
  pack: 'recommended',
  perProduct: true,
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'asserted') continue;
    const kind = ctx.claimContext.catalog.get(claim.feature)?.kind;
    if (kind !== 'equipment' && kind !== 'number') continue;
    if (ctx.spec.features.has(claim.feature)) continue;
    // Once per document and feature: the spec gap is one thing to fix, however often it shows.
    const key = `${claim.uri}\0${claim.feature}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      message: `"${evidenceSpanText(claim.evidence)}" claims ${featureLabel(ctx.claimContext, claim.feature)}, which the spec does not mention: add features.${claim.feature} so the claim can be checked`,
      feature: claim.feature,
      specPath: `features.${claim.feature}`,
      uri: claim.uri,
      location: claim.evidence.location,
      evidence: claim.evidence,
    });
  }
  return out;
}

export const rule: Rule = { meta, check };
