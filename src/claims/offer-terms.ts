import { type CatalogFeature, offersData } from '../data/catalog.js';
import type { Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { CueSet } from './cues.js';
import type { TermHit } from './lexicon.js';
import { normalizeText } from './normalize-text.js';
import type { Quantity } from './quantities.js';
import type { Range } from './ranges.js';

interface OfferTerm {
  key: string;
  offer: string;
  dimension: string | undefined;
  per: string | undefined;
  unitCue: boolean;
  offerCue: boolean;
}

const termsCache = new WeakMap<Map<string, CatalogFeature>, OfferTerm[]>();
const GLUE = /^[\s:：]*(?:低至|仅需|仅|只需|最低|约|为|of|as low as|only|just)?[\s:：$¥￥]*$/;
let termWords: { term: string; cues: CueSet }[] | undefined;

/** The words of every canonical term, whether or not the spec states it ("首付" is a down payment's). */
function canonicalTermWords(): { term: string; cues: CueSet }[] {
  termWords ??= Object.entries(offersData().terms).map(([term, def]) => ({
    term,
    cues: new CueSet([...(def.words.en ?? []), ...(def.words.zh ?? [])]),
  }));
  return termWords;
}

/**
 * The canonical term whose word stands right before a figure ("首付低至20%": a down payment's
 * percentage, not an APR), if any.
 */
export function termWordBefore(q: Quantity, clause: Range, text: string): string | undefined {
  let best: { term: string; end: number } | undefined;
  for (const { term, cues } of canonicalTermWords()) {
    for (const s of cues.all(text, Math.max(clause.start, q.start - 12), q.start)) {
      // Only glue between the word and the figure ("首付低至20%", "down payment of 10%").
      if (s.end > q.start || !GLUE.test(text.slice(s.end, q.start))) continue;
      if (!best || s.end > best.end) best = { term, end: s.end };
    }
  }
  return best?.term;
}

/** The spec offers' terms the run knows ("lease.monthly_payment"), with how a page states them. */
function offerTerms(ctx: ClaimContext): OfferTerm[] {
  let terms = termsCache.get(ctx.catalog);
  if (!terms) {
    const defs = offersData().terms;
    terms = [];
    for (const [key, f] of ctx.catalog) {
      const dot = key.indexOf('.');
      if (dot < 0 || ctx.catalog.get(key.slice(0, dot))?.kind !== 'offer') continue;
      const def = defs[key.slice(dot + 1)];
      terms.push({
        key,
        offer: key.slice(0, dot),
        dimension: f.dimension,
        per: f.per ?? def?.per,
        unitCue: def?.unitCue ?? false,
        offerCue: def?.offerCue ?? false,
      });
    }
    termsCache.set(ctx.catalog, terms);
  }
  return terms;
}

/** The terms a figure may state by its unit alone: its dimension and rate, and no other term's word before it. */
function unitCueTerms(
  terms: OfferTerm[],
  q: Quantity,
  monthlyClause: boolean,
  before: string | undefined,
): OfferTerm[] {
  return terms.filter(
    (t) =>
      t.unitCue &&
      t.dimension === q.dimension &&
      rateFits({ per: t.per as CatalogFeature['per'] }, q, monthlyClause, false) &&
      (t.per !== undefined || !q.per) &&
      (!before || t.key.endsWith(`.${before}`)),
  );
}

/** The spec offers the segment's headings name, nearest heading first ("Lease the 2027 Volta E7 SE"). */
export function offersInHeadings(segment: Segment, ctx: ClaimContext): string[] {
  const terms = offerTerms(ctx);
  if (!terms.length) return [];
  const out: string[] = [];
  for (const h of [...(segment.headings ?? []), ...(segment.pageHeading ? [segment.pageHeading] : [])]) {
    for (const hit of ctx.lexicon.find(normalizeText(h).text))
      if (hit.feature && terms.some((t) => t.offer === hit.feature) && !out.includes(hit.feature))
        out.push(hit.feature);
  }
  return out;
}

/** A word of one of the spec's offers or offer terms (not a bundled word of an offer the spec lacks). */
export function isOfferWord(feature: string | null, ctx: ClaimContext): boolean {
  if (!feature) return false;
  return offerTerms(ctx).some((t) => t.key === feature || t.offer === feature);
}

/**
 * Does a figure's rate suit a term's? A lump sum ("$3,999 due at signing") is stated at no rate; a
 * monthly payment per month ("$279/mo") or next to a word that means monthly ("月供2999元", with
 * `byWord`); a yearly allowance per year.
 */
export function rateFits(
  feature: Pick<CatalogFeature, 'per'> | undefined,
  q: Quantity,
  monthlyClause: boolean,
  byWord = true,
): boolean {
  const rate = feature?.per;
  if (!rate || rate === 'km') return true;
  if (rate === 'once') return !q.per;
  if (q.per === rate) return true;
  if (q.per) return false;
  return byWord || (rate === 'month' && monthlyClause);
}

/**
 * A rate word owns the figure it stands beside, not one past another figure: in "36 monthly
 * payments of $279. $3,999 due at signing" the monthly payment is $279, never $3,999.
 */
export function rateWordReaches(
  feature: Pick<CatalogFeature, 'per'> | undefined,
  h: Range,
  q: Quantity,
  text: string,
): boolean {
  if (feature?.per !== 'month' && feature?.per !== 'year') return true;
  if (q.per) return true;
  const between = h.end <= q.start ? text.slice(h.end, q.start) : text.slice(q.end, h.start);
  return !/\d/.test(between);
}

/**
 * The offer a term's figure belongs to: the offer the segment names nearest to the figure ("Lease
 * ... $0 down" is the lease's down payment even when the finance offer owns the word "down").
 * Undefined when that offer does not state the term: the page states something the spec does not.
 */
export function offerOfTerm(
  feature: string,
  q: Quantity,
  hits: TermHit[],
  ctx: ClaimContext,
): string | undefined {
  const terms = offerTerms(ctx);
  const term = terms.find((t) => t.key === feature);
  if (!term) return feature;
  const named = hits.filter((h) => h.feature && terms.some((t) => t.offer === h.feature));
  if (!named.length) return feature;
  const distance = (h: TermHit) => (h.end <= q.start ? q.start - h.end : (h.start - q.end) * 1.5);
  const nearest = [...named].sort((a, b) => distance(a) - distance(b))[0]!.feature!;
  if (nearest === term.offer) return feature;
  const suffix = feature.slice(term.offer.length);
  return terms.some((t) => t.key === nearest + suffix) ? nearest + suffix : undefined;
}

/**
 * The offer term a figure states when no cue word owns it: its unit says which term ("$279/mo" is a
 * monthly payment, "36 months" a term, "0.9%" an APR; a sum next to "customer cash" is the rebate's
 * amount), and the offer named in the segment says whose (the lease's or the finance offer's). A
 * figure is an offer term only where the segment names one of the spec's offers.
 */
export function offerTermOwner(
  q: Quantity,
  monthlyClause: boolean,
  clause: Range,
  hits: TermHit[],
  ctx: ClaimContext,
  text: string,
  headingOffers: () => string[] = () => [],
): string | undefined {
  const terms = offerTerms(ctx);
  if (!terms.length || !q.dimension) return undefined;
  const named = hits.filter((h) => h.feature && terms.some((t) => t.offer === h.feature));
  if (!named.length) {
    // "$279/mo for 36 months" under the heading "Lease the E7 SE": the heading names the offer. Only
    // a monthly sum or a number of months: a bare percentage under it is more often a charge level.
    if (!(q.dimension === 'money' && q.per === 'month') && q.dimension !== 'months') return undefined;
    const fitting = unitCueTerms(terms, q, monthlyClause, termWordBefore(q, clause, text));
    for (const offer of headingOffers()) {
      const t = fitting.find((x) => x.offer === offer);
      if (t) return t.key;
    }
    return undefined;
  }
  const distance = (h: TermHit) => (h.end <= q.start ? q.start - h.end : h.start - q.end);
  const byDistance = [...named].sort((a, b) => distance(a) - distance(b));
  const inClause = byDistance.filter((h) => h.start >= clause.start && h.end <= clause.end);
  // "$1,500 customer cash": a sum beside the offer's own name is its amount.
  if (q.dimension === 'money' && !q.per) {
    for (const h of inClause) {
      const t = terms.find((x) => x.offer === h.feature && x.offerCue && x.dimension === 'money');
      if (t) return t.key;
    }
  }
  const fitting = unitCueTerms(terms, q, monthlyClause, termWordBefore(q, clause, text));
  for (const h of byDistance) {
    // "36 months", "0.9%": only beside the offer's name; a money rate anywhere in the segment.
    if (q.dimension !== 'money' && distance(h) > 60) break;
    const t = fitting.find((x) => x.offer === h.feature);
    if (t) return t.key;
  }
  return undefined;
}
