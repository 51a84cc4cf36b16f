import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BBox } from '../../types.js';
import { loadSharp } from '../image/sharp.js';
import { type PageText, type PdfTextItem, textLength } from './layout.js';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits.js';

export { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits.js';

import { imagePlacements } from './placements.js';

/** A part of a page rendered for OCR: a page with no text layer, or a picture on a page. */
export interface PdfRender {
  page: number;
  /** in points from the page's top-left corner */
  region: BBox;
  /** pixels per point */
  scale: number;
  png: Uint8Array;
  why: 'no text layer' | 'picture';
}

export interface PdfContent {
  pages: PageText[];
  renders: PdfRender[];
  /** pages without a text layer, listed whether or not they were rendered */
  pagesWithoutText: number[];
}

/** A page with fewer visible characters than this is a picture (a scan, or text as outlines). */
const MIN_TEXT = 10;
/** Pictures smaller than this (points, and share of the page) are logos and icons: not read. */
const MIN_PICTURE = { width: 72, height: 24, share: 0.015 };
/** Rendering density for OCR: 2 pixels per point (144 dpi), less when the pixel limit says so. */
const RENDER_SCALE = 2;

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;
// Loaded on first use: most runs have no PDF.
const pdfjs = () => {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
};

/** pdf.js options: no eval, no system fonts, CJK CMaps and standard fonts from the package. */
function documentOptions(bytes: Uint8Array, limits: PdfLimits) {
  return {
    // pdf.js may transfer (detach) the buffer it is given: give it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: limits.maxPixels,
    verbosity: 0,
  };
}

/** Why pdf.js could not open a file, in words for the report. */
function openError(error: unknown): Error {
  const e = error as { name?: string; message?: string; code?: number };
  if (e?.name === 'PasswordException')
    return new Error('the PDF is encrypted (password-protected): claimlint cannot read it');
  if (e?.name === 'InvalidPDFException')
    return new Error(`not a valid PDF (corrupt or truncated): ${e.message ?? 'invalid structure'}`);
  return new Error(`the PDF could not be read: ${e?.message ?? String(error)}`);
}

async function pageText(page: PDFPageProxy, number: number): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const raw of content.items) {
    if (!('str' in raw) || !raw.str) continue;
    const [a, b, c, d, e, f] = raw.transform as number[];
    const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0);
    const [x, baseline] = viewport.convertToViewportPoint(e ?? 0, f ?? 0) as [number, number];
    items.push({ text: raw.str, x, baseline, width: raw.width, size });
  }
  return { page: number, width: Math.round(viewport.width), height: Math.round(viewport.height), items };
}

async function renderPage(
  page: PDFPageProxy,
  maxPixels: number,
  preferred = RENDER_SCALE,
): Promise<{ png: Buffer; scale: number }> {
  const base = page.getViewport({ scale: 1 });
  // A little under the limit: the OCR path refuses a picture at the limit.
  const scale = Math.min(preferred, Math.sqrt((maxPixels * 0.95) / Math.max(1, base.width * base.height)));
  const viewport = page.getViewport({ scale });
  // The native canvas is loaded on first use: most runs render no PDF.
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(
    Math.max(1, Math.ceil(viewport.width)),
    Math.max(1, Math.ceil(viewport.height)),
  );
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({
    canvasContext: context as unknown as CanvasRenderingContext2D,
    canvas: canvas as unknown as HTMLCanvasElement,
    viewport,
  }).promise;
  return { png: await canvas.encode('png'), scale };
}

/** Pictures worth reading on a page with text: big enough, merged where they overlap. */
function pictureRegions(boxes: BBox[], width: number, height: number): BBox[] {
  const clipped = boxes
    .map((b) => ({
      x0: Math.max(0, b.x0),
      y0: Math.max(0, b.y0),
      x1: Math.min(width, b.x1),
      y1: Math.min(height, b.y1),
    }))
    .filter(
      (b) =>
        b.x1 - b.x0 >= MIN_PICTURE.width &&
        b.y1 - b.y0 >= MIN_PICTURE.height &&
        (b.x1 - b.x0) * (b.y1 - b.y0) >= width * height * MIN_PICTURE.share,
    );
  const merged: BBox[] = [];
  for (const b of clipped) {
    const hit = merged.find((m) => b.x0 < m.x1 && b.x1 > m.x0 && b.y0 < m.y1 && b.y1 > m.y0);
    if (hit)
      Object.assign(hit, {
        x0: Math.min(hit.x0, b.x0),
        y0: Math.min(hit.y0, b.y0),
        x1: Math.max(hit.x1, b.x1),
        y1: Math.max(hit.y1, b.y1),
      });
    else merged.push({ ...b });
  }
  return merged;
}

