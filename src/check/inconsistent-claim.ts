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
  crossDocument: true,
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

/** A claim with its place in the run's claim order (which pair a finding quotes follows it). */
interface Entry {
  claim: Claim;
  order: number;
}

/** The claims of one feature of one product, by document, with what each document could contradict. */
interface FeatureIndex {
  feature: string;
  byDoc: Map<string, Entry[]>;
  /** `variant\0polarity` -> the first document (by name) with a presence claim covering the variant */
  presence: Map<string, string>;
  /** `variant\0cycle` -> distinct values of one-variant numbers, each with the first document stating it */
  values: Map<string, { claim: Claim; uri: string }[]>;
}

const productOf = (c: Claim) => (c as Claim & { product?: string }).product ?? '';
const isPresence = (c: Claim) => c.value === undefined && !c.items && !c.variantLabel;
/** A promoted feature the spec marks absent: feature-absent reports it (see settledBySpec). */
const presenceSettled = (c: Claim, ctx: RuleContext, all: string[]) =>
  c.polarity === 'asserted' &&
  !!ctx.spec.features.get(c.feature) &&
  scopeOf(c, all).every(
    (v) => (ctx.spec.features.get(c.feature)!.availability?.[v] ?? 'absent') === 'absent',
  );
const isSingleValue = (c: Claim, all: string[]) =>
  c.value !== undefined &&
  c.polarity === 'asserted' &&
  !c.bound &&
  !c.variantLabel &&
  scopeOf(c, all).length === 1;

/**
 * Claims indexed by product and feature, and within a feature by variant: a document finds the
 * first document that contradicts it by looking up its own claims' variants, not by comparing
 * itself with every other document (a site of thousands of pages stays linear).
 */
function buildIndexes(ctx: RuleContext, all: string[]): FeatureIndex[] {
  const indexes = new Map<string, FeatureIndex>();
  ctx.claims.forEach((claim, order) => {
    const key = `${productOf(claim)}\0${claim.feature}`;
    let index = indexes.get(key);
    if (!index) {
      index = { feature: claim.feature, byDoc: new Map(), presence: new Map(), values: new Map() };
      indexes.set(key, index);
    }
    const entries = index.byDoc.get(claim.uri) ?? [];
    if (!entries.length) index.byDoc.set(claim.uri, entries);
    entries.push({ claim, order });
    const earlier = (held: string | undefined) => held === undefined || claim.uri < held;
    if (isPresence(claim)) {
      if (presenceSettled(claim, ctx, all)) return;
      for (const v of scopeOf(claim, all)) {
        const k = `${v}\0${claim.polarity}`;
        if (earlier(index.presence.get(k))) index.presence.set(k, claim.uri);
      }
    } else if (isSingleValue(claim, all) && !ctx.spec.features.get(claim.feature)?.values) {
      const k = `${scopeOf(claim, all)[0]}\0${claim.cycle ?? ''}`;
      const list = index.values.get(k) ?? [];
      if (!list.length) index.values.set(k, list);
      const same = list.find(
        (e) =>
          e.claim.value === claim.value && (e.claim.conversionSlack ?? 0) === (claim.conversionSlack ?? 0),
      );
      if (!same) list.push({ claim, uri: claim.uri });
      else if (claim.uri < same.uri) Object.assign(same, { claim, uri: claim.uri });
    }
  });
  return [...indexes.values()];
}

/** The documents before `uri` (by name) that contradict one of its claims, first of each variant. */
function earlierContradicting(
  index: FeatureIndex,
  uri: string,
  kind: 'polarity' | 'value',
  ctx: RuleContext,
  all: string[],
): string[] {
  const candidates = new Set<string>();
  const consider = (other: string | undefined) => {
    if (other !== undefined && other < uri) candidates.add(other);
  };
  for (const { claim } of index.byDoc.get(uri) ?? []) {
    if (kind === 'polarity' && isPresence(claim)) {
      if (presenceSettled(claim, ctx, all)) continue;
      const opposite = claim.polarity === 'asserted' ? 'negated' : 'asserted';
      for (const v of scopeOf(claim, all)) consider(index.presence.get(`${v}\0${opposite}`));
    } else if (kind === 'value' && isSingleValue(claim, all)) {
      for (const e of index.values.get(`${scopeOf(claim, all)[0]}\0${claim.cycle ?? ''}`) ?? []) {
        if (contradiction(e.claim, claim, ctx, all)) consider(e.uri);
      }
    }
  }
  return [...candidates].sort();
}

