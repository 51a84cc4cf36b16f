import type { Claim } from '../types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { featureLabel, formatValue, variantNames } from './spec-lookup.js';
import { valuesMatch } from './value-mismatch.js';

export const meta = {
  id: 'inconsistent-claim',
  severity: 'warning',
  description: 'two scanned documents contradict each other about a feature',
  docs: 'docs/rules/inconsistent-claim.md',
  pack: 'recommended',
  perProduct: true,
} as const;

const scopeOf = (c: Claim, all: string[]) => (c.variants?.length ? c.variants : all);
const overlap = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** Two claims about the same feature and variant that cannot both be true. */
function contradiction(
  a: Claim,
  b: Claim,
  ctx: RuleContext,
  all: string[],
): 'polarity' | 'value' | undefined {
  if (a.feature !== b.feature || a.variantLabel || b.variantLabel) return undefined;
  if (!overlap(scopeOf(a, all), scopeOf(b, all))) return undefined;
  if (a.value === undefined && b.value === undefined && !a.items && !b.items) {
    return a.polarity !== b.polarity ? 'polarity' : undefined;
  }
  if (
    a.value !== undefined &&
    b.value !== undefined &&
    a.polarity === 'asserted' &&
    b.polarity === 'asserted'
  ) {
    if (a.bound || b.bound || a.cycle !== b.cycle) return undefined;
    // Different numbers contradict only when both are about one and the same variant.
    const sa = scopeOf(a, all);
    const sb = scopeOf(b, all);
    if (sa.length !== 1 || sb.length !== 1 || sa[0] !== sb[0]) return undefined;
    const feature = ctx.spec.features.get(a.feature);
    const tolerance = feature ?? { tolerance: { absolute: 0, relative: 0 } };
    return valuesMatch(a.value, b.value, tolerance as never, {
      ...a,
      conversionSlack: Math.max(a.conversionSlack ?? 0, b.conversionSlack ?? 0),
    })
      ? undefined
      : 'value';
  }
  return undefined;
}

function describe(c: Claim, label: string, unit?: string): string {
  if (c.value !== undefined) return `${label} is ${formatValue(c.value, unit ?? c.unit)}`;
  return c.polarity === 'asserted' ? `it has ${label}` : `it has no ${label}`;
}

/**
 * Where the spec already says which side is wrong (a promoted feature the spec marks absent, a
 * number the spec states), feature-absent or value-mismatch reports it; a second finding about the
 * same claim would only be noise.
 */
function settledBySpec(a: Claim, b: Claim, ctx: RuleContext, all: string[]): boolean {
  const feature = ctx.spec.features.get(a.feature);
  if (!feature) return false;
  if (a.value !== undefined || b.value !== undefined) return !!feature.values;
  const asserted = a.polarity === 'asserted' ? a : b;
  return scopeOf(asserted, all).every((v) => (feature.availability?.[v] ?? 'absent') === 'absent');
}

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const all = ctx.spec.variants.map((v) => v.id);
  const byFeature = new Map<string, Claim[]>();
  for (const c of ctx.claims) byFeature.set(c.feature, [...(byFeature.get(c.feature) ?? []), c]);
  const reported = new Set<string>();
  for (const [feature, claims] of byFeature) {
    for (let i = 0; i < claims.length; i++) {
      for (let j = i + 1; j < claims.length; j++) {
        let a = claims[i]!;
        let b = claims[j]!;
        if (a.uri === b.uri) continue;
        const kind = contradiction(a, b, ctx, all);
        if (!kind || settledBySpec(a, b, ctx, all)) continue;
        // Report on the later document (by name), pointing at the earlier one: one finding a pair.
        if (a.uri > b.uri) [a, b] = [b, a];
        const key = `${feature}\0${a.uri}\0${b.uri}\0${kind}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const unit = ctx.claimContext.catalog.get(feature)?.unit;
        const label = featureLabel(ctx.claimContext, feature);
        const scope = overlapScope(a, b, all);
        const partial = scope.length > 0 && scope.length < all.length;
        const channelOf = (c: Claim) => (c.channel ? ` (${c.channel})` : '');
        out.push({
          message: `this document${channelOf(b)} says ${describe(b, label, unit)} ("${evidenceSpanText(b.evidence)}"), but ${a.uri}${channelOf(a)} says ${describe(a, label, unit)} ("${evidenceSpanText(a.evidence)}")${partial ? ` for ${variantNames(ctx.spec, scope)}` : ''}: customers will get different answers`,
          feature,
          ...(partial ? { variant: variantNames(ctx.spec, scope) } : {}),
          claimed: describe(b, label, unit),
          expected: `${describe(a, label, unit)} (as ${a.uri} says)`,
          ...(ctx.spec.features.get(feature) ? { specPath: ctx.spec.features.get(feature)!.specPath } : {}),
          uri: b.uri,
          location: b.evidence.location,
          evidence: b.evidence,
          related: [
            {
              uri: a.uri,
              ...(a.channel ? { channel: a.channel } : {}),
              location: a.evidence.location,
              text: evidenceSpanText(a.evidence),
            },
          ],
          identity: `${a.uri} ${evidenceSpanText(a.evidence)} ${evidenceSpanText(b.evidence)}`,
        });
      }
    }
  }
  return out;
}

function overlapScope(a: Claim, b: Claim, all: string[]): string[] {
  const sa = scopeOf(a, all);
  return scopeOf(b, all).filter((v) => sa.includes(v));
}

export const rule: Rule = { meta, check };
