import type { ClaimReason, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import type { CueSet } from './cues.js';
import type { NormalizedText } from './normalize-text.js';
import type { ProductMention } from './products.js';
import type { Range } from './ranges.js';
import { firstIndexAtOrAfter } from './spans-by-start.js';
import type { VariantMatcher } from './variants.js';

/** The product a segment is about when its own words name none (from the document pass). */
export interface SegmentReading {
  product?: { id: string; other: boolean; from: NonNullable<ClaimReason['productFrom']> };
  /** names the document gives a platform ("the SEA-X platform"): a sentence they start is about it */
  platformNames?: CueSet;
}

export interface Scope {
  product?: string;
  /** the product is one the run has no spec for: read, never checked */
  otherProduct?: boolean;
  variants?: string[];
  variantLabel?: string;
  why: Pick<ClaimReason, 'productFrom' | 'variantsFrom'>;
}

export interface ScopeInput {
  segment: Segment;
  n: NormalizedText;
  /** where the claim's words are */
  at: Range;
  clause: Range;
  sentence: Range;
  /** the clauses of the sentence, and whether each states a claim of its own */
  clauses: Range[];
  hasClaim: (clause: Range) => boolean;
  /** a line-up bound ("up to", "最高", "from", "起"): about the line-up unless its own clause names a variant */
  lineUp?: boolean;
  allVariants: boolean;
  reading?: SegmentReading;
}

const skipSpaces = (text: string, i: number) => {
  while (text[i] === ' ') i++;
  return i;
};

/**
 * The variants a range names. "from the Long Range RWD up", "长续航版及以上" name that variant and
 * every one after it in the spec's order.
 */
export function namedIn(
  matcher: VariantMatcher,
  original: string,
  n: NormalizedText,
  r: Range,
  ctx: ClaimContext,
): string[] {
  const ids: string[] = [];
  for (const m of matcher.find(original, n, r.start, r.end)) {
    let up = ctx.cues.andUp.startsAt(n.text, skipSpaces(n.text, m.end));
    // A bare "up" ends its phrase: "from the Long Range up." but not "the Long Range up to 650 km".
    if (
      up &&
      n.text.slice(up.start, up.end) === 'up' &&
      /[a-z0-9]/.test(n.text[skipSpaces(n.text, up.end)] ?? '')
    )
      up = undefined;
    const from = matcher.ids.indexOf(m.id);
    ids.push(...(up && from >= 0 ? matcher.ids.slice(from) : [m.id]));
  }
  return [...new Set(ids)];
}

/** A clause of a sentence that names a variant, and the variants it names. */
interface NamingClause {
  clause: Range;
  ids: string[];
}

/**
 * Which clauses of a sentence name a variant, found once a sentence and product: each hit's scope
 * asks of the clauses before its own, and a sentence of many clauses ("…，…，…") has many hits.
 */
class ClauseNames {
  private naming?: NamingClause[];

  constructor(
    private readonly clauses: Range[],
    private readonly named: (r: Range) => string[],
  ) {}

  /** Whether one of the sentence's clauses starts where `clause` does. */
  has(clause: Range): boolean {
    const i = firstIndexAtOrAfter(this.clauses.length, clause.start, (j) => this.clauses[j]!.start);
    return this.clauses[i]?.start === clause.start;
  }

  /** The clauses that start before `start` and name a variant, in the sentence's order. */
  namingBefore(start: number): NamingClause[] {
    this.naming ??= this.clauses.flatMap((clause) => {
      const ids = this.named(clause);
      return ids.length ? [{ clause, ids }] : [];
    });
    const naming = this.naming;
    return naming.slice(
      0,
      firstIndexAtOrAfter(naming.length, start, (i) => naming[i]!.clause.start),
    );
  }
}

/** Per sentence (its clauses, made once by the caller) and per product (its variant matcher). */
const clauseNamesOf = new WeakMap<Range[], Map<VariantMatcher, ClauseNames>>();

function clauseNames(clauses: Range[], matcher: VariantMatcher, named: (r: Range) => string[]): ClauseNames {
  let byMatcher = clauseNamesOf.get(clauses);
  if (!byMatcher) {
    byMatcher = new Map();
    clauseNamesOf.set(clauses, byMatcher);
  }
  let names = byMatcher.get(matcher);
  if (!names) {
    names = new ClauseNames(clauses, named);
    byMatcher.set(matcher, names);
  }
  return names;
}

/** Per block text and product: the variant whose name leads the block as its label, if any. */
const leadOf = new WeakMap<NormalizedText, Map<VariantMatcher, string | undefined>>();

/**
 * A block that starts with one variant's name as its label ("Long Range 600 km · 0-100 in 7.9 s",
 * "长续航版：…"), and names no other: that variant. Asked for every hit of the block, found once.
 */
function leadVariant(matcher: VariantMatcher, original: string, n: NormalizedText): string | undefined {
  let byMatcher = leadOf.get(n);
  if (!byMatcher) {
    byMatcher = new Map();
    leadOf.set(n, byMatcher);
  }
  if (byMatcher.has(matcher)) return byMatcher.get(matcher);
  const lead = matcher.find(original, n, 0, n.text.length);
  const id =
    lead.length &&
    n.text.slice(0, lead[0]!.start).trim() === '' &&
    new Set(lead.map((m) => m.id)).size === 1 &&
    /^\s*(?:[:：\-—–|·/]|\d)/.test(n.text.slice(lead[0]!.end))
      ? lead[0]!.id
      : undefined;
  byMatcher.set(matcher, id);
  return id;
}

/**
 * A clause that gives each of several variants its own figure ("217 miles for the Essential and
 * 286 miles for the Long Range Sport", "标准版330公里、长续航版430公里"): the figure goes to the
 * variant written right after it with "for/on/in", else to the one right before it with no other
 * figure in between.
 */
function pairedVariant(
  matcher: VariantMatcher,
  original: string,
  n: NormalizedText,
  at: Range,
  clause: Range,
  ctx: ClaimContext,
): string[] | undefined {
  // Only a list word (and commas, "the") between two names: "A与B", "the A and the B", "A、B".
  const listed = (between: string) => {
    const rest = between
      .replace(/(?:^|\s)the(?=\s|$)/g, ' ')
      .replace(/[,，、&]/g, ' ')
      .trim();
    return !rest || ctx.cues.conjunctions.startsAt(rest, 0)?.end === rest.length;
  };
  // A group ("两款后驱车型") is one mention of several variants: mentions are told apart by place.
  const spans = new Map<number, { start: number; end: number; ids: string[] }>();
  for (const m of matcher.find(original, n, clause.start, clause.end)) {
    const span = spans.get(m.start) ?? { start: m.start, end: m.end, ids: [] };
    span.ids.push(m.id);
    spans.set(m.start, span);
  }
  // Trims listed together ("后驱长续航版与四驱性能版搭载85kWh电池", "the Long Range and the
  // Performance") are one mention of them all.
  const mentions: { start: number; end: number; ids: string[] }[] = [];
  for (const m of [...spans.values()].sort((a, b) => a.start - b.start)) {
    const last = mentions[mentions.length - 1];
    if (last && listed(n.text.slice(last.end, m.start))) {
      last.end = m.end;
      last.ids.push(...m.ids);
    } else mentions.push({ ...m, ids: [...m.ids] });
  }
  if (mentions.length < 2) return undefined;
  const after = mentions.find((m) => m.start >= at.end);
  if (after && /^[\s,]*(?:for|on|in)\b[^\d]{0,24}$/.test(n.text.slice(at.end, after.start))) return after.ids;
  const before = mentions.filter((m) => m.end <= at.start).pop();
  if (before && !/\d/.test(n.text.slice(before.end, at.start)) && at.start - before.end <= 24)
    return before.ids;
  return undefined;
}

/** The mention nearest before `at` (the subject usually comes first), else the first after it. */
function nearestMention<T extends { start: number; end: number }>(found: T[], at: Range): T | undefined {
  const before = found.filter((m) => m.end <= at.start);
  return before[before.length - 1] ?? found.find((m) => m.start >= at.end) ?? found[0];
}

function productOf(input: ScopeInput, ctx: ClaimContext): Pick<Scope, 'product' | 'otherProduct' | 'why'> {
  const { segment, n, at, clause, sentence } = input;
  if (ctx.products.any) {
    for (const [range, from] of [
      [clause, 'clause'],
      [sentence, 'sentence'],
    ] as const) {
      const m: ProductMention | undefined = nearestMention(
        ctx.products.find(segment.text, n, range.start, range.end),
        at,
      );
      if (m) return { product: m.id, otherProduct: m.other, why: { productFrom: from } };
    }
  }
  const r = input.reading?.product;
  if (r) return { product: r.id, otherProduct: r.other, why: { productFrom: r.from } };
  if (ctx.defaultProduct) return { product: ctx.defaultProduct, why: { productFrom: 'default' } };
  return { why: {} };
}

/**
 * Which product and variants a claim is about.
 *
 * Product: the one named in its clause, else in its sentence, else the segment's (its card or block,
 * its heading, its page), else the run's only spec.
 *
 * Variants: the variant named in the claim's own clause; else a variant named as the topic of the
 * sentence ("Long Range: ...", "On the Long Range, ...", "长续航版：" — a clause that states nothing
 * itself), which reaches the later clauses of that sentence; a variant named in a clause that states
 * a claim of its own does not reach past the clause ("标准版售价15.98万元起，CLTC续航最高600公里").
 * Else a variant named by the nearest heading, else by the page heading; else every variant.
 * A table cell is about the variant of its column.
 */
export function scopeVariants(input: ScopeInput, ctx: ClaimContext): Scope {
  const product = productOf(input, ctx);
  const why = { ...product.why };
  const base: Scope = {
    ...(product.product ? { product: product.product } : {}),
    ...(product.otherProduct ? { otherProduct: true } : {}),
    why,
  };
  if (product.otherProduct) return base;
  const matcher: VariantMatcher | undefined = product.product
    ? ctx.variantsOf.get(product.product)
    : undefined;
  const { segment, n, clause, sentence } = input;
  // "全系标配前排座椅加热，Pro长续航版增加座椅通风": the all-variant words reach every clause of the
  // sentence but one that names a variant of its own.
  if (
    input.allVariants &&
    (!matcher ||
      ctx.cues.allVariants.test(n.text, clause.start, clause.end) ||
      !matcher.find(segment.text, n, clause.start, clause.end).length)
  )
    return { ...base, why: { ...why, variantsFrom: 'all-variants' } };
  if (!matcher) return base;
  const table = segment.table;
  if (table?.variantColumns && table.columnHeader !== undefined) {
    const ids = matcher.inText(table.columnHeader);
    if (ids.length) return { ...base, variants: ids, why: { ...why, variantsFrom: 'column' } };
    // One row per trim ("Trim | Price | Battery"): the row names the trim, the column the measure.
    const byRow = table.rowLabel ? matcher.inText(table.rowLabel) : [];
    if (byRow.length) return { ...base, variants: byRow, why: { ...why, variantsFrom: 'row' } };
    return {
      ...base,
      variantLabel: table.columnHeader.replace(/\s+/g, ' ').trim(),
      why: { ...why, variantsFrom: 'column' },
    };
  }
  const named = (r: Range) => namedIn(matcher, segment.text, n, r, ctx);
  const inClause = named(clause);
  const names = () => clauseNames(input.clauses, matcher, named);
  if (inClause.length > 1 && /\d/.test(n.text.slice(input.at.start, input.at.end))) {
    const paired = pairedVariant(matcher, segment.text, n, input.at, clause, ctx);
    if (paired) return { ...base, variants: paired, why: { ...why, variantsFrom: 'clause' } };
  }
  if (inClause.length) return { ...base, variants: inClause, why: { ...why, variantsFrom: 'clause' } };
  // The subject of a sentence carries over its commas: "后驱长续航版搭载85kWh电池，CLTC续航650公里",
  // "…, and air suspension", "…，并标配空气悬架". Not for a line-up bound: "标准版售价15.98万元起，CLTC
  // 续航最高705公里" gives the line-up's best, not the standard trim's.
  // (Only from a clause of the sentence's own list: a range made otherwise carries nothing over.)
  if (!input.lineUp && names().has(clause)) {
    const nearest = names().namingBefore(clause.start).at(-1);
    if (nearest) return { ...base, variants: nearest.ids, why: { ...why, variantsFrom: 'sentence' } };
  }
  // A topic clause earlier in the sentence: it names a variant and states nothing of its own.
  for (const { clause: c, ids } of names().namingBefore(clause.start)) {
    if (!input.hasClaim(c)) return { ...base, variants: ids, why: { ...why, variantsFrom: 'topic' } };
    // "Long Range: 600 km range, 0-100 in 7.9 s": a variant written as the sentence's label.
    if (c.start === sentence.start) {
      const first = matcher.find(segment.text, n, c.start, c.end)[0]!;
      const rest = n.text.slice(first.end, c.end).trimStart();
      if (n.text.slice(c.start, first.start).trim() === '' && /^[:：\-—–|]/.test(rest))
        return { ...base, variants: ids, why: { ...why, variantsFrom: 'topic' } };
    }
  }
  // A block that starts with a variant's name as its label ("Long Range 600 km · 0-100 in 7.9 s",
  // "长续航版：…") is about it; one that starts with a variant as the subject of a claim of its own
  // ("标准版售价15.98万元起，CLTC续航最高705公里") is not.
  const lead = leadVariant(matcher, segment.text, n);
  if (lead) return { ...base, variants: [lead], why: { ...why, variantsFrom: 'block' } };
  if (table?.rowLabel) {
    const ids = matcher.inText(table.rowLabel);
    if (ids.length) return { ...base, variants: ids, why: { ...why, variantsFrom: 'row' } };
  }
  for (const heading of segment.headings ?? []) {
    const ids = matcher.inText(heading);
    if (ids.length) return { ...base, variants: ids, why: { ...why, variantsFrom: 'heading' } };
  }
  if (segment.pageHeading) {
    const ids = matcher.inText(segment.pageHeading);
    if (ids.length) return { ...base, variants: ids, why: { ...why, variantsFrom: 'page' } };
  }
  return base;
}
