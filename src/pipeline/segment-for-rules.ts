import type { Segment } from '../types.js';
import type { ProcessedDocument } from './process.js';

/**
 * A segment as the rules read it: without what only extraction reads (the offsets of its pieces,
 * its table cell, its heading level, the elements around it but the nearest). That is most of a
 * page's objects, held until the page's rules run, and most of what an extraction thread would
 * otherwise copy to the main thread.
 */
export function segmentForRules(segment: Segment): Segment {
  // Already as the rules read it (a thread sent it so): the same object, not a copy.
  if (
    !segment.pieces &&
    !segment.table &&
    segment.level === undefined &&
    !(segment.blocks && segment.blocks.length > 1)
  )
    return segment;
  const { pieces: _pieces, table: _table, level: _level, blocks, ...kept } = segment;
  return blocks?.length ? { ...kept, blocks: blocks.slice(0, 1) } : kept;
}

/** A document's extraction with its segments as the rules read them. */
export function forRules(processed: ProcessedDocument): ProcessedDocument {
  return {
    ...processed,
    extract: { ...processed.extract, segments: processed.extract.segments.map(segmentForRules) },
  };
}
