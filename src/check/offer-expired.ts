import type { Claim } from '../types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { featureLabel } from './spec-lookup.js';

export const meta = {
  id: 'offer-expired',
  severity: 'error',
  description: 'an offer is promoted outside its validFrom..validUntil at the as-of date',
  docs: 'docs/rules/offer-expired.md',
  pack: 'recommended',
  perProduct: true,
} as const;

/** The offer a claim promotes: the offer itself ("电池租赁") or one of its terms ("月租399元"). */
export function offerOf(claim: Claim, ctx: RuleContext): string | undefined {
  const key = claim.feature.split('.')[0]!;
  return ctx.spec.offers.has(key) ? key : undefined;
}

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'asserted') continue;
    const key = offerOf(claim, ctx);
    if (!key) continue;
    const offer = ctx.spec.offers.get(key)!;
    const before = offer.validFrom && ctx.asOf < offer.validFrom;
    const after = offer.validUntil && ctx.asOf > offer.validUntil;
    if (!before && !after) continue;
    // One finding per document and offer: the fix (take the offer down) is one fix.
    const once = `${claim.uri}\0${key}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const window = `${offer.validFrom ?? '…'} to ${offer.validUntil ?? '…'}`;
    out.push({
      message: after
        ? `"${evidenceSpanText(claim.evidence)}" promotes ${featureLabel(ctx.claimContext, key)}, which ended on ${offer.validUntil} (valid ${window}; checked as of ${ctx.asOf}) (${offer.specPath})`
        : `"${evidenceSpanText(claim.evidence)}" promotes ${featureLabel(ctx.claimContext, key)}, which starts only on ${offer.validFrom} (valid ${window}; checked as of ${ctx.asOf}) (${offer.specPath})`,
      feature: key,
      claimed: `promoted on ${ctx.asOf}`,
      expected: `valid ${window}`,
      specPath: offer.specPath,
      uri: claim.uri,
      location: claim.evidence.location,
      evidence: claim.evidence,
      identity: key,
    });
  }
  return out;
}

export const rule: Rule = { meta, check };
