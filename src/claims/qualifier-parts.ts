import type { ClaimContext } from './context.js';
import type { CueSet, Span } from './cues.js';
import type { NormalizedText } from './normalize-text.js';
import { overlaps, type Range } from './ranges.js';
import { namedIn } from './scope.js';

export interface QualifiedPart {
  qualifier: 'standard' | 'optional';
  variants: string[];
  cue: Span;
}

/**
 * One clause, two qualifiers for different variants: "Heated front seats come standard on the Long
 * Range and can be added to the Standard Range", "长续航版标配、标准续航版选装座椅加热". Each
 * qualifier takes the variants named on its side: after it when the clause names a variant after
 * its first cue (English order), else before it (Chinese order). Undefined when the clause does not
 * split that way (one qualifier, or fewer than two variants).
 */
/** Qualifier cues of a clause, but not the words of a variant's name ("Standard" in "Standard RWD"). */
export function qualifierCues(set: CueSet, text: string, clause: Range, names: Range[]): Span[] {
  return set.all(text, clause.start, clause.end).filter((c) => !names.some((m) => overlaps(m, c)));
}

export function qualifiedParts(
  original: string,
  n: NormalizedText,
  clause: Range,
  product: string | undefined,
  ctx: ClaimContext,
): QualifiedPart[] | undefined {
  const matcher = product ? ctx.variantsOf.get(product) : undefined;
  if (!matcher) return undefined;
  const mentions = matcher.find(original, n, clause.start, clause.end);
  if (new Set(mentions.map((m) => m.id)).size < 2) return undefined;
  const cues = [
    ...qualifierCues(ctx.cues.standard, n.text, clause, mentions).map((c) => ({
      ...c,
      q: 'standard' as const,
    })),
    ...qualifierCues(ctx.cues.optional, n.text, clause, mentions).map((c) => ({
      ...c,
      q: 'optional' as const,
    })),
  ].sort((a, b) => a.start - b.start);
  if (new Set(cues.map((c) => c.q)).size < 2) return undefined;
  // English names the variant after its qualifier ("standard on the Long Range"), Chinese before it
  // ("长续航版标配").
  const after = mentions[0]!.start >= cues[0]!.start;
  const parts: QualifiedPart[] = [];
  cues.forEach((cue, i) => {
    const region = after
      ? { start: cue.start, end: cues[i + 1]?.start ?? clause.end }
      : { start: cues[i - 1]?.end ?? clause.start, end: cue.end };
    const variants = namedIn(matcher, original, n, region, ctx);
    if (variants.length) parts.push({ qualifier: cue.q, variants, cue: { start: cue.start, end: cue.end } });
  });
  return parts.length >= 2 ? parts : undefined;
}
