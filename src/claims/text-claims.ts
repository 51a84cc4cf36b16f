import type { Claim, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import type { Span } from './cues.js';
import { evidenceFor } from './evidence.js';
import type { TermHit } from './lexicon.js';
import { type NormalizedText, normalizeText } from './normalize-text.js';
import { numberClaims } from './numbers.js';
import { scopeVariants } from './scope.js';

export interface Range {
  start: number;
  end: number;
}

/** Split [0, text.length) at any of `breaks`, keeping the break in the left part. */
export function splitRanges(text: string, breaks: Set<string>, from = 0, to = text.length): Range[] {
  const out: Range[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (breaks.has(text[i]!)) {
      // A decimal point or a thousands separator is not a break ("3,000 km", "9.98万").
      if (
        (text[i] === ',' || text[i] === '.') &&
        /\d/.test(text[i - 1] ?? '') &&
        /\d/.test(text[i + 1] ?? '')
      )
        continue;
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < to) out.push({ start, end: to });
  return out.filter((r) => text.slice(r.start, r.end).trim().length > 0);
}

const inside = (span: Span, range: Range) => span.start >= range.start && span.end <= range.end;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function isQuestion(text: string, sentence: Range, ctx: ClaimContext): boolean {
  const body = text.slice(sentence.start, sentence.end).trim();
  if (ctx.cues.questionEndings.some((e) => body.endsWith(e))) return true;
  return ctx.cues.questionWords.test(text, sentence.start, sentence.end);
}

/** Negation cues of a text, minus words that only contain a negation character ("无线", "not only"). */
export function negationSpans(n: NormalizedText, hits: TermHit[], ctx: ClaimContext): Span[] {
  const shields = [...ctx.cues.notNegation.all(n.text), ...hits];
  return ctx.cues.negationBefore.all(n.text).filter((s) => !shields.some((h) => overlaps(h, s)));
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
  const text = n.text;
  // Before: a negation earlier in the clause, with no "but" between it and the feature.
  for (const neg of negations) {
    if (!inside(neg, clause) || neg.end > hit.start) continue;
    const contrast = ctx.cues.contrast.all(text, neg.end, hit.start);
    if (contrast.length === 0) return true;
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
  const next = hits.find((h) => h.start >= hit.end && h !== hit);
  const after = ctx.cues.negationAfter.startsAt(text, i);
  if (after && after.end <= clause.end && (!next || after.end <= next.start)) {
    const word = text.slice(after.start, after.end);
    // A one- or two-character cue ("无", "-", "no") must stand alone: "天窗无异响" is not "天窗：无".
    if (word.length > 2) return true;
    const rest = text
      .slice(after.end, clause.end)
      .replace(/[。.!！;；,，、)）]/g, '')
      .trim();
    if (rest === '') return true;
  }
  return false;
}

export function textClaims(segment: Segment, ctx: ClaimContext, n = normalizeText(segment.text)): Claim[] {
  const claims: Claim[] = [];
  const text = n.text;
  const hits = ctx.lexicon.find(text);
  const negations = negationSpans(n, hits, ctx);
  const sentences = splitRanges(text, ctx.cues.sentenceBreaks);
  const placesDone = new Set<Range>();

  for (const sentence of sentences) {
    if (isQuestion(text, sentence, ctx)) continue;
    const clauses = splitRanges(text, ctx.cues.clauseBreaks, sentence.start, sentence.end);
    const allVariants = ctx.cues.allVariants.test(text, sentence.start, sentence.end);
    for (const clause of clauses) {
      for (const hit of hits) {
        if (!hit.feature || !inside(hit, clause)) continue;
        // "AR-HUD抬头显示" names one feature twice: one claim.
        if (
          claims.some(
            (c) =>
              c.feature === hit.feature &&
              c.evidence.span[0] >= n.map[clause.start]! &&
              c.evidence.span[1] <= n.map[clause.end]!,
          )
        )
          continue;
        const kind = ctx.catalog.get(hit.feature)?.kind;
        // Number cues ("续航") only claim together with a number; numbers.ts pairs them.
        if (kind === 'number') continue;
        const negated = isNegated(n, hit, clause, negations, hits, ctx);
        const claim: Claim = {
          uri: segment.uri,
          feature: hit.feature,
          polarity: negated ? 'negated' : 'asserted',
          evidence: evidenceFor(segment, n, hit.start, hit.end),
        };
        if (!negated) {
          if (ctx.cues.optional.test(text, clause.start, clause.end)) claim.qualifier = 'optional';
          else if (ctx.cues.standard.test(text, clause.start, clause.end)) claim.qualifier = 'standard';
        }
        if (allVariants) claim.allVariants = true;
        if (kind === 'restriction' && hit.feature === 'invoicing_cities' && !placesDone.has(sentence)) {
          placesDone.add(sentence);
          const items = ctx.places.everywhere(text, sentence.start, sentence.end)
            ? ['*']
            : ctx.places.find(text, sentence.start, sentence.end);
          if (items.length) claim.items = items;
        } else if (kind === 'restriction') {
          continue;
        }
        Object.assign(claim, scopeVariants(segment, n, clause, sentence, ctx, allVariants));
        claims.push(claim);
      }
    }
    claims.push(...numberClaims(segment, n, sentence, hits, ctx, allVariants));
  }
  return claims;
}
