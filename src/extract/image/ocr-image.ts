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
  /** the recognitions run, in order: rendering/language, "@crop" when only text regions were read */
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
export const PREPROCESS_VERSION = 4;
const LIGHT_THRESHOLD = 200;
/** Target line height after scaling: x-height about 25 px for Latin, a full em for CJK. */
const TARGET_LINE_HEIGHT = 40;
const MAX_WORK_PIXELS = 8_000_000;
/** A first reading this sure of itself (per character, 0-100) needs no second rendering. */
const CONFIDENT = 75;
/** Below this mean luminance an image is mostly dark: light text is the likelier ink. */
const DARK_IMAGE = 150;

function initialScale(width: number, height: number): number {
  const longest = Math.max(width, height);
  let scale = 1;
  if (longest < 800) scale = Math.min(3, 800 / longest);
  else if (longest > 2400) scale = 2400 / longest;
  return clampScale(scale, width, height);
}

function clampScale(scale: number, width: number, height: number): number {
  const maxByPixels = Math.sqrt(MAX_WORK_PIXELS / (width * height));
  return Math.max(0.2, Math.min(scale, 4, maxByPixels));
}

type Rendering = 'grey' | 'light';

/** A rendering of the image (or of a region of it) at a scale, and where it sits in the image. */
interface View {
  png: Buffer;
  rendering: Rendering;
  scale: number;
  origin: { x: number; y: number };
  cropped: boolean;
}

/**
 * The two renderings OCR reads: the greyscale image as it is (dark text on light backgrounds, with
 * tesseract's own thresholding), and a "light text" mask where everything brighter than the
 * threshold becomes dark ink on white: white type on a dark band or over a photo. A region is cut
 * out before scaling, so that reading a line costs what the line costs, not the whole picture.
 */
