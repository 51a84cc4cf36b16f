import { packsOf } from './pack-terms.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { formatValue } from './spec-lookup.js';

export const meta = {
  id: 'range-cycle',
  severity: 'warning',
  description: 'a range figure is stated without the test cycle it was measured on (CLTC, WLTP, EPA, NEDC)',
  docs: 'docs/rules/range-cycle.md',
  pack: 'range-cycle',
} as const;

const CYCLE = /\b(?:cltc(?:-p)?|wltp|nedc|epa)\b/i;

/**
 * Every range figure names its cycle next to it (its clause, its sentence, or the label of its
 * table row). Claims are read from the page alone, so the rule needs no spec range.
 */
export function check(ctx: RuleContext): FindingDraft[] {
  // Opt-in: only where an enabled pack turns the rule on (a run that lists every rule's default
  // severity, as a test harness does, does not impose it).
  const enabled = packsOf(ctx.options).some((p) => p.rules?.[meta.id] && p.rules[meta.id] !== 'off');
  if (!enabled) return [];
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const claim of ctx.claims) {
    if (claim.feature !== 'range_km' || claim.polarity !== 'asserted' || claim.value === undefined) continue;
    if (claim.cycle || CYCLE.test(claim.evidence.label ?? '')) continue;
    // "330-430 km" is two claims (low and high end) of one figure.
    const key = `${claim.uri}\0${JSON.stringify(claim.evidence.location)}\0${claim.evidence.span.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const figure = claim.range
      ? `${formatValue(claim.range[0], undefined)}-${formatValue(claim.range[1], 'km')}`
      : formatValue(claim.value, 'km');
    out.push({
      message: `"${evidenceSpanText(claim.evidence)}" states a range (${figure}) without its test cycle: name the cycle next to the figure (CLTC, WLTP, EPA, NEDC)`,
      feature: 'range_km',
      claimed: evidenceSpanText(claim.evidence),
      expected: 'a test cycle named next to the figure',
      uri: claim.uri,
      location: claim.evidence.location,
      evidence: claim.evidence,
    });
  }
  return out;
}

export const rule: Rule = { meta, check };
