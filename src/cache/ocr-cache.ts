import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrResult } from '../extract/image/ocr-image.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/**
 * Content-addressed OCR results on disk: the key is the image's sha256 with everything that
 * changes the output (engine and data versions, languages, the preprocessing recipe). Entries are
 * written atomically; one that does not parse is ignored and rebuilt.
 */
export class OcrCache {
  hits = 0;
  misses = 0;

  constructor(private readonly dir: string | undefined) {}

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir!, 'ocr', key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<OcrResult | undefined> {
    if (!this.dir) return undefined;
    try {
      const entry = JSON.parse(await readFile(this.path(key), 'utf8')) as { key: string; result: OcrResult };
      if (entry.key !== key || !Array.isArray(entry.result?.lines)) throw new Error('bad entry');
      this.hits++;
      return entry.result;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  async set(key: string, result: OcrResult): Promise<void> {
    if (!this.dir) return;
    try {
      await mkdir(join(this.dir, 'ocr', key.slice(0, 2)), { recursive: true });
      await writeFileAtomic(this.path(key), JSON.stringify({ key, result }));
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  }
}
