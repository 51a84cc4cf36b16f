import { type Claim, isImageLocation, type Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { CueSet } from './cues.js';
import { dedupeTableClaims } from './dedupe.js';
import { evidenceFor } from './evidence.js';
import { type NormalizedText, normalizeText } from './normalize-text.js';
import { numberClaims } from './numbers.js';
import { splitRanges } from './ranges.js';
import { namedIn, type SegmentReading } from './scope.js';
import { readSegmentOnce, tableClaimsOnce } from './segment-memo.js';
import { slashRowSegments } from './slash-rows.js';
import { answerClaim, answerPolarity, claimHits, type readSegment } from './text-claims.js';

interface Read {
  segment: Segment;
  n: NormalizedText;
  claims: Claim[];
  openQuestion?: ReturnType<typeof readSegment>['openQuestion'];
}

const position = (s: Segment) =>
  isImageLocation(s.location)
    ? [s.location.bbox.y0, s.location.bbox.x0]
    : [s.location.line, s.location.column];

/**
 * The product each segment is about when its own sentences name none: the nearest card, section or
 * other element around it that names exactly one product; else the nearest heading that names one;
 * else the page's heading or title; else the run's only spec.
 */
function readings(segments: Segment[], texts: NormalizedText[], ctx: ClaimContext): SegmentReading[] {
  if (!ctx.products.any) return segments.map(() => ({}));
  const named = segments.map((s, i) => ctx.products.find(s.text, texts[i]!));
  const inBlock = new Map<number, Map<string, boolean>>();
  segments.forEach((s, i) => {
    for (const m of named[i]!) {
      for (const b of s.blocks ?? []) {
        const set = inBlock.get(b) ?? new Map<string, boolean>();
        inBlock.set(b, set);
        set.set(m.id, m.other);
      }
    }
  });
  const headingCache = new Map<string, { id: string; other: boolean } | undefined>();
  const productIn = (text: string) => {
    if (!headingCache.has(text)) {
      const found = ctx.products.find(text, normalizeText(text));
      const ids = new Set(found.map((m) => m.id));
      headingCache.set(text, ids.size === 1 ? { id: found[0]!.id, other: found[0]!.other } : undefined);
    }
    return headingCache.get(text);
  };
  return segments.map((s) => {
    for (const b of s.blocks ?? []) {
      const set = inBlock.get(b);
      if (!set?.size) continue;
      if (set.size === 1) {
        const [id, other] = [...set][0]!;
        return { product: { id, other, from: 'block' as const } };
      }
      break;
    }
    for (const h of s.headings ?? []) {
      const p = productIn(h);
      if (p) return { product: { ...p, from: 'heading' } };
    }
    const page = s.pageHeading ? productIn(s.pageHeading) : undefined;
    if (page) return { product: { ...page, from: 'page' } };
    return {};
  });
}

// A platform's code name before its word: "the SEA-X platform", "SEA-X 纯电平台", "its MSP platform".
const PLATFORM_NAME =
  /(?<![A-Za-z\d-])([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s*(?:[\u4e00-\u9fff]{0,2}\s*)?(?:platform|architecture|平台|架构)/gu;

/**
 * The names a document gives its platforms. Only code-like names count (capitals after the first
 * letter, a digit or a hyphen: "SEA-X", "MSP", "e-GMP"), so "the platform", "Skateboard
 * platform" and the car's own name in "the X7 platform" wording are not taken for one unless
 * written as a code.
 */
function platformNames(segments: Segment[], ctx: ClaimContext): CueSet | undefined {
  const names = new Set<string>();
  for (const s of segments) {
    if (!/platform|architecture|平台|架构/i.test(s.text)) continue;
    for (const m of s.text.matchAll(PLATFORM_NAME)) {
      const name = m[1]!;
      // A product's own name is never its platform's ("the X7 platform" is loose wording).
      const isProduct = ctx.products.any && ctx.products.find(name, normalizeText(name)).length > 0;
      if (name.length >= 2 && /[A-Z0-9-]/.test(name.slice(1)) && !isProduct) names.add(name);
    }
  }
  return names.size ? new CueSet([...names]) : undefined;
}

/** "Starting price:" + "from $39,990" in the next element: the label and its value, read together. */
function labelValueClaims(label: Read, value: Read, ctx: ClaimContext, reading: SegmentReading): Claim[] {
  const labelText = label.n.text.trim().replace(/[:：]$/, '');
  if (!labelText || labelText.length > 40 || /\d/.test(labelText)) return [];
  const hits = ctx.lexicon.find(labelText);
  if (!hits.some((h) => h.feature && ctx.catalog.get(h.feature)?.kind === 'number')) return [];
  if (value.claims.some((c) => c.value !== undefined)) return [];
  // The label goes with the value's first sentence ("705 km CLTC. The Standard is rated at 545 km.").
  const first = splitRanges(value.n.text, ctx.cues.sentenceBreaks, 0, value.n.text.length, true)[0];
  const valueText = first ? value.n.text.slice(0, first.end) : '';
  if (valueText.length > 60 || !/\d/.test(valueText)) return [];
  // The label is spliced in front of the value, mapped to the value's first character.
  const joined: NormalizedText = {
    text: `${labelText}: ${valueText}`,
    map: [
      ...Array.from({ length: labelText.length + 2 }, () => value.n.map[0] ?? 0),
      ...value.n.map.slice(0, valueText.length + 1),
    ],
  };
  const joinedHits = ctx.lexicon.find(joined.text);
  return numberClaims(value.segment, joined, { start: 0, end: joined.text.length }, joinedHits, ctx, {
    allVariants: false,
    reading,
  }).map((c) => ({ ...c, why: { ...c.why!, via: 'label' as const } }));
}

/**
 * What a document asserts, read as a whole: each segment's own claims, plus what only the order of
 * segments shows.
 * - A heading names a topic: the body under it decides. A feature a heading names is a claim only when
 *   the body does not speak of it; when the body answers no ("答：不支持", "No, ..."), it is denied.
 * - A question is answered by what follows it (the next sentence or the next block).
 * - A label and its value split by markup are read together.
 * - Each claim belongs to the product its sentence, card, heading or page names.
 */
export function extractDocumentClaims(segments: Segment[], ctx: ClaimContext): Claim[] {
  const normalized = new Map<Segment, NormalizedText>();
  const normalizedOf = (s: Segment) => {
    let n = normalized.get(s);
    if (!n) {
      n = normalizeText(s.text);
      normalized.set(s, n);
    }
    return n;
  };
  const ordered = inReadingOrder(segments);
  const rows = slashRowSegments(
    ordered,
    readings(
      ordered,
      ordered.map((s) => normalizedOf(s)),
      ctx,
    ),
    ctx,
  );
  const platforms = platformNames(ordered, ctx);
  const reads = platforms ? rows.readings.map((r) => ({ ...r, platformNames: platforms })) : rows.readings;
  // Most segments come through the press-kit rows unchanged: each is normalised once.
  const texts = rows.segments.map((s) => normalizedOf(s));
  const out = readEach(rows.segments, texts, reads, ctx);

  readAcross(out, reads, ctx);
  return dedupeTableClaims(finished(out));
}

// The steps are functions of their own, not one: V8 compiled the whole of extractDocumentClaims
// again each time segments or claims of a key list it had not met came through (four times a
// thread on 1,000 generated pages); split, a step that meets a new key list is compiled again.

/** The segments in the order they stand in the source (each position read once, not per comparison). */
function inReadingOrder(segments: Segment[]): Segment[] {
  return segments
    .map((s, i) => {
      const [line, column] = position(s);
      return { s, i, line: line!, column: column! };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column || a.i - b.i)
    .map((x) => x.s);
}

/** Each segment's own claims (a table cell's, or its text's), read once a run (segment-memo.ts). */
function readEach(
  segments: Segment[],
  texts: NormalizedText[],
  reads: SegmentReading[],
  ctx: ClaimContext,
): Read[] {
  return segments.map((segment, i) => {
    const n = texts[i]!;
    if (segment.table) return { segment, n, claims: tableClaimsOnce(segment, ctx, reads[i]) };
    const r = readSegmentOnce(segment, ctx, reads[i], n);
    return { segment, n, claims: r.claims, ...(r.openQuestion ? { openQuestion: r.openQuestion } : {}) };
  });
}

/** The document's claims: each text's repeats without a scope left out, suppressions marked. */
function finished(out: Read[]): Claim[] {
  for (const r of out) if (!r.segment.table) r.claims = withoutUnscopedRepeats(r.claims);
  for (const r of out) {
    const suppressions = r.segment.suppressions;
    if (suppressions?.length) for (const c of r.claims) c.suppressions = suppressions;
  }
  return out.flatMap((r) => r.claims);
}

/** What only the order of segments shows: questions and answers, labels and values, topics. */
function readAcross(out: Read[], reads: SegmentReading[], ctx: ClaimContext): void {
  for (let i = 0; i < out.length; i++) {
    const cur = out[i]!;
    const next = out[i + 1];
    // A question answered in the next block ("<summary>Does it have a sunroof?</summary><p>No.</p>").
    if (cur.openQuestion && next && !next.segment.table) answerInNext(cur.openQuestion, next, ctx);
    // A bare figure after an element naming what it measures ("7kW家用充电桩 含基础安装" +
    // "￥1999.00"): when that is a noun that owns such figures, the figure is not the car's.
    if (next && isBareFigure(next) && ownsFigures(cur, next, ctx))
      next.claims = next.claims.filter((c) => c.value === undefined);
    if (cur.segment.source === 'heading') resolveHeading(out, i, ctx);
    // A label followed by an answer; not a list of labels ("电动天窗" then "全景天窗").
    else if (
      next &&
      !next.segment.table &&
      next.segment.source === 'text' &&
      isTopicLabel(cur) &&
      !isTopicLabel(next)
    )
      resolveHeading(out, i, ctx, [next]);
    else if (next && !next.segment.table && cur.segment.source === 'text' && next.segment.source === 'text')
      next.claims.push(...labelValueClaims(cur, next, ctx, reads[i + 1]!));
  }
}

/** A question answered by the block after it: its features take the answer's polarity or trims. */
function answerInNext(question: NonNullable<Read['openQuestion']>, next: Read, ctx: ClaimContext): void {
  const first = splitRanges(next.n.text, ctx.cues.sentenceBreaks, 0, next.n.text.length, true)[0];
  const answer = first ? answerPolarity(next.n, first, ctx) : undefined;
  const own = new Set(next.claims.map((c) => c.feature));
  if (answer) {
    for (const h of question.hits) {
      if (own.has(h.feature!)) continue;
      next.claims.push(answerClaim(next.segment, next.n, h, answer.polarity, answer.cue, question.scope));
    }
  } else if (first && !next.claims.length) {
    // "<summary>Head-up display?</summary><p>Only on the Performance AWD.</p>": trims, nothing else.
    const asked = question.scope;
    const matcher = asked.product ? ctx.variantsOf.get(asked.product) : undefined;
    const ids = matcher ? namedIn(matcher, next.segment.text, next.n, first, ctx) : [];
    if (ids.length) {
      const scope = { ...asked, variants: ids, why: { ...asked.why, variantsFrom: 'clause' as const } };
      for (const h of question.hits)
        next.claims.push(answerClaim(next.segment, next.n, h, 'asserted', first, scope));
    }
  }
}

/**
 * A text element that only names a feature ("激光雷达", "Heated steering wheel?", an FAQ's
 * <summary>, a card's title) is a topic like a heading: the element after it says what is true.
 */
function isTopicLabel(r: Read): boolean {
  // Marked up as a label (an FAQ's <summary>, a <dt>), or written as one ("激光雷达：", "Lidar?").
  const loc = r.segment.location;
  const tag = isImageLocation(loc)
    ? undefined
    : loc.selector
        ?.split('>')
        .pop()
        ?.trim()
        .split(/[.#:[]/)[0];
  const labelled = !!tag && ['summary', 'dt', 'label', 'legend', 'caption'].includes(tag);
  if (!labelled && !/[:：?？]\s*$/.test(r.n.text)) return false;
  const text = r.n.text.trim().replace(/[:：?？]+$/, '');
  if (!text || text.length > 24 || /\d|[。.!！;；,，]/.test(text)) return false;
  const topic = r.claims.filter((c) => c.value === undefined && c.polarity === 'asserted' && !c.qualifier);
  if (!topic.length || topic.length !== r.claims.length) return false;
  const covered = topic.reduce((sum, c) => sum + (c.evidence.span[1] - c.evidence.span[0]), 0);
  return covered >= text.length * 0.5;
}

/** An element that is only a figure: "￥1999.00", "240 kW", "4.99万". */
function isBareFigure(r: Read): boolean {
  return (
    r.claims.some((c) => c.value !== undefined) &&
    /^[^\p{L}]*[\d.,]+[^\p{L}]*(?:\p{L}{1,4})?[^\p{L}]*$/u.test(r.n.text.trim())
  );
}

function ownsFigures(label: Read, figure: Read, ctx: ClaimContext): boolean {
  const dims = new Set(
    figure.claims.flatMap((c) => (c.value !== undefined ? [ctx.catalog.get(c.feature)?.dimension] : [])),
  );
  return [...dims].some((d) => d && ctx.cues.numberOwners.get(d)?.test(label.n.text));
}

/**
 * "车顶可以看到激光雷达的安装位置——激光雷达在四驱性能版上为选装": within one element, a plain
 * mention of a feature that the element also places on certain variants (or denies) is the same
 * claim, not a claim about every variant.
 */
function withoutUnscopedRepeats(claims: Claim[]): Claim[] {
  const scoped = new Set(
    claims
      .filter(
        (c) => c.value === undefined && (c.variants?.length || c.allVariants || c.polarity === 'negated'),
      )
      .map((c) => c.feature),
  );
  return claims.filter(
    (c) =>
      !(
        c.value === undefined &&
        c.polarity === 'asserted' &&
        !c.variants?.length &&
        !c.allVariants &&
        !c.qualifier &&
        scoped.has(c.feature)
      ),
  );
}

/** The body of the heading at `index` (or the given body) decides what its equipment words claim. */
function resolveHeading(out: Read[], index: number, ctx: ClaimContext, given?: Read[]) {
  const heading = out[index]!;
  const topic = heading.claims.filter((c) => c.value === undefined && c.polarity === 'asserted');
  if (!topic.length) return;
  const level = heading.segment.level ?? 0;
  const body: Read[] = given ?? [];
  for (let j = index + 1; !given && j < out.length; j++) {
    const s = out[j]!.segment;
    if (s.source === 'heading' && (!level || !s.level || s.level <= level)) break;
    if (s.source === 'heading') continue;
    body.push(out[j]!);
  }
  if (!body.length) return;
  const spoken = new Set(body.flatMap((r) => r.claims.map((c) => c.feature)));
  const first = body[0]!;
  const firstSentence = splitRanges(first.n.text, ctx.cues.sentenceBreaks, 0, first.n.text.length, true)[0];
  const answer = firstSentence ? answerPolarity(first.n, firstSentence, ctx) : undefined;
  // "The car has no wireless pad": a denial whose own words the lexicon does not know.
  const bareDenial =
    !answer &&
    firstSentence !== undefined &&
    ctx.cues.negationBefore.test(first.n.text, firstSentence.start, firstSentence.end) &&
    !claimHits(first.segment, first.n, ctx).some((h) => h.feature && h.start < firstSentence.end);
  const keep: Claim[] = [];
  for (const claim of heading.claims) {
    if (!topic.includes(claim)) {
      keep.push(claim);
      continue;
    }
    if (spoken.has(claim.feature)) continue;
    const denial = answer?.polarity === 'negated' ? answer.cue : bareDenial ? firstSentence : undefined;
    if (denial) {
      first.claims.push({
        ...claim,
        polarity: 'negated',
        evidence: evidenceFor(first.segment, first.n, denial.start, denial.end),
        why: { ...claim.why!, cue: first.n.text.slice(denial.start, denial.end), via: 'answer' },
      });
      delete first.claims[first.claims.length - 1]!.qualifier;
      continue;
    }
    // "Air suspension" + "Only the Performance AWD has it.": an answer that names variants and no
    // feature of its own says which variants the topic is on.
    const matcher = claim.product ? ctx.variantsOf.get(claim.product) : undefined;
    const answerHits = claimHits(first.segment, first.n, ctx).filter(
      (h) => h.feature && firstSentence && h.start < firstSentence.end,
    );
    const named =
      matcher && firstSentence && !claim.variants?.length && !answerHits.length
        ? namedIn(matcher, first.segment.text, first.n, firstSentence, ctx)
        : [];
    if (named.length) {
      const optional = ctx.cues.optional.test(first.n.text, firstSentence!.start, firstSentence!.end);
      keep.push({
        ...claim,
        variants: named,
        ...(optional ? { qualifier: 'optional' as const } : {}),
        why: { ...claim.why!, variantsFrom: 'sentence', via: 'answer' },
      });
      continue;
    }
    keep.push(claim);
  }
  heading.claims = keep;
}
