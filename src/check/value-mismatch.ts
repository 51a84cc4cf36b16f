import type { SpecFeature } from '../spec/model.js';
import type { Claim } from '../types.js';
import { mislabelledCycle, valuesForCycle } from './cycles.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { featureLabel, findingVariant, formatValue, variantName, variantsInScope } from './spec-lookup.js';

export const meta = {
  id: 'value-mismatch',
  severity: 'error',
  description:
    'a stated value differs from the spec (range, battery, price, fee, cap, invoicing cities, ...)',
  docs: 'docs/rules/value-mismatch.md',
  pack: 'recommended',
  perProduct: true,
} as const;

export function valuesMatch(claimed: number, expected: number, feature: SpecFeature, claim: Claim): boolean {
  const allowed =
    feature.tolerance.absolute +
    feature.tolerance.relative * Math.abs(expected) +
    (claim.conversionSlack ?? 0) * Math.abs(claimed) +
    1e-9 * Math.max(1, Math.abs(expected));
  return Math.abs(claimed - expected) <= allowed;
}

/** The spec values a claim is compared with, and what the comparison means. */
function expectedFor(
  claim: Claim,
  feature: SpecFeature,
  scope: string[],
): { values: [string, number][]; mode: string } {
  const values = scope
    .map((v) => [v, feature.values?.[v]] as const)
    .filter((e): e is [string, number] => e[1] !== undefined);
  if (!values.length) return { values, mode: 'none' };
  // The top of a stated range is the line-up's highest value, whichever way is best ("21.98-28.98万元").
  if (claim.bound === 'upTo' && claim.range) {
    const high = Math.max(...values.map((v) => v[1]));
    return { values: values.filter((v) => v[1] === high), mode: 'highest' };
  }
  if (claim.bound === 'upTo') {
    const best =
      feature.best === 'min' ? Math.min(...values.map((v) => v[1])) : Math.max(...values.map((v) => v[1]));
    return {
      values: values.filter((v) => v[1] === best),
      mode: feature.best === 'min' ? 'best (lowest)' : 'best (highest)',
    };
  }
  if (claim.bound === 'from') {
    const low = Math.min(...values.map((v) => v[1]));
    return { values: values.filter((v) => v[1] === low), mode: 'lowest' };
  }
  return { values, mode: 'any' };
}

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const claim of ctx.claims) {
    if (claim.polarity !== 'asserted') continue;
    const f = findingOf(ctx, claim);
    if (f) out.push(f);
  }
  return out;
}

// A claim's finding is made in functions of their own, not in the loop over claims: V8 compiled
// the whole check again each time claims of a key list it had not met came through (twice a
// thread on 1,000 generated pages); split, what it compiles again is small.

/** What an asserted claim's value (or list of cities) says against the spec, if it differs. */
function findingOf(ctx: RuleContext, claim: Claim): FindingDraft | undefined {
  if (claim.feature === 'invoicing_cities' && claim.items) return citiesFinding(ctx, claim);
  if (claim.value === undefined) return undefined;
  const specFeature = ctx.spec.features.get(claim.feature);
  if (!specFeature?.values) return undefined;
  // A figure in another currency than the spec's cannot be compared: said, not judged.
  if (isMoney(specFeature) && claim.unit && claim.unit !== specFeature.unit)
    return otherCurrency(ctx, claim, specFeature);
  // Values measured another way are not comparable: a WLTP range against a CLTC-only spec, or a
  // 10-80% charging time against a 30-80% one. A spec with several cycles has the one named.
  const feature = valuesForCycle(claim, specFeature);
  if (!feature) return undefined;
  if (
    claim.window &&
    feature.window &&
    (claim.window[0] !== feature.window[0] || claim.window[1] !== feature.window[1])
  )
    return undefined;
  const scope = claim.variantLabel ? ctx.spec.variants.map((v) => v.id) : variantsInScope(claim, ctx.spec);
  const { values, mode } = expectedFor(claim, feature, scope);
  if (!values.length) return undefined;
  if (values.some(([, v]) => valuesMatch(claim.value!, v, feature, claim))) return undefined;
  const other = mislabelledCycle(claim, specFeature, scope, (v) =>
    valuesMatch(claim.value!, v, feature, claim),
  );
  if (other) return mislabelledFinding(ctx, claim, specFeature, feature, values, other);
  return mismatchFinding(ctx, claim, feature, values, mode);
}

type Expected = ReturnType<typeof expectedFor>;

