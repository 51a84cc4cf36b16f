import type { Claim, ClaimReason, Segment } from '../types.js';
import { ClaimsByFeature } from './claims-by-feature.js';
import type { ClaimContext } from './context.js';
import type { Span } from './cues.js';
import { evidenceFor } from './evidence.js';
import type { TermHit } from './lexicon.js';
import { type NormalizedText, normalizeText } from './normalize-text.js';
import { numberClaims } from './numbers.js';
import { qualifiedParts, qualifierCues } from './qualifier-parts.js';
import { inside, overlaps, type Range, splitRanges } from './ranges.js';
import { type Scope, type SegmentReading, scopeVariants } from './scope.js';
import { SpansByStart } from './spans-by-start.js';

export function isQuestion(text: string, sentence: Range, ctx: ClaimContext): boolean {
  const body = text.slice(sentence.start, sentence.end).trim();
  if (ctx.cues.questionEndings.some((e) => body.endsWith(e))) return true;
  return ctx.cues.questionWords.test(text, sentence.start, sentence.end);
}

/**
 * "很多用户问有没有天窗：X7采用固定式全景天幕…", "People ask whether it has a sunroof: it has a
 * fixed glass roof": a question reported before a colon, and its answer after it, are two sentences.
 */
function splitAnsweredQuestion(text: string, r: Range, ctx: ClaimContext): Range[] {
  const asked = ctx.cues.questionWords.all(text, r.start, r.end)[0];
  if (!asked) return [r];
  const colon = text.slice(asked.end, r.end).search(/[:：]/);
  if (colon < 0) return [r];
  const at = asked.end + colon + 1;
  if (text.slice(at, r.end).trim().length < 2) return [r];
  return [
    { start: r.start, end: at },
    { start: at, end: r.end },
  ];
}

/** Negation cues of a text, minus words that only contain a negation character ("无线", "not only"). */
export function negationSpans(n: NormalizedText, hits: TermHit[], ctx: ClaimContext): Span[] {
  const shields = [...ctx.cues.notNegation.all(n.text), ...hits];
  return ctx.cues.negationBefore.all(n.text).filter((s) => !shields.some((h) => overlaps(h, s)));
}

/** The negation cue that negates the feature at `hit` within its clause, if any. */
export function negationOf(
  n: NormalizedText,
  hit: TermHit,
  clause: Range,
  negations: Span[],
  hits: TermHit[],
  ctx: ClaimContext,
  /** the same negations and hits by position (a reading asks for every hit of a long text) */
  byStart?: { negations: SpansByStart<Span>; hits: SpansByStart<TermHit> },
): Span | undefined {
  const text = n.text;
  // Before: a negation earlier in the clause, with no "but" between it and the feature.
  for (const neg of byStart ? byStart.negations.inside(clause) : negations) {
    if (!inside(neg, clause) || neg.end > hit.start) continue;
    const contrast = ctx.cues.contrast.all(text, neg.end, hit.start);
    if (contrast.length === 0) return neg;
  }
  // After: "天窗：无", "sunroof not included", directly behind the feature.
  let i = hit.end;
  while (i < clause.end) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const glue = ctx.cues.negationAfterGlue.find((g) => g && text.startsWith(g, i));
    if (!glue) break;
    i += glue.length;
  }
  const next = byStart
    ? byStart.hits.firstFrom(hit.end, hit)
    : hits.find((h) => h.start >= hit.end && h !== hit);
  const after = ctx.cues.negationAfter.startsAt(text, i);
  if (after && after.end <= clause.end && (!next || after.end <= next.start)) {
    const word = text.slice(after.start, after.end);
    // A one- or two-character cue ("无", "-", "no") must stand alone: "天窗无异响" is not "天窗：无".
    if (word.length > 2) return after;
    const rest = text
      .slice(after.end, clause.end)
      .replace(/[。.!！;；,，、)）]/g, '')
      .trim();
    if (rest === '') return after;
  }
  return undefined;
}

