import type { BBox, Segment } from '../../types.js';

/** Where a rendered part of a PDF page sits: OCR boxes (pixels of the render) go back to the page. */
export interface PdfPlacement {
  /** the PDF's uri: OCR segments become segments of the PDF */
  uri: string;
  page: number;
  /** top-left corner of the render on the page, in points */
  x0: number;
  y0: number;
  /** pixels per point */
  scale: number;
  /** the page size in points */
  width: number;
  height: number;
}

const place = (b: BBox, p: PdfPlacement): BBox => ({
  x0: Math.round(p.x0 + b.x0 / p.scale),
  y0: Math.round(p.y0 + b.y0 / p.scale),
  x1: Math.round(p.x0 + b.x1 / p.scale),
  y1: Math.round(p.y0 + b.y1 / p.scale),
});

/** An OCR segment of a rendered PDF region as a segment of the PDF: its page, boxes in points. */
export function relocateSegment(segment: Segment, p: PdfPlacement): Segment {
  const loc = segment.location as { bbox: BBox; confidence?: number };
  return {
    ...segment,
    uri: p.uri,
    location: {
      page: p.page,
      bbox: place(loc.bbox, p),
      ...(loc.confidence !== undefined ? { confidence: loc.confidence } : {}),
      width: p.width,
      height: p.height,
    },
    ...(segment.words ? { words: segment.words.map((w) => ({ ...w, bbox: place(w.bbox, p) })) } : {}),
  };
}