/** The first pair of claims (in the run's order) of two documents that contradict each other. */
function contradictingPair(
  a: Entry[],
  b: Entry[],
  ctx: RuleContext,
  all: string[],
  kind: 'polarity' | 'value',
): [Claim, Claim] | undefined {
  const merged = [...a, ...b].sort((x, y) => x.order - y.order);
  for (let i = 0; i < merged.length; i++) {
    for (let j = i + 1; j < merged.length; j++) {
      const x = merged[i]!.claim;
      const y = merged[j]!.claim;
      if (x.uri === y.uri) continue;
      if (contradiction(x, y, ctx, all) === kind && !settledBySpec(x, y, ctx, all)) return [x, y];
    }
  }
  return undefined;
}

/**
 * One finding for each document that contradicts an earlier one (by name), on the later document,
 * naming the first earlier document it contradicts: two documents give one finding, and a site
 * where hundreds of pages disagree gives one finding a page, not one a pair.
 */
export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const all = ctx.spec.variants.map((v) => v.id);
  for (const index of buildIndexes(ctx, all)) {
    const feature = index.feature;
    for (const uri of [...index.byDoc.keys()].sort()) {
      for (const kind of ['polarity', 'value'] as const) {
        let pair: [Claim, Claim] | undefined;
        for (const other of earlierContradicting(index, uri, kind, ctx, all)) {
          pair = contradictingPair(index.byDoc.get(other)!, index.byDoc.get(uri)!, ctx, all, kind);
          if (pair) break;
        }
        if (!pair) continue;
        let [a, b] = pair;
        // Report on the later document (by name), pointing at the earlier one.
        if (a.uri > b.uri) [a, b] = [b, a];
        out.push(finding(a, b, feature, ctx, all));
      }
    }
  }
  return out;
}

function finding(a: Claim, b: Claim, feature: string, ctx: RuleContext, all: string[]): FindingDraft {
  const unit = ctx.claimContext.catalog.get(feature)?.unit;
  const label = featureLabel(ctx.claimContext, feature);
  const scope = overlapScope(a, b, all);
  const partial = scope.length > 0 && scope.length < all.length;
  const channelOf = (c: Claim) => (c.channel ? ` (${c.channel})` : '');
  return {
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
  };
}

function overlapScope(a: Claim, b: Claim, all: string[]): string[] {
  const sa = scopeOf(a, all);
  return scopeOf(b, all).filter((v) => sa.includes(v));
}

/** Two lists of variants alike: the same ids in the same order, or neither given. */
const sameVariants = (a: string[] | undefined, b: string[] | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Two claims of one feature interchangeable for this rule: alike in every field it reads but the
 * evidence. Fields compared one by one, not as a joined string: a page's claims were a fifth of
 * an extraction thread's rule time as strings (0.3 against 0.08 ms a generated page; BENCHMARKS.md,
 * eleventh session).
 */
const alike = (a: Claim, b: Claim): boolean =>
  a.uri === b.uri &&
  productOf(a) === productOf(b) &&
  a.polarity === b.polarity &&
  (a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value))) &&
  (a.unit ?? '') === (b.unit ?? '') &&
  (a.bound ?? '') === (b.bound ?? '') &&
  (a.cycle ?? '') === (b.cycle ?? '') &&
  a.conversionSlack === b.conversionSlack &&
  sameVariants(a.variants, b.variants);

/**
 * The claims this rule can read, of one document (or a page and its images). A list without a
 * number, a variant the spec does not name, or a number that is denied or bounded never
 * contradicts another (see `contradiction`). Of claims alike in all but their words, the first
 * stands for the rest: any pair a later one makes, the first makes earlier in the run's order, and
 * the pair a finding quotes is the first one.
 */
export function keep(claims: Claim[]): Claim[] {
  const byFeature = new Map<string, Claim[]>();
  return claims.filter((c) => {
    if (c.variantLabel) return false;
    if (c.value === undefined ? c.items : c.polarity !== 'asserted' || c.bound) return false;
    const kept = byFeature.get(c.feature);
    if (!kept) {
      byFeature.set(c.feature, [c]);
      return true;
    }
    for (const k of kept) if (alike(k, c)) return false;
    kept.push(c);
    return true;
  });
}

export const rule: Rule = { meta, check, keep };
