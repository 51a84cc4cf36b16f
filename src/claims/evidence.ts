import { type BBox, type Evidence, isImageLocation, type Location, type Segment } from '../types.js';
import { type NormalizedText, originalSpan } from './normalize-text.js';

/** Evidence for a normalised span: the original words, and where they are in the page or image. */
export function evidenceFor(segment: Segment, n: NormalizedText, start: number, end: number): Evidence {
  const [s, e] = originalSpan(n, start, end);
  let trimmedEnd = e;
  while (trimmedEnd > s && /\s/.test(segment.text[trimmedEnd - 1] ?? '')) trimmedEnd--;
  return {
    source: segment.source,
    text: segment.text,
    span: [s, trimmedEnd],
    location: locate(segment, s, trimmedEnd),
    ...(segment.table ? { label: segment.table.rowLabel } : {}),
  };
}

export function locate(segment: Segment, start: number, end: number): Location {
  if (isImageLocation(segment.location)) {
    const words = (segment.words ?? []).filter((w) => w.offset < end && w.offset + w.length > start);
    if (!words.length) return segment.location;
    const bbox: BBox = {
      x0: Math.min(...words.map((w) => w.bbox.x0)),
      y0: Math.min(...words.map((w) => w.bbox.y0)),
      x1: Math.max(...words.map((w) => w.bbox.x1)),
      y1: Math.max(...words.map((w) => w.bbox.y1)),
    };
    return { ...segment.location, bbox, confidence: Math.min(...words.map((w) => w.confidence)) };
  }
  const pieces = segment.pieces;
  if (!pieces?.length) return segment.location;
  let piece = pieces[0]!;
  for (const p of pieces) {
    if (p.offset <= start) piece = p;
    else break;
  }
  return { ...segment.location, line: piece.line, column: piece.column + (start - piece.offset) };
}
