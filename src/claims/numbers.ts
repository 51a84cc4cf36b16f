import type { Claim, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { evidenceFor } from './evidence.js';
import type { TermHit } from './lexicon.js';
import type { NormalizedText } from './normalize-text.js';
import type { Quantity } from './quantities.js';
import { scopeVariants } from './scope.js';
import { type Range, splitRanges } from './text-claims.js';

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/**
 * Which feature a number states: an explicit cue in its clause ("续航 500公里") whose dimension
 * fits the unit, nearest first; else what the unit alone says for sure (元/公里 is the overage fee,
 * km a month the mileage cap).
 */
function featureFor(
  q: Quantity,
  clause: Range,
  sentence: Range,
  hits: TermHit[],
  ctx: ClaimContext,
): TermHit | string | undefined {
  const fits = (h: TermHit) => {
    if (!h.feature) return false;
    const f = ctx.catalog.get(h.feature);
    return f?.kind === 'number' && f.dimension === q.dimension;
  };
  const inClause = hits.filter((h) => h.start >= clause.start && h.end <= clause.end && fits(h));
  const distance = (h: TermHit) => (h.end <= q.start ? q.start - h.end : (h.start - q.end) * 1.5);
  const nearest = inClause.sort((a, b) => distance(a) - distance(b))[0];
  if (nearest) return nearest;
  if (q.dimension === 'money_per_km') return 'battery_rental.overage_fee_per_km';
  if (q.dimension === 'distance' && q.per === 'month') return 'battery_rental.mileage_cap_km';
  if (q.dimension === 'money' && q.per === 'month') {
    const rental = hits.some(
      (h) => h.feature === 'battery_rental' || h.feature === 'battery_rental.monthly_fee',
    );
    return rental ? 'battery_rental.monthly_fee' : undefined;
  }
  // A cue earlier in the sentence still counts when nothing else claims the number
  // ("CLTC续航里程：标准续航版330km").
  const earlier = hits
    .filter((h) => h.end <= q.start && h.start >= sentence.start && fits(h))
    .sort((a, b) => b.end - a.end)[0];
  return earlier;
}

export function numberClaims(
  segment: Segment,
  n: NormalizedText,
  sentence: Range,
  hits: TermHit[],
  ctx: ClaimContext,
  allVariants: boolean,
  defaultUnit?: string,
): Claim[] {
  const text = n.text;
  const claims: Claim[] = [];
  const occupied = hits.filter((h) => h.start < sentence.end && h.end > sentence.start);
  const quantities = ctx.quantities
    .find(text.slice(0, sentence.end), defaultUnit)
    .filter((q) => q.start >= sentence.start && q.dimension)
    // A number inside a cue ("0-100km/h", "30%-80%") is part of the cue, not a claim.
    .filter((q) => !occupied.some((h) => q.start >= h.start && q.end <= h.end));
  const clauses = splitRanges(text, ctx.cues.clauseBreaks, sentence.start, sentence.end);
  const windows = ctx.quantities.windows(text);

  for (const q of quantities) {
    const clause = clauses.find((c) => q.start >= c.start && q.start < c.end) ?? sentence;
    const found = featureFor(q, clause, sentence, hits, ctx);
    let feature = typeof found === 'string' ? found : (found?.feature ?? undefined);
    // A cue word inside a feature name ("最高车速", "最大功率") is part of the name, not a bound.
    const free = (c: Range) => !occupied.some((h) => overlaps(h, c));
    const upTo = ctx.cues.upTo
      .all(text, clause.start, q.start)
      .some((c) => free(c) && text.slice(c.end, q.start).trim().length <= 4);
    // "from" and "起" bound prices ("4.99万起"); "仅需24分钟" is not a bound.
    const money = q.dimension === 'money';
    const fromBefore =
      money && ctx.cues.from.all(text, clause.start, q.start).some((c) => free(c) && q.start - c.end <= 6);
    const fromAfter = money
      ? (ctx.cues.from.startsAt(text, q.end) ?? ctx.cues.from.startsAt(text, q.end + 1))
      : undefined;
    // "4.99万起" is a starting price even where no price word stands next to it.
    if (!feature && q.dimension === 'money' && fromAfter && q.value >= 1000) feature = 'price';
    if (!feature || !ctx.lexicon.features.has(feature) || !ctx.catalog.has(feature)) continue;
    const start =
      typeof found === 'object' && found.end <= q.start && found.start >= clause.start
        ? Math.min(found.start, q.start)
        : q.start;
    const base: Claim = {
      uri: segment.uri,
      feature,
      polarity: 'asserted',
      value: q.value,
      unit: ctx.catalog.get(feature)?.unit,
      valueText: q.text,
      evidence: evidenceFor(segment, n, start, q.end),
    };
    if (q.slack) base.conversionSlack = q.slack;
    const window = windows.find((w) => overlaps(w, clause));
    if (window && feature === 'dc_charge_time_min') base.window = [window.from, window.to];
    const cycle =
      ctx.cues.cycles.all(text, clause.start, clause.end)[0] ??
      ctx.cues.cycles.all(text, sentence.start, sentence.end)[0];
    if (cycle && feature === 'range_km') base.cycle = text.slice(cycle.start, cycle.end).toUpperCase();
    if (allVariants) base.allVariants = true;
    Object.assign(base, scopeVariants(segment, n, clause, sentence, ctx, allVariants));
    if (q.rangeTo !== undefined) {
      // "330-430km": the low end is the smallest variant's value, the high end the largest.
      const low = Math.min(q.value, q.rangeTo);
      const high = Math.max(q.value, q.rangeTo);
      claims.push({ ...base, value: low, bound: 'from' }, { ...base, value: high, bound: 'upTo' });
      continue;
    }
    if (upTo) base.bound = 'upTo';
    else if (fromBefore || fromAfter) base.bound = 'from';
    claims.push(base);
  }
  return claims;
}
