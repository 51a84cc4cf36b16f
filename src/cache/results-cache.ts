import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessedDocument } from '../pipeline/process.js';
import { trackTemporary } from '../util/temp-files.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NEWLINE = 0x0a;

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

  /** folders this cache made or found, so that a write does not ask again */
  private readonly folders = new Set<string>();

  constructor(private readonly dir: string) {}

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir, 'results', key.slice(0, 2), `${key}.json`);
  }

  get(key: string): ProcessedDocument | undefined {
    try {
      // A header line ({ key, sha256 }) and the result's JSON as written: the checksum is taken over
      // those bytes, so a hit costs one parse, not a parse and a re-serialisation.
      // Bytes, not text: the checksum is taken over the body's bytes as they are, and the body is
      // decoded once, for the parse.
      const bytes = readFileSync(this.path(key));
      const newline = bytes.indexOf(NEWLINE);
      if (newline < 0) throw new Error('bad entry');
      const head = JSON.parse(bytes.toString('utf8', 0, newline)) as { key?: string; sha256?: string };
      const body = bytes.subarray(newline + 1);
      // Cut short, edited or damaged on disk: extracted again and rewritten, never trusted.
      if (head.key !== key || head.sha256 !== digest(body)) throw new Error('checksum');
      const result = JSON.parse(body.toString('utf8')) as ProcessedDocument;
      if (!Array.isArray(result?.claims) || !Array.isArray(result.extract?.segments))
        throw new Error('bad entry');
      this.hits++;
      return result;
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
      const folder = join(this.dir, 'results', key.slice(0, 2));
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      // Temporary file, then rename: a reader never sees half an entry. The body is encoded once,
      // for the checksum and the file.
      const body = Buffer.from(JSON.stringify(result));
      const head = Buffer.from(`${JSON.stringify({ key, sha256: digest(body) })}\n`);
      writeFileSync(tmp, Buffer.concat([head, body]));
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
      // A cache that cannot be written only costs time on the next run.
    } finally {
      untrack();
    }
  }
}