/** The value is the spec's figure for another test cycle than the one the claim names. */
function mislabelledFinding(
  ctx: RuleContext,
  claim: Claim,
  specFeature: SpecFeature,
  feature: SpecFeature,
  values: Expected['values'],
  other: string,
): FindingDraft {
  const unit = feature.unit ?? claim.unit;
  const variant = findingVariant(claim, ctx.spec);
  return {
    message: `"${evidenceSpanText(claim.evidence)}" labels ${formatValue(claim.value!, unit)} as ${claim.cycle}, but that is the spec's ${other} figure; the ${claim.cycle} figure is ${[...new Set(values.map(([, v]) => formatValue(v, unit)))].join(' or ')} (mislabelled cycle) (${specFeature.specPath})`,
    feature: claim.feature,
    ...(variant ? { variant } : {}),
    claimed: `${formatValue(claim.value!, unit)} ${claim.cycle}`,
    expected: `${formatValue(claim.value!, unit)} is ${other}`,
    specPath: `${specFeature.specPath}.cycles.${claim.cycle}`,
    uri: claim.uri,
    location: claim.evidence.location,
    evidence: claim.evidence,
  };
}

function mismatchFinding(
  ctx: RuleContext,
  claim: Claim,
  feature: SpecFeature,
  values: Expected['values'],
  mode: Expected['mode'],
): FindingDraft {
  const unit = feature.unit ?? claim.unit;
  const variant = findingVariant(claim, ctx.spec);
  const expectedText = [...new Set(values.map(([, v]) => formatValue(v, unit)))].join(' or ');
  const where = ctx.spec.implicitVariant
    ? ''
    : ` for ${values.map(([id]) => variantName(ctx.spec, id)).join(', ')}`;
  const bound = claim.bound === 'upTo' ? 'up to ' : claim.bound === 'from' ? 'from ' : '';
  const cycle = feature.cycles && feature.cycle ? ` ${feature.cycle}` : '';
  return {
    message: `"${evidenceSpanText(claim.evidence)}" states ${featureLabel(ctx.claimContext, claim.feature)} ${bound}${formatValue(claim.value!, unit)}, but the spec says ${expectedText}${cycle}${where}${mode === 'any' || mode === 'none' ? '' : ` (${mode})`} (${feature.specPath})`,
    feature: claim.feature,
    ...(variant ? { variant } : {}),
    claimed: `${bound}${formatValue(claim.value!, unit)}`,
    expected: expectedText,
    specPath: feature.specPath,
    uri: claim.uri,
    location: claim.evidence.location,
    evidence: claim.evidence,
  };
}

const isMoney = (f: SpecFeature) => f.dimension === 'money' || f.dimension === 'money_per_km';

function otherCurrency(ctx: RuleContext, claim: Claim, feature: SpecFeature): FindingDraft {
  const variant = findingVariant(claim, ctx.spec);
  return {
    severity: 'info',
    message: `"${evidenceSpanText(claim.evidence)}" states ${featureLabel(ctx.claimContext, claim.feature)} in ${claim.unit}, but the spec is in ${feature.unit}: not compared (${feature.specPath})`,
    feature: claim.feature,
    ...(variant ? { variant } : {}),
    claimed: formatValue(claim.value!, claim.unit),
    expected: `a figure in ${feature.unit}`,
    specPath: feature.specPath,
    uri: claim.uri,
    location: claim.evidence.location,
    evidence: claim.evidence,
  };
}

function citiesFinding(ctx: RuleContext, claim: Claim): FindingDraft | undefined {
  const spec = ctx.spec.invoicingCities;
  if (!spec?.length) return undefined;
  const allowed = spec.map((c) => ctx.claimContext.places.canonical(c.name));
  const claimed = claim.items ?? [];
  const extra = claimed.includes('*') ? ['everywhere'] : claimed.filter((c) => !allowed.includes(c));
  if (!extra.length) return undefined;
  return {
    message: `"${evidenceSpanText(claim.evidence)}" says invoices are issued in ${claimed.includes('*') ? 'every city' : claimed.join(', ')}, but the spec allows only ${allowed.join(', ')} (restrictions.invoicing_cities)`,
    feature: 'invoicing_cities',
    claimed: claimed.includes('*') ? 'everywhere' : claimed.join(', '),
    expected: allowed.join(', '),
    specPath: 'restrictions.invoicing_cities',
    uri: claim.uri,
    location: claim.evidence.location,
    evidence: claim.evidence,
  };
}

export const rule: Rule = { meta, check };
