import type { Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import type { NormalizedText } from './normalize-text.js';
import type { Range } from './text-claims.js';

export interface Scope {
  variants?: string[];
  variantLabel?: string;
}

/**
 * Which variants a claim is about: the variant named in its clause or sentence, else in its
 * block, else in the nearest heading, else the page's product/variant heading, else all variants.
 * A table cell is about the variant of its column.
 */
export function scopeVariants(
  segment: Segment,
  n: NormalizedText,
  clause: Range,
  sentence: Range,
  ctx: ClaimContext,
  allVariants: boolean,
): Scope {
  if (allVariants) return {};
  const table = segment.table;
  if (table?.variantColumns && table.columnHeader !== undefined) {
    const ids = ctx.variants.inText(table.columnHeader);
    if (ids.length) return { variants: ids };
    return { variantLabel: table.columnHeader.replace(/\s+/g, ' ').trim() };
  }
  const inRange = (r: Range) => [
    ...new Set(ctx.variants.find(segment.text, n, r.start, r.end).map((m) => m.id)),
  ];
  for (const range of [clause, sentence, { start: 0, end: n.text.length }]) {
    const ids = inRange(range);
    if (ids.length) return { variants: ids };
  }
  if (table?.rowLabel) {
    const ids = ctx.variants.inText(table.rowLabel);
    if (ids.length) return { variants: ids };
  }
  for (const heading of [...(segment.headings ?? []), segment.pageHeading ?? '']) {
    const ids = ctx.variants.inText(heading);
    if (ids.length) return { variants: ids };
  }
  return {};
}