/** Is the feature at `hit` negated within its clause? */
export function isNegated(
  n: NormalizedText,
  hit: TermHit,
  clause: Range,
  negations: Span[],
  hits: TermHit[],
  ctx: ClaimContext,
): boolean {
  return negationOf(n, hit, clause, negations, hits, ctx) !== undefined;
}

/**
 * Lexicon hits that are claims: not inside a product's or a variant's name ("Performance AWD" is a
 * trim, not an all-wheel-drive claim; "四驱性能版" likewise).
 */
export function claimHits(segment: Segment, n: NormalizedText, ctx: ClaimContext): TermHit[] {
  // Asked several times for one text (the reading, the table pass, the answer pass), and a site
  // repeats its texts: kept per normalised text (normalizeText shares one per string).
  let held = hitsHeld.get(ctx);
  if (!held) {
    held = new WeakMap();
    hitsHeld.set(ctx, held);
  }
  const known = held.get(n);
  if (known?.original === segment.text) return known.hits;
  const hits = findClaimHits(segment, n, ctx);
  held.set(n, { original: segment.text, hits });
  return hits;
}

/** Read-only results: callers filter them, never change them. */
const hitsHeld = new WeakMap<ClaimContext, WeakMap<NormalizedText, { original: string; hits: TermHit[] }>>();

function findClaimHits(segment: Segment, n: NormalizedText, ctx: ClaimContext): TermHit[] {
  const hits = ctx.lexicon.find(n.text);
  if (!hits.length) return hits;
  const names: Range[] = [
    ...ctx.allVariantNames.find(segment.text, n),
    ...(ctx.products.any ? ctx.products.find(segment.text, n) : []),
  ];
  if (!names.length) return hits;
  return hits.filter((h) => !names.some((name) => h.start >= name.start && h.end <= name.end));
}

