import type { Claim, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import type { Span } from './cues.js';
import { moneyClaimUnit } from './currency.js';
import { evidenceFor } from './evidence.js';
import type { TermHit } from './lexicon.js';
import type { NormalizedText } from './normalize-text.js';
import {
  isOfferWord,
  offerOfTerm,
  offersInHeadings,
  offerTermOwner,
  rateFits,
  rateWordReaches,
  termWordBefore,
} from './offer-terms.js';
import type { Quantity } from './quantities.js';
import { overlaps, type Range, splitRanges } from './ranges.js';
import { type SegmentReading, scopeVariants } from './scope.js';
import { firstIndexAtOrAfter, SpansByStart } from './spans-by-start.js';

export interface NumberOptions {
  allVariants: boolean;
  /** the clauses of the sentence (computed once by the caller) */
  clauses?: Range[];
  hasClaim?: (clause: Range) => boolean;
  reading?: SegmentReading;
  /** a table row's unit for cells that state none ("长(mm)" + "4980") */
  defaultUnit?: string;
  /** the segment's hits by position (the caller's, when it reads several sentences of one text) */
  hitsByStart?: SpansByStart<TermHit>;
}

/** A text's quantities by position, one index for each list `ctx.quantities.find` gives. */
const quantitiesByStart = new WeakMap<Quantity[], SpansByStart<Quantity>>();
function quantityIndex(quantities: Quantity[]): SpansByStart<Quantity> {
  let index = quantitiesByStart.get(quantities);
  if (!index) {
    index = new SpansByStart(quantities);
    quantitiesByStart.set(quantities, index);
  }
  return index;
}

type Owner =
  | { kind: 'feature'; hit: TermHit }
  | { kind: 'owner'; span: Span }
  | { kind: 'unit'; key: string };

/**
 * Which feature a number states. A number belongs to the noun it measures: the nearest noun in its
 * clause whose dimension fits the unit, a feature cue ("续航 500公里") or a noun that owns such
 * numbers without being a feature (a 7 kW wallbox, 180 kW of charging power, a ¥5,000 discount).
 * Else what the unit alone says for sure (元/公里 is the overage fee, km a month the mileage cap).
 */
function ownerOf(
  q: Quantity,
  clause: Range,
  clauses: Range[],
  sentence: Range,
  hits: TermHit[],
  byStart: SpansByStart<TermHit>,
  text: string,
  ctx: ClaimContext,
  monthly: boolean,
  headingOffers: () => string[] = () => [],
): Owner | undefined {
  const fits = (h: TermHit) => {
    if (!h.feature) return false;
    const f = ctx.catalog.get(h.feature);
    // An equipment feature owns the figures its siblings name ("DC fast charging in 18 minutes").
    if (
      !f ||
      (f.kind !== 'number' && !f.siblings) ||
      !rateFits(f, q, monthly) ||
      !rateWordReaches(f, h, q, text)
    )
      return false;
    return f.dimension === q.dimension || (!!q.dimension && !!f.siblings?.[q.dimension]);
  };
  // "4,290mm long", "1,850 mm wide": the word after the measure says what it measures.
  const after = text[q.end] === ' ' ? q.end + 1 : q.end;
  for (const [key, words] of ctx.cues.measureAfter) {
    const span = words.startsAt(text, after);
    if (!span) continue;
    if (key === 'none') return { kind: 'owner', span };
    if (ctx.catalog.get(key)?.dimension === q.dimension) return { kind: 'unit', key };
  }
  const distance = (s: Range) => (s.end <= q.start ? q.start - s.end : (s.start - q.end) * 1.5);
  const candidates: { owner: Owner; d: number }[] = [];
  const owners = q.dimension ? ctx.cues.numberOwners.get(q.dimension) : undefined;
  const ownerSpans = owners?.all(text, clause.start, clause.end) ?? [];
  const length = (r: Range) => r.end - r.start;
  for (const h of byStart.inside(clause)) {
    if (!fits(h)) continue;
    // A compound whose head is the feature's noun and whose modifier owns the number is the
    // modifier's: "DC charging power", "直流快充峰值功率" are charging powers, not the motor's.
    const modified = ownerSpans.some(
      (s) =>
        (overlaps(s, h) && length(s) > length(h)) ||
        (s.end <= h.start && h.start - s.end <= 1 && /^ ?$/.test(text.slice(s.end, h.start))),
    );
    if (!modified) candidates.push({ owner: { kind: 'feature', hit: h }, d: distance(h) });
  }
  for (const span of ownerSpans) {
    // A noun inside a feature's own name ("DC fast charging time") is part of that name.
    const over = byStart.overlapping(span);
    if (over.some((h) => fits(h) && length(h) >= length(span))) continue;
    // The spec's own offer words ("due at signing", "customer cash") are not another thing's price.
    // A longer phrase that contains one ("per $1,000 financed") still owns its figure.
    if (over.some((h) => length(h) >= length(span) && isOfferWord(h.feature, ctx))) continue;
    candidates.push({ owner: { kind: 'owner', span }, d: distance(span) });
  }
  candidates.sort((a, b) => a.d - b.d);
  const best = candidates[0]?.owner;
  if (best?.kind === 'feature') {
    const subject = subjectOwner(best.hit, q, clause, clauses, text, ctx);
    if (subject) return { kind: 'owner', span: subject };
  }
  if (best) return best;
  const term = offerTermOwner(q, monthly, clause, hits, ctx, text, headingOffers);
  if (term) return { kind: 'unit', key: term };
  const perMonth = q.per === 'month' || monthly;
  // "EPA-estimated 318 miles", "WLTP 570 km": a distance beside a test cycle is a range.
  if (q.dimension === 'distance' && !q.per && !perMonth && besideCycle(q, clause, text, ctx))
    return { kind: 'unit', key: 'range_km' };
  if (q.dimension === 'money_per_km') return { kind: 'unit', key: 'battery_rental.overage_fee_per_km' };
  if (q.dimension === 'distance' && perMonth) return { kind: 'unit', key: 'battery_rental.mileage_cap_km' };
  if (q.dimension === 'money' && perMonth) {
    const rental = hits.some(
      (h) => h.feature === 'battery_rental' || h.feature === 'battery_rental.monthly_fee',
    );
    return rental ? { kind: 'unit', key: 'battery_rental.monthly_fee' } : undefined;
  }
  // A cue earlier in the sentence still counts when nothing else claims the number
  // ("CLTC续航里程：标准续航版330km").
  const earlier = byStart
    .inside({ start: sentence.start, end: q.start })
    .filter(fits)
    .sort((a, b) => b.end - a.end)[0];
  if (!earlier) {
    const byUnit = q.dimension ? ctx.cues.unitDefaults.get(q.dimension) : undefined;
    // Unless a noun in the sentence owns such figures ("a 7 kWh home battery" is a storage unit's).
    // "度" is a kWh and a degree ("360度全景影像"): only a unit that says kWh itself counts here.
    const plain = /kw ?h|kw·h|kw\.h|千瓦时/.test(q.text);
    return byUnit && plain && !owners?.test(text, sentence.start, sentence.end)
      ? { kind: 'unit', key: byUnit }
      : undefined;
  }
  // "36期0息，首付低至20%": a figure whose own clause names another term (the down payment) is not
  // the earlier cue's.
  const own = termWordBefore(q, clause, text);
  if (own && !earlier.feature?.endsWith(`.${own}`)) return undefined;
  return { kind: 'feature', hit: earlier };
}

/** The measure of the sentence just before, for a figure whose clause names only a trim. */
function ellipticalFeature(
  segment: Segment,
  n: NormalizedText,
  q: Quantity,
  clause: Range,
  sentence: Range,
  hits: TermHit[],
  ctx: ClaimContext,
): string | undefined {
  if (!q.dimension || !ctx.allVariantNames.find(segment.text, n, clause.start, clause.end).length)
    return undefined;
  const before = hits
    .filter((h) => h.feature && h.end <= sentence.start && sentence.start - h.end <= 80)
    .filter((h) => {
      const f = ctx.catalog.get(h.feature!);
      return f?.kind === 'number' && f.dimension === q.dimension;
    })
    .pop();
  return before?.feature ?? undefined;
}

/**
 * A power word that does not say whose power ("maximum power", "功率") after a subject that owns
 * such figures ("DC charging ..., which supports a maximum power of 117 kW", "直流快充最大功率
 * 117kW"): the figure is the subject's. The subject is in the figure's clause with nothing listed
 * in between ("180 kW charging and a maximum power of 150 kW" names two things), or in the clause
 * a relative clause continues.
 */
function subjectOwner(
  hit: TermHit,
  q: Quantity,
  clause: Range,
  clauses: Range[],
  text: string,
  ctx: ClaimContext,
): Span | undefined {
  const generic = ctx.cues.genericMeasures.startsAt(text, hit.start);
  if (!generic || generic.end !== hit.end || !q.dimension) return undefined;
  const owners = ctx.cues.numberOwners.get(q.dimension);
  if (!owners) return undefined;
  const inClause = owners
    .all(text, clause.start, hit.start)
    .filter((s) => !ctx.cues.conjunctions.test(text, s.end, hit.start))
    .pop();
  if (inClause) return inClause;
  const index = clauses.indexOf(clause);
  if (index > 0 && ctx.cues.relativeStart.leads(text, clause)) {
    const before = clauses[index - 1]!;
    return owners.all(text, before.start, before.end).pop();
  }
  return undefined;
}

/**
 * The clause that holds a position, by binary search (a long sentence has many). Clauses follow
 * each other without overlapping, so the last one starting at or before the position is the only
 * candidate; SpansByStart.containing would step back by the longest clause, a whole sentence at worst.
 */
function clauseAt(clauses: Range[], at: number): Range | undefined {
  const i = firstIndexAtOrAfter(clauses.length, at + 1, (j) => clauses[j]!.start) - 1;
  const clause = clauses[i];
  return clause && at >= clause.start && at < clause.end ? clause : undefined;
}

/** The cycle touches the figure: "EPA-estimated 318 miles", "318 mi (EPA)", "570 km WLTP". */
function besideCycle(q: Quantity, clause: Range, text: string, ctx: ClaimContext): boolean {
  return ctx.cues.cycles
    .all(text, clause.start, clause.end)
    .some((c) =>
      c.end <= q.start
        ? /^(?:[- ]?(?:estimated|est\.?|rated|cycle|range|combined))?[ :：]*$/.test(
            text.slice(c.end, q.start),
          )
        : /^[ (（]*$/.test(text.slice(q.end, c.start)),
    );
}

/** "quicker than its rival's 7.9 seconds", "比竞品多50公里": the number is the other car's. */
function comparesIn(text: string, clause: Range, ctx: ClaimContext): boolean {
  const shields = ctx.cues.notComparison.all(text, clause.start, clause.end);
  return ctx.cues.comparison
    .all(text, clause.start, clause.end)
    .some((c) => !shields.some((s) => overlaps(s, c)));
}

/** In a comparison, or in a relative clause of one ("Compared with its rival, whose 2,900 mm wheelbase …"). */
function inComparison(text: string, clause: Range, clauses: Range[], ctx: ClaimContext): boolean {
  if (comparesIn(text, clause, ctx)) return true;
  let index = clauses.indexOf(clause);
  while (index > 0 && ctx.cues.relativeStart.leads(text, clauses[index]!)) {
    index--;
    if (comparesIn(text, clauses[index]!, ctx)) return true;
  }
  return false;
}

/**
 * "¥40,000 less than the AWD", "60 mm longer", "多跑30公里", "an extra 50 km": the number is a
 * difference between two values, not a value of the car. The cue must touch the number (a space at
 * most), so "500 km or more" and "提升至600公里" stay values.
 */
function isDifference(text: string, q: Range, clause: Range, ctx: ClaimContext): boolean {
  const after = text[q.end] === ' ' ? q.end + 1 : q.end;
  if (ctx.cues.differenceAfter.startsAt(text, after)) return true;
  return ctx.cues.differenceBefore
    .all(text, clause.start, q.start)
    .some((c) => /^ ?$/.test(text.slice(c.end, q.start)));
}

export function numberClaims(
  segment: Segment,
  n: NormalizedText,
  sentence: Range,
  hits: TermHit[],
  ctx: ClaimContext,
  options: NumberOptions,
): Claim[] {
  const text = n.text;
  const claims: Claim[] = [];
  const byStart = options.hitsByStart ?? new SpansByStart(hits);
  const occupied = byStart.overlapping(sentence);
  const quantities = quantityIndex(ctx.quantities.find(text, options.defaultUnit))
    .inside(sentence)
    .filter((q) => q.dimension)
    // A number inside a cue ("0-100km/h", "30%-80%") is part of the cue, not a claim.
    .filter((q) => !byStart.containing(q).some((h) => overlaps(h, sentence)));
  if (!quantities.length) return claims;
  const clauses = options.clauses ?? splitRanges(text, ctx.cues.clauseBreaks, sentence.start, sentence.end);
  const hasClaim = options.hasClaim ?? (() => true);
  const windows = ctx.quantities.windows(text);

  let offersAbove: string[] | undefined;
  const headingOffers = () => {
    offersAbove ??= offersInHeadings(segment, ctx);
    return offersAbove;
  };
  const clauseOf = new Map<Claim, Range>();
  // The sentence's first test cycle, looked for once: a sentence of many figures asks for each.
  let sentenceCycle: Span | null | undefined;
  const cycleOf = (clause: Range): Span | undefined => {
    const own = ctx.cues.cycles.all(text, clause.start, clause.end)[0];
    if (own) return own;
    if (sentenceCycle === undefined)
      sentenceCycle = ctx.cues.cycles.all(text, sentence.start, sentence.end)[0] ?? null;
    return sentenceCycle ?? undefined;
  };
  for (const found of quantities) {
    const clause = clauseAt(clauses, found.start) ?? sentence;
    // "超出部分每公里0.2元", "each extra km costs ¥0.20": a per-km rate written before the amount.
    const perKm =
      found.dimension === 'money' && !found.per && ctx.cues.perKmClause.test(text, clause.start, found.start);
    const q: Quantity = perKm ? { ...found, dimension: 'money_per_km', per: 'km' } : found;
    // "20-30万元的七座纯电SUV里": a market segment, not a price of the car.
    if (q.dimension === 'money' && ctx.cues.priceSegment.test(text.slice(q.end, clause.end))) continue;
    if (inComparison(text, clause, clauses, ctx) || isDifference(text, q, clause, ctx)) continue;
    const monthly = ctx.cues.perMonthClause.test(text, clause.start, clause.end);
    const owner = ownerOf(q, clause, clauses, sentence, hits, byStart, text, ctx, monthly, headingOffers);
    if (owner?.kind === 'owner') continue;
    let feature = owner?.kind === 'feature' ? (owner.hit.feature ?? undefined) : owner?.key;
    // "8 years or 100,000 miles": the warranty word owns the distance as the warranty's distance.
    const sibling = feature && q.dimension ? ctx.catalog.get(feature)?.siblings?.[q.dimension] : undefined;
    if (sibling) feature = sibling;
    if (feature) feature = offerOfTerm(feature, q, hits, ctx);
    // A cue word inside a feature name ("最高车速", "最大功率") is part of the name, not a bound.
    const free = (c: Range) => !occupied.some((h) => overlaps(h, c));
    const upTo = ctx.cues.upTo
      .all(text, clause.start, q.start)
      .some((c) => free(c) && text.slice(c.end, q.start).trim().length <= 4);
    // "from" and "起" bound prices ("4.99万起"); "仅需24分钟" is not a bound.
    const money = q.dimension === 'money';
    const fromBefore =
      money &&
      ctx.cues.from
        .all(text, clause.start, q.start)
        // "starts at" is a price word and a bound at once.
        .some(
          (c) =>
            (free(c) || occupied.some((h) => h.feature === 'price' && overlaps(h, c))) &&
            q.start - c.end <= 6,
        );
    const fromAfter = money
      ? (ctx.cues.from.startsAt(text, q.end) ?? ctx.cues.from.startsAt(text, q.end + 1))
      : undefined;
    // A car's price needs no price word where the amount is a starting price ("4.99万起", "From
    // ¥159,800") or is written with a currency sign and nothing else in its clause claims it.
    if (!feature && money && !q.per && !monthly && q.value >= 1000 && (fromAfter || fromBefore || q.currency))
      feature = 'price';
    // "…does 0-62mph in 7.0 seconds; the Essential takes 7.7 seconds": a figure in a clause that
    // names a trim and nothing it measures is the same measure as the sentence just before.
    if (!feature && !owner) feature = ellipticalFeature(segment, n, q, clause, sentence, hits, ctx);
    if (!feature || !ctx.lexicon.features.has(feature) || !ctx.catalog.has(feature)) continue;
    const cueHit = owner?.kind === 'feature' ? owner.hit : undefined;
    const start =
      cueHit && cueHit.end <= q.start && cueHit.start >= clause.start
        ? Math.min(cueHit.start, q.start)
        : q.start;
    const scope = scopeVariants(
      {
        segment,
        n,
        at: q,
        clause,
        sentence,
        clauses,
        hasClaim,
        allVariants: options.allVariants,
        lineUp: upTo || fromBefore || !!fromAfter,
        ...(options.reading ? { reading: options.reading } : {}),
      },
      ctx,
    );
    const base: Claim = {
      uri: segment.uri,
      feature,
      polarity: 'asserted',
      value: q.value,
      unit: ctx.catalog.get(feature)?.unit,
      valueText: q.text,
      evidence: evidenceFor(segment, n, start, q.end),
      ...(scope.product ? { product: scope.product } : {}),
      ...(scope.variants ? { variants: scope.variants } : {}),
      ...(scope.variantLabel ? { variantLabel: scope.variantLabel } : {}),
      why: {
        term: cueHit?.term ?? q.text,
        ...(scope.why.productFrom ? { productFrom: scope.why.productFrom } : {}),
        ...(scope.why.variantsFrom ? { variantsFrom: scope.why.variantsFrom } : {}),
      },
    };
    // A figure in another currency is read, but cannot be compared with the spec's: it carries its currency.
    if (q.dimension === 'money' || q.dimension === 'money_per_km')
      base.unit = moneyClaimUnit(q, ctx.currency, q.dimension === 'money_per_km');
    if (q.slack) base.conversionSlack = q.slack;
    const window = windows.find((w) => overlaps(w, clause));
    if (window && feature === 'dc_charge_time_min') base.window = [window.from, window.to];
    const cycle = cycleOf(clause);
    if (cycle && feature === 'range_km') base.cycle = text.slice(cycle.start, cycle.end).toUpperCase();
    if (scope.why.variantsFrom === 'all-variants') base.allVariants = true;
    if (q.rangeTo !== undefined) {
      // "330-430km": the low end is the smallest variant's value, the high end the largest.
      const low = Math.min(q.value, q.rangeTo);
      const high = Math.max(q.value, q.rangeTo);
      const range: [number, number] = [low, high];
      claims.push(
        { ...base, value: low, bound: 'from', range },
        { ...base, value: high, bound: 'upTo', range },
      );
      continue;
    }
    if (upTo) base.bound = 'upTo';
    else if (fromBefore || fromAfter) base.bound = 'from';
    claims.push(base);
    clauseOf.set(base, clause);
  }
  assignRespectively(segment, n, sentence, claims, clauseOf, ctx);
  return claims;
}

/**
 * "标准版……Pro长续航版……零百加速分别为7.5秒和5.9秒", "0-100 km/h in 7.5 and 5.9 seconds
 * respectively": as many values of one feature as the sentence names variants, in a clause that
 * says "respectively", go to those variants in order.
 */
function assignRespectively(
  segment: Segment,
  n: NormalizedText,
  sentence: Range,
  claims: Claim[],
  clauseOf: Map<Claim, Range>,
  ctx: ClaimContext,
): void {
  const { text } = n;
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    const clause = clauseOf.get(c);
    if (!clause || !ctx.cues.respectively.test(text, clause.start, clause.end) || !c.product) continue;
    const key = `${c.product}\0${c.feature}\0${clause.start}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const matcher = ctx.variantsOf.get(group[0]!.product!);
    if (!matcher || group.length < 2) continue;
    const ids: string[] = [];
    for (const m of matcher.find(segment.text, n, sentence.start, sentence.end))
      if (!ids.includes(m.id)) ids.push(m.id);
    if (ids.length !== group.length) continue;
    group.forEach((c, i) => {
      c.variants = [ids[i]!];
      if (c.why) c.why.variantsFrom = 'sentence';
    });
  }
}
