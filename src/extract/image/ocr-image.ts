import type { Page } from 'tesseract.js';
import type { BBox } from '../../types.js';
import type { DecodedImage } from './decode.js';
import type { OcrLanguage } from './languages.js';
import type { OcrPool } from './ocr-pool.js';
import { loadSharp } from './sharp.js';

export interface OcrWord {
  text: string;
  bbox: BBox;
  confidence: number;
}

export interface OcrLine {
  words: OcrWord[];
  bbox: BBox;
  confidence: number;
  lang: OcrLanguage;
  pass: string;
}

/** How the text was produced: kept with the result (and part of the cache key's meaning). */
export interface OcrOptionsUsed {
  scale: number;
  passes: string[];
  languages: OcrLanguage[];
  lightThreshold: number;
  rescaled: boolean;
}

export interface OcrResult {
  width: number;
  height: number;
  lines: OcrLine[];
  options: OcrOptionsUsed;
}

/** The preprocessing recipe; changing it changes results, so its version is in the cache key. */
export const PREPROCESS_VERSION = 3;
const LIGHT_THRESHOLD = 200;
/** Target line height after scaling: x-height about 25 px for Latin, a full em for CJK. */
const TARGET_LINE_HEIGHT = 40;
const MAX_WORK_PIXELS = 8_000_000;

function initialScale(width: number, height: number): number {
  const longest = Math.max(width, height);
  let scale = 1;
  if (longest < 1000) scale = Math.min(3, 1000 / longest);
  else if (longest > 2400) scale = 2400 / longest;
  return clampScale(scale, width, height);
}

function clampScale(scale: number, width: number, height: number): number {
  const maxByPixels = Math.sqrt(MAX_WORK_PIXELS / (width * height));
  return Math.max(0.2, Math.min(scale, 4, maxByPixels));
}

/**
 * The two renderings OCR reads: the greyscale image as it is (dark text on light backgrounds, with
 * tesseract's own thresholding), and a "light text" mask where everything brighter than the
 * threshold becomes dark ink on white: white type on a dark band or over a photo.
 */
async function renderPasses(
  png: Buffer,
  width: number,
  scale: number,
): Promise<{ name: string; png: Buffer }[]> {
  const sharp = await loadSharp();
  const w = Math.max(1, Math.round(width * scale));
  const grey = sharp(png)
    .greyscale()
    .resize({ width: w, kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  const greyPng = await grey.clone().png().toBuffer();
  const lightPng = await grey.clone().threshold(LIGHT_THRESHOLD).negate().png().toBuffer();
  return [
    { name: 'grey', png: greyPng },
    { name: 'light', png: lightPng },
  ];
}

function linesOf(page: Page, scale: number, lang: OcrLanguage, pass: string): OcrLine[] {
  const out: OcrLine[] = [];
  const unscale = (b: BBox): BBox => ({
    x0: b.x0 / scale,
    y0: b.y0 / scale,
    x1: b.x1 / scale,
    y1: b.y1 / scale,
  });
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((w) => w.text.trim())
          .map((w) => ({ text: w.text.trim(), bbox: unscale(w.bbox), confidence: w.confidence }));
        if (!words.length) continue;
        out.push({ words, bbox: unscale(line.bbox), confidence: line.confidence, lang, pass });
      }
    }
  }
  return out;
}

const area = (b: BBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
function overlapRatio(a: BBox, b: BBox): number {
  const inter = area({
    x0: Math.max(a.x0, b.x0),
    y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
  });
  return inter / Math.max(1, Math.min(area(a), area(b)));
}

/** A line's worth: confident characters, so one sure word does not beat a sure sentence. */
const score = (l: OcrLine) => l.words.reduce((s, w) => s + w.confidence * [...w.text].length, 0);

/**
 * The same text is read by several passes and languages: keep, for each region, the reading with
 * the most confident characters, and drop what is mostly noise.
 */
export function mergeLines(candidates: OcrLine[]): OcrLine[] {
  const accepted: OcrLine[] = [];
  for (const line of [...candidates].filter((l) => l.confidence >= 25).sort((a, b) => score(b) - score(a))) {
    if (accepted.some((a) => overlapRatio(a.bbox, line.bbox) > 0.5)) continue;
    accepted.push(line);
  }
  return accepted.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

function medianHeight(lines: OcrLine[], scale: number): number | undefined {
  const heights = lines
    .filter((l) => l.confidence >= 60)
    .map((l) => (l.bbox.y1 - l.bbox.y0) * scale)
    .sort((a, b) => a - b);
  return heights.length ? heights[Math.floor(heights.length / 2)] : undefined;
}

async function runPasses(
  image: DecodedImage,
  pool: OcrPool,
  languages: OcrLanguage[],
  scale: number,
): Promise<OcrLine[]> {
  const passes = await renderPasses(image.png, image.width, scale);
  const jobs = passes.flatMap((p) =>
    languages.map(async (lang) => linesOf(await pool.recognize(p.png, lang), scale, lang, p.name)),
  );
  return mergeLines((await Promise.all(jobs)).flat());
}

/**
 * Recognises an image: scale so text is near the size tesseract reads best (from the image size,
 * then from the line heights a first pass found), read the greyscale and the light-text renderings
 * in every language, and merge.
 */
export async function ocrImage(
  image: DecodedImage,
  pool: OcrPool,
  languages: OcrLanguage[],
): Promise<OcrResult> {
  let scale = initialScale(image.width, image.height);
  let lines = await runPasses(image, pool, languages, scale);
  let rescaled = false;
  const median = medianHeight(lines, scale);
  if (median && (median < TARGET_LINE_HEIGHT * 0.55 || median > TARGET_LINE_HEIGHT * 2.75)) {
    const better = clampScale((scale * TARGET_LINE_HEIGHT) / median, image.width, image.height);
    if (Math.abs(better / scale - 1) > 0.25) {
      const second = await runPasses(image, pool, languages, better);
      const total = (ls: OcrLine[]) => ls.reduce((s, l) => s + score(l), 0);
      if (total(second) > total(lines)) {
        lines = second;
        scale = better;
        rescaled = true;
      }
    }
  }
  return {
    width: image.width,
    height: image.height,
    lines,
    options: {
      scale: Number(scale.toFixed(3)),
      passes: ['grey', 'light'],
      languages,
      lightThreshold: LIGHT_THRESHOLD,
      rescaled,
    },
  };
}
