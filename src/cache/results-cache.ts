import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessedDocument } from '../pipeline/process.js';
import { trackTemporary } from '../util/temp-files.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A document's extraction result (segments, claims, document facts) on disk, keyed by everything
 * that changes it: the document's bytes, where it sits and its channel, the claimlint version, the
 * bundled lexicon and packs, and the spec's vocabulary (feature words, variants, places), but not
 * the spec's values, so a new spec revision only re-runs the checks.
 *
 * Synchronous on purpose: extraction is synchronous, and an entry is one small JSON file.
 */
export class ResultsCache {
  hits = 0;
  misses = 0;

  constructor(private readonly dir: string) {}

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir, 'results', key.slice(0, 2), `${key}.json`);
  }

  get(key: string): ProcessedDocument | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.path(key), 'utf8')) as {
        key: string;
        sha256?: string;
        result: ProcessedDocument;
      };
      if (
        entry.key !== key ||
        !Array.isArray(entry.result?.claims) ||
        !Array.isArray(entry.result.extract?.segments)
      )
        throw new Error('bad entry');
      // Cut short, edited or damaged on disk: extracted again and rewritten, never trusted.
      if (entry.sha256 !== digest(JSON.stringify(entry.result))) throw new Error('checksum');
      this.hits++;
      return entry.result;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  set(key: string, result: ProcessedDocument): void {
    const file = this.path(key);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const untrack = trackTemporary(tmp);
    try {
      mkdirSync(join(this.dir, 'results', key.slice(0, 2)), { recursive: true });
      // Temporary file, then rename: a reader never sees half an entry.
      writeFileSync(tmp, JSON.stringify({ key, sha256: digest(JSON.stringify(result)), result }));
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
      // A cache that cannot be written only costs time on the next run.
    } finally {
      untrack();
    }
  }
}
