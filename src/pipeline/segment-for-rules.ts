import type { Segment } from '../types.js';
import type { ProcessedDocument } from './process.js';

/**
 * A segment as the rules read it: without what only extraction reads (its table cell, its heading
 * level, the elements around it but the nearest). Its pieces stay: prohibited-term and the packs'
 * disclosure rules place a term they find at its own line and column with them (claims/evidence.ts
 * `locate`), in a block assembled from several elements.
 */
/** Every field of a segment and what the rules' copy does with it: a new field must be placed here. */
export const RULE_FIELDS: Record<keyof Segment, 'kept' | 'dropped' | 'nearest'> = {
  uri: 'kept',
  text: 'kept',
  source: 'kept',
  location: 'kept',
  headings: 'kept',
  pageHeading: 'kept',
  pieces: 'kept',
  suppressions: 'kept',
  words: 'kept',
  blocks: 'nearest',
  table: 'dropped',
  level: 'dropped',
};

export function segmentForRules(segment: Segment): Segment {
  // Already as the rules read it (a thread sent it so): the same object, not a copy.
  if (!segment.table && segment.level === undefined && !(segment.blocks && segment.blocks.length > 1))
    return segment;
  // Field by field: an object rest pattern copies through a slower path, for every segment of a site.
  const kept: Segment = {
    uri: segment.uri,
    text: segment.text,
    source: segment.source,
    location: segment.location,
  };
  if (segment.headings !== undefined) kept.headings = segment.headings;
  if (segment.pageHeading !== undefined) kept.pageHeading = segment.pageHeading;
  if (segment.pieces !== undefined) kept.pieces = segment.pieces;
  if (segment.suppressions !== undefined) kept.suppressions = segment.suppressions;
  if (segment.words !== undefined) kept.words = segment.words;
  if (segment.blocks?.length) kept.blocks = segment.blocks.slice(0, 1);
  return kept;
}

/** A document's extraction with its segments as the rules read them. */
export function forRules(processed: ProcessedDocument): ProcessedDocument {
  return {
    ...processed,
    extract: { ...processed.extract, segments: processed.extract.segments.map(segmentForRules) },
  };
}