async function readPages(
  doc: PDFDocumentProxy,
  lib: PdfJs,
  limits: PdfLimits,
  render: boolean,
): Promise<PdfContent> {
  const pages: PageText[] = [];
  const renders: PdfRender[] = [];
  const pagesWithoutText: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await pageText(page, n);
    pages.push(text);
    const pictureOnly = textLength(text.items) < MIN_TEXT;
    if (pictureOnly) pagesWithoutText.push(n);
    if (!render) {
      page.cleanup();
      continue;
    }
    const ops = await page.getOperatorList();
    const viewport = page.getViewport({ scale: 1 });
    let regions = pictureRegions(
      imagePlacements(ops.fnArray, ops.argsArray as unknown[][], lib.OPS, viewport.transform),
      text.width,
      text.height,
    );
    // A page without text is read where its pictures are, or whole (text drawn as outlines).
    if (pictureOnly && !regions.length) regions = [{ x0: 0, y0: 0, x1: text.width, y1: text.height }];
    if (regions.length) {
      const { png, scale } = await renderPage(page, limits.maxPixels);
      for (const region of regions) {
        const left = Math.floor(region.x0 * scale);
        const top = Math.floor(region.y0 * scale);
        // sharp on first use: a scan of text pages never loads it.
        const sharp = await loadSharp();
        const meta = await sharp(png).metadata();
        const width = Math.min((meta.width ?? 0) - left, Math.ceil((region.x1 - region.x0) * scale));
        const height = Math.min((meta.height ?? 0) - top, Math.ceil((region.y1 - region.y0) * scale));
        if (width < 8 || height < 8) continue;
        const whole = left === 0 && top === 0 && width === meta.width && height === meta.height;
        const crop = whole ? png : await sharp(png).extract({ left, top, width, height }).png().toBuffer();
        renders.push({
          page: n,
          region: {
            x0: left / scale,
            y0: top / scale,
            x1: (left + width) / scale,
            y1: (top + height) / scale,
          },
          scale,
          png: new Uint8Array(crop),
          why: pictureOnly ? 'no text layer' : 'picture',
        });
      }
    }
    page.cleanup();
  }
  return { pages, renders, pagesWithoutText };
}

/**
 * A PDF's text layer (page by page, every run with its box) and, when `render` is on, renders of
 * its pages without a text layer and of the pictures on its other pages, for OCR. Encrypted,
 * corrupt, too long or too slow PDFs throw an error that says which.
 */
export async function readPdf(bytes: Uint8Array, limits: PdfLimits, render: boolean): Promise<PdfContent> {
  const lib = await pdfjs();
  const task = lib.getDocument(documentOptions(bytes, limits));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `reading the PDF took longer than ${limits.timeoutMs / 1000} s (config pdf.timeoutSeconds)`,
          ),
        ),
      limits.timeoutMs,
    );
  });
  try {
    const work = async () => {
      let doc: PDFDocumentProxy;
      try {
        doc = await task.promise;
      } catch (error) {
        throw openError(error);
      }
      if (doc.numPages > limits.maxPages)
        throw new Error(
          `the PDF has ${doc.numPages} pages, more than the limit of ${limits.maxPages} (config pdf.maxPages)`,
        );
      return readPages(doc, lib, limits, render);
    };
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/**
 * Pages of a PDF as PNG pictures about `width` pixels wide, with the page size in points (the
 * unit of a finding's box): for the HTML report, which shows the region a finding points at.
 */
export async function renderPdfPages(
  bytes: Uint8Array,
  pages: number[],
  width: number,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<Map<number, { png: Buffer; width: number; height: number }>> {
  const lib = await pdfjs();
  const task = lib.getDocument(documentOptions(bytes, limits));
  const out = new Map<number, { png: Buffer; width: number; height: number }>();
  try {
    const doc = await task.promise;
    for (const n of pages) {
      if (n < 1 || n > doc.numPages) continue;
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const pixels = Math.min(limits.maxPixels, width * width * 2);
      const { png } = await renderPage(page, pixels, width / base.width);
      out.set(n, { png, width: base.width, height: base.height });
      page.cleanup();
    }
  } finally {
    await task.destroy().catch(() => undefined);
  }
  return out;
}