/** How an answer starts: "没有" / "No, ..." says no; "有" / "Yes" says yes. */
export function answerPolarity(
  n: NormalizedText,
  sentence: Range,
  ctx: ClaimContext,
): { polarity: 'asserted' | 'negated'; cue: Span } | undefined {
  const text = n.text;
  let i = sentence.start;
  while (i < sentence.end && /[\s"'“”‘’(（*#>-]/.test(text[i]!)) i++;
  const prefix = ctx.cues.answerPrefix.startsAt(text, i);
  if (prefix) i = prefix.end;
  while (i < sentence.end && text[i] === ' ') i++;
  const no = ctx.cues.answerNo.startsAt(text, i);
  const yes = ctx.cues.answerYes.startsAt(text, i);
  // "不是所有版本都有" is not a plain no: the longer cue wins only when it ends a word.
  const pick =
    no && yes
      ? no.end - no.start >= yes.end - yes.start
        ? 'no'
        : 'yes'
      : no
        ? 'no'
        : yes
          ? 'yes'
          : undefined;
  if (!pick) return undefined;
  const cue = pick === 'no' ? no! : yes!;
  // "Yes" / "No" must be a word of its own ("Nothing", "Yesterday" are not answers).
  if (/[a-z]/.test(text[cue.end] ?? '')) return undefined;
  return { polarity: pick === 'no' ? 'negated' : 'asserted', cue };
}

export interface SegmentRead {
  claims: Claim[];
  /** features asked about by a question the segment ends with, for the next segment's answer */
  openQuestion?: { hits: TermHit[]; scope: Scope };
  /** the normalised text (for the document pass) */
  n: NormalizedText;
}

const reasonOf = (term: string, scope: Scope, extra: Partial<ClaimReason> = {}): ClaimReason => ({
  term,
  ...extra,
  ...(scope.why.productFrom ? { productFrom: scope.why.productFrom } : {}),
  ...(scope.why.variantsFrom ? { variantsFrom: scope.why.variantsFrom } : {}),
});

/** Scope fields a claim carries. */
export function scopeFields(scope: Scope): Pick<Claim, 'product' | 'variants' | 'variantLabel'> {
  return {
    ...(scope.product ? { product: scope.product } : {}),
    ...(scope.variants ? { variants: scope.variants } : {}),
    ...(scope.variantLabel ? { variantLabel: scope.variantLabel } : {}),
  };
}

/** A claim the answer to a question makes about the question's feature. */
export function answerClaim(
  segment: Segment,
  n: NormalizedText,
  hit: TermHit,
  polarity: 'asserted' | 'negated',
  cue: Span,
  scope: Scope,
): Claim {
  return {
    uri: segment.uri,
    feature: hit.feature!,
    polarity,
    evidence: evidenceFor(segment, n, cue.start, cue.end),
    ...scopeFields(scope),
    why: reasonOf(hit.term, scope, { cue: n.text.slice(cue.start, cue.end), via: 'answer' }),
  };
}

/** "没有热泵的车型", "cars without a heat pump": the negated feature describes other cars. */
function describesOtherCars(text: string, hit: Range, negation: Range, ctx: ClaimContext): boolean {
  const after = text.slice(hit.end).match(/^\s*的\s*/);
  if (after && ctx.cues.carNouns.startsAt(text, hit.end + after[0].length)) return true;
  // "cars without", "models with no": not "本车没有" (this car has none).
  return (
    negation.end <= hit.start &&
    /^(?:without|with no|lacking)$/.test(text.slice(negation.start, negation.end)) &&
    ctx.cues.carNouns.endsAt(text, negation.start) !== undefined
  );
}

/**
 * A sentence that states nothing about the car on sale: a later model or a concept ("即将推出"), what
 * a platform or an architecture can take (a platform subject and a capability verb anywhere in the
 * sentence), a future launch (a marker and an event), a line of a timeline ("2027年：…"), or an unnamed other car as the subject of its first clause ("隔壁某款A0级小车续航能跑
 * 400公里", "Its nearest rival manages 480 km") when the sentence does not name a product.
 */
function notAboutTheCar(
  segment: Segment,
  n: NormalizedText,
  sentence: Range,
  clauses: Range[],
  ctx: ClaimContext,
  reading: SegmentReading | undefined,
): boolean {
  const { text } = n;
  const { cues } = ctx;
  if (cues.notOnSale.test(text, sentence.start, sentence.end)) return true;
  if (
    cues.futureMarkers.test(text, sentence.start, sentence.end) &&
    cues.futureEvents.test(text, sentence.start, sentence.end)
  )
    return true;
  if (cues.timeline.test(text.slice(sentence.start, sentence.end))) return true;
  if (
    (cues.platformSubjects.test(text, sentence.start, sentence.end) ||
      // "SEA-X is designed for…": the subject is a platform the document named.
      !!reading?.platformNames?.leads(text, sentence)) &&
    cues.platformCapabilities.test(text, sentence.start, sentence.end)
  )
    return true;
  const first = clauses[0] ?? sentence;
  return (
    cues.otherCar.test(text, first.start, first.end) &&
    !ctx.products.find(segment.text, n, sentence.start, sentence.end).length
  );
}

export function readSegment(
  segment: Segment,
  ctx: ClaimContext,
  reading?: SegmentReading,
  n = normalizeText(segment.text),
): SegmentRead {
  const claims: Claim[] = [];
  const claimed = new ClaimsByFeature(claims);
  const text = n.text;
  const hits = claimHits(segment, n, ctx);
  const byStart = new SpansByStart(hits);
  const negations = negationSpans(n, hits, ctx);
  const positions = { negations: new SpansByStart(negations), hits: byStart };
  const sentences = splitRanges(text, ctx.cues.sentenceBreaks, 0, text.length, true).flatMap((r) =>
    splitAnsweredQuestion(text, r, ctx),
  );
  const placesDone = new Set<Range>();
  const hasClaim = (c: Range) =>
    /\d/.test(text.slice(c.start, c.end)) || byStart.inside(c).some((h) => h.feature);
  let question: { hits: TermHit[]; scope: Scope } | undefined;
  // The equipment the last clause that named some spoke of, for a clause that only names a trim.
  let lastEquipment: Claim[] = [];
  let lastSentence: Range | undefined;
  const isListItem = (c: Range) => {
    const own = byStart.inside(c).filter((h) => h.feature);
    if (!own.length) return false;
    let rest = '';
    let at = c.start;
    for (const h of own) {
      rest += text.slice(at, Math.max(at, h.start));
      at = Math.max(at, h.end);
    }
    rest += text.slice(at, c.end);
    const glue = ctx.cues.listGlue.all(rest);
    let left = rest;
    for (const g of glue.reverse()) left = left.slice(0, g.start) + left.slice(g.end);
    return /^[\s\p{P}]*$/u.test(left);
  };

  for (const sentence of sentences) {
    const clauses = splitRanges(text, ctx.cues.clauseBreaks, sentence.start, sentence.end);
    const allVariants =
      ctx.cues.allVariants.test(text, sentence.start, sentence.end) ||
      ctx.products
        .find(segment.text, n, sentence.start, sentence.end)
        .some((m) => !m.other && ctx.cues.everyBeforeProduct.endsAt(text, m.start, sentence.start));
    const scopeAt = (at: Range, clause: Range) =>
      scopeVariants({ segment, n, at, clause, sentence, clauses, hasClaim, allVariants, reading }, ctx);
    if (isQuestion(text, sentence, ctx)) {
      const asked = byStart
        .inside(sentence)
        .filter((h) => h.feature && ctx.catalog.get(h.feature)?.kind === 'equipment');
      question = asked.length ? { hits: asked, scope: scopeAt(asked[0]!, sentence) } : undefined;
      continue;
    }
    // The answer to the question before it: "有天窗吗？答：没有，但有全景遮阳帘。"
    if (question) {
      const answer = answerPolarity(n, sentence, ctx);
      // What the answer's first clause names itself ("没有，激光雷达仅Pro版提供": the "没有" answers
      // the question; the next clause is a statement of its own).
      const answerClause =
        splitRanges(text, ctx.cues.clauseBreaks, sentence.start, sentence.end)[0] ?? sentence;
      const own = new Set(byStart.inside(answerClause).map((h) => h.feature));
      if (answer) {
        for (const h of question.hits) {
          if (own.has(h.feature)) continue;
          claims.push(answerClaim(segment, n, h, answer.polarity, answer.cue, question.scope));
        }
      } else if (!own.size) {
        // "Head-up display? Only on the Performance AWD.": an answer that names trims and nothing else.
        const named = scopeAt(sentence, sentence);
        if (named.why.variantsFrom === 'clause' && named.variants?.length)
          for (const h of question.hits) claims.push(answerClaim(segment, n, h, 'asserted', sentence, named));
      }
      question = undefined;
    }
    // A later model, a concept, what the platform could take, a rival: not a claim about the car on sale.
    if (notAboutTheCar(segment, n, sentence, clauses, ctx, reading)) continue;
    // "No Lumo 3 has an opening sunroof, a head-up display, ventilated seats or a powered tailgate":
    // the items of a list after a negated clause are negated by it.
    let listNegation: Span | undefined;
    for (const clause of clauses) {
      const before = claims.length;
      const listItem = isListItem(clause);
      const depicted = ctx.cues.depiction.test(text, clause.start, clause.end);
      let clauseNegation: Span | undefined;
      for (const hit of byStart.inside(clause)) {
        if (!hit.feature) continue;
        // "AR-HUD抬头显示" names one feature twice: one claim.
        if (claimed.has(hit.feature, n.map[clause.start]!, n.map[clause.end]!)) continue;
        const kind = ctx.catalog.get(hit.feature)?.kind;
        // Number cues ("续航") only claim together with a number; numbers.ts pairs them.
        if (kind === 'number') continue;
        const negation =
          negationOf(n, hit, clause, negations, hits, ctx, positions) ??
          (listItem ? listNegation : undefined);
        clauseNegation = negation;
        if (depicted && !negation) continue;
        if (negation && describesOtherCars(text, hit, negation, ctx)) continue;
        const scope = scopeAt(hit, clause);
        const claim: Claim = {
          uri: segment.uri,
          feature: hit.feature,
          polarity: negation ? 'negated' : 'asserted',
          evidence: evidenceFor(segment, n, hit.start, hit.end),
        };
        let cue = negation ? text.slice(negation.start, negation.end) : undefined;
        if (!negation) {
          const names = scope.product
            ? (ctx.variantsOf.get(scope.product)?.find(segment.text, n, clause.start, clause.end) ?? [])
            : [];
          const optional = qualifierCues(ctx.cues.optional, text, clause, names)[0];
          const standard = qualifierCues(ctx.cues.standard, text, clause, names)[0];
          if (optional) claim.qualifier = 'optional';
          else if (standard) claim.qualifier = 'standard';
          const q = optional ?? standard;
          if (q) cue = text.slice(q.start, q.end);
        }
        if (scope.why.variantsFrom === 'all-variants') claim.allVariants = true;
        if (kind === 'restriction' && hit.feature === 'invoicing_cities' && !placesDone.has(sentence)) {
          placesDone.add(sentence);
          // The cities of the invoicing clause ("只支持广州、上海两地开票，东莞暂不支持"); the
          // sentence's only when the clause names none ("广州、上海：均可开票").
          const placesIn = (r: Range) =>
            ctx.places.everywhere(text, r.start, r.end) ? ['*'] : ctx.places.find(text, r.start, r.end);
          const own = placesIn(clause);
          const items = own.length ? own : placesIn(sentence);
          if (items.length) claim.items = items;
        } else if (kind === 'restriction') {
          continue;
        }
        Object.assign(claim, scopeFields(scope));
        claim.why = reasonOf(hit.term, scope, cue ? { cue } : {});
        const parts = negation ? undefined : qualifiedParts(segment.text, n, clause, scope.product, ctx);
        if (parts && !claim.allVariants) {
          for (const part of parts)
            claims.push({
              ...claim,
              qualifier: part.qualifier,
              variants: part.variants,
              why: { ...claim.why, cue: text.slice(part.cue.start, part.cue.end), variantsFrom: 'clause' },
            });
          continue;
        }
        claims.push(claim);
      }
      listNegation = clauseNegation;
      const own = claims.slice(before).filter((c) => c.value === undefined && !c.items);
      if (own.length) {
        lastEquipment = own;
        lastSentence = sentence;
      } else if (lastEquipment.length && !byStart.inside(clause).some((h) => h.feature)) {
        const scope = scopeAt(clause, clause);
        const more = ellipticalClaims(segment, n, clause, lastEquipment, scope, ctx);
        if (more.length) claims.push(...more);
        else if (lastSentence === sentence) amendLast(n, clause, lastEquipment, scope, ctx);
      }
    }
    // A sentence that reports an error does not promote what it reports.
    if (ctx.cues.correction.test(text, sentence.start, sentence.end)) {
      const first = claims.findIndex(
        (c) =>
          c.evidence.span[0] >= n.map[sentence.start]! && c.polarity === 'asserted' && c.value === undefined,
      );
      if (first >= 0)
        for (let i = claims.length - 1; i >= first; i--)
          if (claims[i]!.polarity === 'asserted' && claims[i]!.value === undefined) claims.splice(i, 1);
      claimed.reset();
    }
    claims.push(
      ...numberClaims(segment, n, sentence, hits, ctx, {
        allVariants,
        clauses,
        hasClaim,
        reading,
        hitsByStart: byStart,
      }),
    );
  }
  return { claims, n, ...(question ? { openQuestion: question } : {}) };
}

/**
 * A clause that names a trim and says how it has the feature the clause before spoke of, without
 * naming the feature again: "长续航版出厂就带座椅加热；标准续航版需要选装", "Heated seats are standard on
 * the Long Range; the Standard Range offers them as an option", "…, but the Standard doesn't have it".
 */
function ellipticalClaims(
  segment: Segment,
  n: NormalizedText,
  clause: Range,
  last: Claim[],
  scope: Scope,
  ctx: ClaimContext,
): Claim[] {
  if (!scope.variants?.length || scope.why.variantsFrom !== 'clause' || clause.end - clause.start > 60)
    return [];
  const text = n.text;
  const names = scope.product
    ? (ctx.variantsOf.get(scope.product)?.find(segment.text, n, clause.start, clause.end) ?? [])
    : [];
  const optional = qualifierCues(ctx.cues.optional, text, clause, names)[0];
  const standard = qualifierCues(ctx.cues.standard, text, clause, names)[0];
  const negation =
    ctx.cues.negationBefore.all(text, clause.start, clause.end)[0] ??
    ctx.cues.negationAfter.all(text, clause.start, clause.end)[0];
  // "不配备且无法选装": a denial outweighs the option word it denies.
  const cue = negation ?? optional ?? standard;
  if (!cue) return [];
  const out: Claim[] = [];
  for (const feature of new Set(last.map((c) => c.feature))) {
    const from = last.find((c) => c.feature === feature)!;
    const claim: Claim = {
      uri: segment.uri,
      feature,
      polarity: negation ? 'negated' : 'asserted',
      evidence: evidenceFor(segment, n, cue.start, cue.end),
      ...scopeFields(scope),
      why: reasonOf(from.why?.term ?? feature, scope, { cue: text.slice(cue.start, cue.end) }),
    };
    if (!negation && optional) claim.qualifier = 'optional';
    else if (!negation && standard) claim.qualifier = 'standard';
    out.push(claim);
  }
  return out;
}

/**
 * A later clause of the same sentence that says more of the features just claimed, naming no
 * feature: "出厂不带座椅通风，可以在下单时选装" (not standard, but optional: an option), "空气悬架需要…，
 * 只在四驱性能版上提供" / "…, only on the Performance AWD" (those trims alone).
 */
function amendLast(n: NormalizedText, clause: Range, last: Claim[], scope: Scope, ctx: ClaimContext): void {
  const text = n.text;
  const negation =
    ctx.cues.negationBefore.test(text, clause.start, clause.end) ||
    ctx.cues.negationAfter.test(text, clause.start, clause.end);
  if (negation) return;
  const optional = ctx.cues.optional.all(text, clause.start, clause.end)[0];
  const named = scope.why.variantsFrom === 'clause' && scope.variants?.length ? scope.variants : undefined;
  if (optional && !named && last.every((c) => c.polarity === 'negated')) {
    for (const c of last) {
      c.polarity = 'asserted';
      c.qualifier = 'optional';
      if (c.why) c.why = { ...c.why, cue: text.slice(optional.start, optional.end) };
    }
    return;
  }
  if (named && ctx.cues.only.test(text, clause.start, clause.end)) {
    for (const c of last) {
      if (c.variants?.length || c.allVariants || c.polarity !== 'asserted') continue;
      c.variants = [...named];
      if (c.why) c.why = { ...c.why, variantsFrom: 'clause' };
    }
  }
}

/** What a segment asserts on its own (the document pass adds headings, answers and labels). */
export function textClaims(segment: Segment, ctx: ClaimContext, n = normalizeText(segment.text)): Claim[] {
  return readSegment(segment, ctx, undefined, n).claims;
}
