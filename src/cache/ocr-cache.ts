import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrResult } from '../extract/image/ocr-image.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Cache entries above this size are not OCR results of one image: ignored, never parsed. */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Content-addressed OCR results on disk: the key is the image's sha256 with everything that
 * changes the output (engine and data versions, languages, the preprocessing recipe). Entries are
 * written atomically with the sha256 of their result. An entry that does not parse, whose sha256
 * does not match (cut short, edited, a disk error) or whose shape is not an OCR result is a miss:
 * the image is read again and the entry rebuilt. A bad entry never fails the run.
 */
export class OcrCache {
  hits = 0;
  misses = 0;
  /** entries found unusable and rebuilt, this run */
  rebuilt = 0;

  constructor(private readonly dir: string | undefined) {}

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir!, 'ocr', key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<OcrResult | undefined> {
    if (!this.dir) return undefined;
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch {
      this.misses++;
      return undefined;
    }
    try {
      if (text.length > MAX_ENTRY_BYTES) throw new Error('too large');
      const entry = JSON.parse(text) as { key?: unknown; sha256?: unknown; result?: unknown };
      if (entry.key !== key || !isOcrResult(entry.result)) throw new Error('bad entry');
      if (entry.sha256 !== digest(JSON.stringify(entry.result))) throw new Error('checksum');
      this.hits++;
      return entry.result;
    } catch {
      this.misses++;
      this.rebuilt++;
      return undefined;
    }
  }

  async set(key: string, result: OcrResult): Promise<void> {
    if (!this.dir) return;
    try {
      await mkdir(join(this.dir, 'ocr', key.slice(0, 2)), { recursive: true });
      await writeFileAtomic(
        this.path(key),
        JSON.stringify({ key, sha256: digest(JSON.stringify(result)), result }),
      );
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isBox = (v: unknown) =>
  isObject(v) && isNumber(v.x0) && isNumber(v.y0) && isNumber(v.x1) && isNumber(v.y1);
const isWord = (v: unknown) =>
  isObject(v) && typeof v.text === 'string' && isBox(v.bbox) && isNumber(v.confidence);
const isLine = (v: unknown) =>
  isObject(v) &&
  Array.isArray(v.words) &&
  v.words.every(isWord) &&
  isBox(v.bbox) &&
  isNumber(v.confidence) &&
  typeof v.lang === 'string' &&
  typeof v.pass === 'string';

/** Everything of an OCR result that the claims code reads, with the types it reads. */
export function isOcrResult(v: unknown): v is OcrResult {
  return (
    isObject(v) &&
    isNumber(v.width) &&
    isNumber(v.height) &&
    Array.isArray(v.lines) &&
    v.lines.every(isLine) &&
    isObject(v.options) &&
    Array.isArray(v.options.passes) &&
    Array.isArray(v.options.languages)
  );
}
