import { type Claim, isImageLocation, type Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { locate } from './evidence.js';
import type { NormalizedText } from './normalize-text.js';
import { offersInHeadings } from './offer-terms.js';
import { type Rebase, rebaseFor } from './rebase-claim.js';
import type { SegmentReading } from './scope.js';
import { tableClaims } from './table-claims.js';
import { readSegment, type SegmentRead } from './text-claims.js';

// A site says the same things on many pages: its navigation and footer, its disclaimers, and the
// same feature copy on every model, dealer and campaign page. Reading a segment is a pure function
// of its text, its headings, its page heading, its source and the product the document pass gave
// it, so a segment read before is not read again: its claims are kept and handed to the next
// segment with the same reading, with that segment's URI and locations.
// - A reading is kept the second time it is met: text met once (most of a site whose copy does not
//   repeat) costs a key and a set entry, not a copy of its claims held to the end.
// - The claims kept are frozen, so code that changed a claim it was handed in place (rather than a
//   copy) throws in the tests instead of changing the next page's claims.
// - Bounded by an estimate of the bytes held (texts, keys, claims), about 32 MB a thread; one memo
//   a claim context (a context is built for one set of specs and data).

/** An estimate of a kept reading's size: its text (two bytes a character) and its claims. */
const BYTES_HELD = 32 * 2 ** 20;
const BYTES_A_CLAIM = 800;
/** Keys of readings met once, by characters. */
const SEEN_CHARS = 2_000_000;
const MEMO_MAX_LENGTH = 4_000;

type Kept = Omit<SegmentRead, 'n'>;

/** A kept reading, with the function that copies each of its claims to another place. */
interface Held {
  kept: Kept;
  rebase: Rebase[];
}

interface Memo {
  /** by text, then by the rest of the key (the text's own hash is computed once per string) */
  reads: Map<string, Map<string, Held>>;
  bytes: number;
  /** readings met once, by text, then by key */
  seen: Map<string, Set<string>>;
  seenChars: number;
}

const memos = new WeakMap<ClaimContext, Memo>();
const headingsThatCount = new WeakMap<ClaimContext, Map<string, boolean>>();

/**
 * A heading changes a segment's reading only when it names a variant (scope.ts) or an offer
 * (offer-terms.ts); the others ("亮点 3", "Highlight 3", "客服问答") are left out of the key, so the
 * same copy under another section title is read once.
 */
function counts(heading: string, ctx: ClaimContext): boolean {
  let known = headingsThatCount.get(ctx);
  if (!known) {
    known = new Map();
    headingsThatCount.set(ctx, known);
  }
  let yes = known.get(heading);
  if (yes === undefined) {
    yes =
      [...ctx.variantsOf.values()].some((m) => m.inText(heading).length > 0) ||
      offersInHeadings({ headings: [heading] } as Segment, ctx).length > 0;
    if (known.size > 10_000) known.clear();
    known.set(heading, yes);
  }
  return yes;
}

/** What decides a segment's reading besides the context: undefined when it cannot be shared. */
function keyOf(segment: Segment, ctx: ClaimContext, reading: SegmentReading | undefined): string | undefined {
  // OCR words and a document's own platform names are read with more than the text.
  if (isImageLocation(segment.location) || reading?.platformNames) return undefined;
  if (segment.text.length > MEMO_MAX_LENGTH) return undefined;
  const p = reading?.product;
  const t = segment.table;
  return [
    segment.source,
    p ? `${p.id}\u0001${p.other ? 1 : 0}\u0001${p.from}` : '',
    segment.pageHeading && counts(segment.pageHeading, ctx) ? segment.pageHeading : '',
    (segment.headings ?? []).filter((h) => counts(h, ctx)).join('\u0001'),
    // A table cell is read with its row label and column header (table-claims.ts).
    t ? `${t.rowLabel}\u0001${t.columnHeader ?? '\u0002'}\u0001${t.variantColumns ? 1 : 0}` : '',
  ].join('\u0000');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** readSegment, once for each distinct reading in a run. */
export function readSegmentOnce(
  segment: Segment,
  ctx: ClaimContext,
  reading: SegmentReading | undefined,
  n: NormalizedText,
): SegmentRead {
  const read = remembered(segment, ctx, reading, () => readSegment(segment, ctx, reading, n));
  // Built field by field: a spread of results of two shapes took V8's slow path.
  return read.openQuestion
    ? { claims: read.claims, openQuestion: read.openQuestion, n }
    : { claims: read.claims, n };
}

/** tableClaims, once for each distinct cell and reading in a run (a site repeats its spec tables). */
export function tableClaimsOnce(segment: Segment, ctx: ClaimContext, reading?: SegmentReading): Claim[] {
  return remembered(segment, ctx, reading, () => ({ claims: tableClaims(segment, ctx, reading) })).claims;
}

function remembered(
  segment: Segment,
  ctx: ClaimContext,
  reading: SegmentReading | undefined,
  read: () => Kept,
): Kept {
  const key = ctx.rememberReadings === false ? undefined : keyOf(segment, ctx, reading);
  if (key === undefined) return read();
  let memo = memos.get(ctx);
  if (!memo) {
    memo = { reads: new Map(), bytes: 0, seen: new Map(), seenChars: 0 };
    memos.set(ctx, memo);
  }
  const { text } = segment;
  const held = memo.reads.get(text)?.get(key);
  if (held) return handOn(held, segment);
  const seen = memo.seen.get(text);
  if (!seen?.has(key)) {
    if (memo.seenChars > SEEN_CHARS) {
      memo.seen.clear();
      memo.seenChars = 0;
    }
    if (seen) seen.add(key);
    else memo.seen.set(text, new Set([key]));
    memo.seenChars += text.length + key.length;
    return read();
  }
  // Met the second time: read, kept frozen, and handed on as a later meeting would be.
  seen.delete(key);
  const now = read();
  // The question's hits may be a matcher's own cached list: a copy is frozen, not theirs.
  const fresh: Kept = deepFreeze({
    claims: now.claims,
    ...(now.openQuestion ? { openQuestion: structuredClone(now.openQuestion) } : {}),
  });
  const bytes = 2 * (text.length + key.length) + BYTES_A_CLAIM * fresh.claims.length;
  if (memo.bytes + bytes > BYTES_HELD) {
    memo.reads.clear();
    memo.bytes = 0;
  }
  let forText = memo.reads.get(text);
  if (!forText) {
    forText = new Map();
    memo.reads.set(text, forText);
  }
  const stored: Held = { kept: fresh, rebase: fresh.claims.map(rebaseFor) };
  forText.set(key, stored);
  memo.bytes += bytes;
  return handOn(stored, segment);
}

/**
 * A kept reading's claims for this segment: fresh objects with its URI, at its place (what they
 * share is frozen).
 */
function handOn({ kept, rebase }: Held, segment: Segment): Kept {
  const claims: Claim[] = [];
  for (let i = 0; i < kept.claims.length; i++) {
    const claim = kept.claims[i]!;
    const [start, end] = claim.evidence.span;
    claims.push(rebase[i]!(claim, segment.uri, locate(segment, start, end)));
  }
  return kept.openQuestion ? { claims, openQuestion: kept.openQuestion } : { claims };
}
