import type { Claim, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { tableClaims } from './table-claims.js';
import { textClaims } from './text-claims.js';

/** What a segment asserts. Pure: same segment and context, same claims. */
export function extractClaims(segment: Segment, ctx: ClaimContext): Claim[] {
  const claims = segment.table ? tableClaims(segment, ctx) : textClaims(segment, ctx);
  if (segment.suppressions?.length) for (const c of claims) c.suppressions = segment.suppressions;
  return claims;
}
