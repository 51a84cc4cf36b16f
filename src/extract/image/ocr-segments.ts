import { isCjk } from '../../claims/normalize-text.js';
import type { BBox, Segment, OcrWord as SegmentWord } from '../../types.js';
import type { OcrLine, OcrResult } from './ocr-image.js';

const union = (boxes: BBox[]): BBox => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});
const round = (b: BBox): BBox => ({
  x0: Math.round(b.x0),
  y0: Math.round(b.y0),
  x1: Math.round(b.x1),
  y1: Math.round(b.y1),
});

/** Lines of one text block: close below each other, overlapping horizontally, of similar size. */
function continues(prev: OcrLine, next: OcrLine): boolean {
  const h1 = prev.bbox.y1 - prev.bbox.y0;
  const h2 = next.bbox.y1 - next.bbox.y0;
  const gap = next.bbox.y0 - prev.bbox.y1;
  const overlapX = Math.min(prev.bbox.x1, next.bbox.x1) - Math.max(prev.bbox.x0, next.bbox.x0);
  return (
    gap >= -h1 * 0.2 &&
    gap < Math.min(h1, h2) * 0.8 &&
    overlapX > 0 &&
    Math.max(h1, h2) / Math.min(h1, h2) < 1.6
  );
}

/**
 * OCR lines to segments: words joined as the page would read them (no space between CJK
 * characters, the way OCR spaces them), lines of one block rejoined into one segment, and every
 * word's box and confidence kept so that a finding can point at the words it rests on.
 */
export function ocrSegments(uri: string, result: OcrResult, context: Partial<Segment> = {}): Segment[] {
  const groups: OcrLine[][] = [];
  for (const line of result.lines) {
    const last = groups[groups.length - 1];
    if (last && continues(last[last.length - 1]!, line)) last.push(line);
    else groups.push([line]);
  }
  return groups.map((lines) => {
    let text = '';
    const words: SegmentWord[] = [];
    for (const line of lines) {
      for (const w of line.words) {
        const prev = text[text.length - 1];
        if (text && !(isCjk(prev) && isCjk(w.text[0]))) text += ' ';
        words.push({
          offset: text.length,
          length: w.text.length,
          bbox: round(w.bbox),
          confidence: Math.round(w.confidence),
        });
        text += w.text;
      }
    }
    const bbox = round(union(lines.map((l) => l.bbox)));
    return {
      uri,
      text,
      source: 'ocr' as const,
      location: {
        bbox,
        confidence: Math.min(...words.map((w) => w.confidence)),
        width: result.width,
        height: result.height,
      },
      words,
      ...context,
    };
  });
}
