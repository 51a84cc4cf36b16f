import { isCjk } from '../../claims/normalize-text.js';
import type { BBox, OcrWord, Segment } from '../../types.js';

/** A run of text on a PDF page, in points from the page's top-left corner. */
export interface PdfTextItem {
  text: string;
  /** left edge and baseline */
  x: number;
  baseline: number;
  width: number;
  /** font size */
  size: number;
}

interface Line {
  items: PdfTextItem[];
  bbox: BBox;
  size: number;
}

interface Block {
  lines: Line[];
  bbox: BBox;
  size: number;
}

const boxOf = (i: PdfTextItem): BBox => ({
  x0: i.x,
  y0: i.baseline - i.size * 0.85,
  x1: i.x + i.width,
  y1: i.baseline + i.size * 0.2,
});
const union = (a: BBox, b: BBox): BBox => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});
const round = (b: BBox): BBox => ({
  x0: Math.round(b.x0),
  y0: Math.round(b.y0),
  x1: Math.round(b.x1),
  y1: Math.round(b.y1),
});

/**
 * Items on one baseline, left to right, are one line, unless a gap wider than about two
 * characters separates them: that is a column gutter (or a table cell), and the two sides are
 * separate lines of separate columns.
 */
function toLines(items: PdfTextItem[]): Line[] {
  const sorted = items
    .filter((i) => i.text.trim() && i.size > 0)
    .sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const box = boxOf(item);
    const line = lines.find((l) => {
      const last = l.items[l.items.length - 1]!;
      const sameBaseline = Math.abs(last.baseline - item.baseline) < Math.min(last.size, item.size) * 0.35;
      const gap = item.x - (last.x + last.width);
      return sameBaseline && gap > -last.size && gap < Math.max(last.size, item.size) * 1.6;
    });
    if (line) {
      line.items.push(item);
      line.bbox = union(line.bbox, box);
      line.size = Math.max(line.size, item.size);
    } else {
      lines.push({ items: [item], bbox: box, size: item.size });
    }
  }
  return lines;
}

const BULLET = /^\s*[•·▪■◆●○◦‣⁃∙-](\s|$)/u;

/** Lines close below each other, overlapping horizontally, of similar size, form a block. */
function toBlocks(lines: Line[]): Block[] {
  const sorted = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  const blocks: Block[] = [];
  for (const line of sorted) {
    // A list item starts a block of its own: "• heated seats" and "• sunroof" are two claims.
    const bullet = BULLET.test(line.items[0]?.text ?? '');
    const block = bullet
      ? undefined
      : blocks.find((b) => {
          const last = b.lines[b.lines.length - 1]!;
          const gap = line.bbox.y0 - last.bbox.y1;
          const overlap = Math.min(last.bbox.x1, line.bbox.x1) - Math.max(last.bbox.x0, line.bbox.x0);
          const ratio = Math.max(last.size, line.size) / Math.min(last.size, line.size);
          return (
            gap > -last.size * 0.3 && gap < Math.min(last.size, line.size) * 0.9 && overlap > 0 && ratio < 1.3
          );
        });
    if (block) {
      block.lines.push(line);
      block.bbox = union(block.bbox, line.bbox);
      block.size = Math.max(block.size, line.size);
    } else {
      blocks.push({ lines: [line], bbox: line.bbox, size: line.size });
    }
  }
  return blocks;
}

/**
 * Reading order by recursive XY-cut: a horizontal gap that crosses the whole group splits it
 * into top and bottom; otherwise a vertical gap splits it into left and right columns, each read
 * to its end before the next.
 */
function readingOrder(blocks: Block[]): Block[] {
  if (blocks.length <= 1) return blocks;
  const byY = [...blocks].sort((a, b) => a.bbox.y0 - b.bbox.y0);
  let bottom = byY[0]!.bbox.y1;
  for (let i = 1; i < byY.length; i++) {
    if (byY[i]!.bbox.y0 >= bottom - 1)
      return [...readingOrder(byY.slice(0, i)), ...readingOrder(byY.slice(i))];
    bottom = Math.max(bottom, byY[i]!.bbox.y1);
  }
  const byX = [...blocks].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  let right = byX[0]!.bbox.x1;
  for (let i = 1; i < byX.length; i++) {
    if (byX[i]!.bbox.x0 >= right - 1)
      return [...readingOrder(byX.slice(0, i)), ...readingOrder(byX.slice(i))];
    right = Math.max(right, byX[i]!.bbox.x1);
  }
  return byY;
}

/** Joins two pieces of text the way they read: no space between CJK characters. */
function joiner(before: string, after: string): string {
  if (!before || !after) return '';
  if (/\s$/.test(before) || /^\s/.test(after)) return '';
  if (isCjk(before[before.length - 1]) && isCjk(after[0])) return '';
  return ' ';
}

export interface PageText {
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** The type size most of a page's characters are set in. */
function bodySize(items: PdfTextItem[]): number {
  const weight = new Map<number, number>();
  for (const i of items) {
    const size = Math.round(i.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + i.text.replace(/\s/g, '').length);
  }
  return [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
}

/** How many visible characters a page's text layer has: a page with (almost) none is a picture. */
export function textLength(items: PdfTextItem[]): number {
  return items.reduce((n, i) => n + i.text.replace(/\s/g, '').length, 0);
}

/**
 * A PDF's text layer as segments: one per block, in reading order (columns read one after the
 * other), each located by page and box; every text run keeps its own box (as `words`) so that a
 * finding points at the words it rests on. Blocks in a clearly larger type are headings and give
 * the blocks below them their context (variant scope), as in a web page.
 */
export function pdfSegments(uri: string, pages: PageText[]): Segment[] {
  const segments: Segment[] = [];
  let pageHeading: string | undefined;
  for (const page of pages) {
    // Headings are a page's own: a brochure page is a spread about one thing, and its body type
    // size is what a heading stands out from.
    const body = bodySize(page.items);
    const headings: string[] = [];
    for (const block of readingOrder(toBlocks(toLines(page.items)))) {
      let text = '';
      const words: OcrWord[] = [];
      for (const line of block.lines) {
        for (const item of line.items) {
          text += joiner(text, item.text);
          words.push({
            offset: text.length,
            length: item.text.length,
            bbox: round(boxOf(item)),
            confidence: 100,
          });
          text += item.text;
        }
      }
      text = text.replace(/\s+$/, '');
      if (!text) continue;
      const heading = block.size >= body * 1.25 && text.length <= 80 && !/[。.!！?？]$/.test(text);
      segments.push({
        uri,
        text,
        source: heading ? 'heading' : 'text',
        location: { page: page.page, bbox: round(block.bbox), width: page.width, height: page.height },
        words,
        ...(headings.length ? { headings: [...headings] } : {}),
        ...(pageHeading ? { pageHeading } : {}),
      });
      if (heading) {
        pageHeading ??= text;
        headings.unshift(text);
        headings.length = Math.min(headings.length, 3);
      }
    }
  }
  // The document's title is the page heading of everything in it, its own heading included.
  if (pageHeading) for (const s of segments) s.pageHeading = pageHeading;
  return segments;
}