async function render(
  image: DecodedImage,
  rendering: Rendering,
  scale: number,
  region?: BBox,
): Promise<View> {
  const sharp = await loadSharp();
  let img = sharp(image.png);
  const box = region ? clampBox(region, image.width, image.height) : undefined;
  if (box) img = img.extract({ left: box.x0, top: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 });
  const width = box ? box.x1 - box.x0 : image.width;
  img = img
    .greyscale()
    .resize({ width: Math.max(1, Math.round(width * scale)), kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  if (rendering === 'light') img = img.threshold(LIGHT_THRESHOLD).negate();
  return {
    // One grey channel, stored without compression: quicker to write here and to read in tesseract.
    png: await img.toColourspace('b-w').png({ compressionLevel: 0 }).toBuffer(),
    rendering,
    scale,
    origin: { x: box?.x0 ?? 0, y: box?.y0 ?? 0 },
    cropped: !!box,
  };
}

function clampBox(b: BBox, width: number, height: number): BBox {
  const x0 = Math.max(0, Math.floor(b.x0));
  const y0 = Math.max(0, Math.floor(b.y0));
  return {
    x0,
    y0,
    x1: Math.max(x0 + 1, Math.min(width, Math.ceil(b.x1))),
    y1: Math.max(y0 + 1, Math.min(height, Math.ceil(b.y1))),
  };
}

/** Mean luminance, 0-255, of a thumbnail (sharp's stats() over every pixel costs more than a reading's share). */
async function meanLuminance(image: DecodedImage): Promise<number> {
  const sharp = await loadSharp();
  const px = await sharp(image.png).greyscale().resize(64, 32, { fit: 'fill' }).raw().toBuffer();
  let sum = 0;
  for (const v of px) sum += v;
  return px.length ? sum / px.length : 255;
}

function linesOf(page: Page, view: View, lang: OcrLanguage): OcrLine[] {
  const out: OcrLine[] = [];
  const { scale, origin } = view;
  const pass = view.rendering;
  const unscale = (b: BBox): BBox => ({
    x0: b.x0 / scale + origin.x,
    y0: b.y0 / scale + origin.y,
    x1: b.x1 / scale + origin.x,
    y1: b.y1 / scale + origin.y,
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

/** A Latin line the Chinese model reads at least this confidently is not read again in English. */
const LATIN_SURE = 88;
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const LATIN = /[A-Za-z]{2}/;
const lineText = (l: OcrLine) => l.words.map((w) => w.text).join(' ');
/** Confidence per character over the lines worth keeping: how sure a reading is as a whole. */
function sureness(lines: OcrLine[]): number {
  const kept = lines.filter((l) => l.confidence >= 25);
  const chars = kept.reduce((n, l) => n + l.words.reduce((m, w) => m + [...w.text].length, 0), 0);
  return chars ? kept.reduce((s, l) => s + score(l), 0) / chars : 0;
}
const total = (ls: OcrLine[]) => ls.reduce((s, l) => s + score(l), 0);
const pad = (b: BBox, by: number): BBox => ({ x0: b.x0 - by, y0: b.y0 - by, x1: b.x1 + by, y1: b.y1 + by });
const unionBox = (ls: OcrLine[]): BBox => ({
  x0: Math.min(...ls.map((l) => l.bbox.x0)),
  y0: Math.min(...ls.map((l) => l.bbox.y0)),
  x1: Math.max(...ls.map((l) => l.bbox.x1)),
  y1: Math.max(...ls.map((l) => l.bbox.y1)),
});

/** Work that recognises one view in one language, counted for the options record. */
type Read = (view: View, lang: OcrLanguage, params?: Record<string, string>) => Promise<OcrLine[]>;

/**
 * Latin lines the Chinese model is unsure of are re-read with the English one, each on a crop of
 * the line alone: a region is recognised in the language of its script, and the whole picture is
 * never read twice.
 */
async function rereadLatin(
  image: DecodedImage,
  lines: OcrLine[],
  scale: number,
  read: Read,
): Promise<OcrLine[]> {
  // Only the lines the Chinese model is unsure of: a sure reading of Latin letters stands.
  const latin = lines.filter(
    (l) =>
      l.confidence >= 25 && l.confidence < LATIN_SURE && !CJK.test(lineText(l)) && LATIN.test(lineText(l)),
  );
  if (!latin.length) return lines;
  const rereads = await Promise.all(
    latin.map(async (line) => {
      const margin = Math.max(4, (line.bbox.y1 - line.bbox.y0) * 0.3);
      const view = await render(image, line.pass as Rendering, scale, pad(line.bbox, margin));
      // The line alone, read as one line.
      return read(view, 'eng', { tessedit_pageseg_mode: '7' });
    }),
  );
  return mergeLines([...lines, ...rereads.flat()]);
}

/**
 * Recognises an image, doing as little as reads it well: scale so text is near the size tesseract
 * reads best; read first the rendering the picture's brightness makes likelier (light text on a
 * dark picture, dark text on a light one) with the Chinese model, which reads Latin letters too;
 * read the other rendering only when the first reading is unsure; re-read Latin-only lines with
 * the English model on crops of those lines; and re-read small text, cropped, at a larger scale.
 */
export async function ocrImage(
  image: DecodedImage,
  pool: OcrPool,
  languages: OcrLanguage[],
): Promise<OcrResult> {
  const passes: string[] = [];
  const read: Read = async (view, lang, params) => {
    passes.push(`${view.rendering}/${lang}${view.cropped ? '@crop' : ''}`);
    return linesOf(await pool.recognize(view.png, lang, params), view, lang);
  };
  const primary: OcrLanguage = languages.includes('chi_sim') ? 'chi_sim' : languages[0]!;
  const first: Rendering = (await meanLuminance(image)) < DARK_IMAGE ? 'light' : 'grey';
  const second: Rendering = first === 'light' ? 'grey' : 'light';

  const readAt = async (scale: number, region?: BBox): Promise<OcrLine[]> => {
    let lines = mergeLines(await read(await render(image, first, scale, region), primary));
    if (sureness(lines) < CONFIDENT || !lines.length) {
      lines = mergeLines([...lines, ...(await read(await render(image, second, scale, region), primary))]);
    }
    if (primary === 'chi_sim' && languages.includes('eng'))
      lines = await rereadLatin(image, lines, scale, read);
    return lines;
  };

  let scale = initialScale(image.width, image.height);
  let lines = await readAt(scale);
  let rescaled = false;
  const median = medianHeight(lines, scale);
  // Text too small to read well is read again, larger, on the region that holds it.
  if (median && median < TARGET_LINE_HEIGHT * 0.55) {
    const better = clampScale((scale * TARGET_LINE_HEIGHT) / median, image.width, image.height);
    if (better / scale > 1.25) {
      const box = unionBox(lines.filter((l) => l.confidence >= 25));
      const again = await readAt(better, pad(box, (box.y1 - box.y0) * 0.1 + 8));
      if (total(again) > total(lines)) {
        lines = again;
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
      passes,
      languages,
      lightThreshold: LIGHT_THRESHOLD,
      rescaled,
    },
  };
}
