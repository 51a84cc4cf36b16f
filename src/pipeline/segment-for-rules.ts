import type { Segment } from '../types.js';
import type { ProcessedDocument } from './process.js';

/**
 * A segment as the rules read it: without what only extraction reads (its table cell, its heading
 * level, the elements around it but the nearest). Its pieces stay: prohibited-term and the packs'
 * disclosure rules place a term they find at its own line and column with them (claims/evidence.ts
 * `locate`), in a block assembled from several elements.
 */
export function segmentForRules(segment: Segment): Segment {
  // Already as the rules read it (a thread sent it so): the same object, not a copy.
  if (!segment.table && segment.level === undefined && !(segment.blocks && segment.blocks.length > 1))
    return segment;
  const { table: _table, level: _level, blocks, ...kept } = segment;
  return blocks?.length ? { ...kept, blocks: blocks.slice(0, 1) } : kept;
}

/** A document's extraction with its segments as the rules read them. */
export function forRules(processed: ProcessedDocument): ProcessedDocument {
  return {
    ...processed,
    extract: { ...processed.extract, segments: processed.extract.segments.map(segmentForRules) },
  };
}
