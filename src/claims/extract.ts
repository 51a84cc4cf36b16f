import type { Claim, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { extractDocumentClaims } from './document.js';

/** What one segment asserts, read on its own. Pure: same segment and context, same claims. */
export function extractClaims(segment: Segment, ctx: ClaimContext): Claim[] {
  return extractDocumentClaims([segment], ctx);
}

export { extractDocumentClaims };
