import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ProcessedDocument } from '../pipeline/process.js';
import { trackTemporary } from '../util/temp-files.js';
import { pack, unpack } from './result-codec.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NEWLINE = 0x0a;

/**
 * A result as bytes: V8's serialisation, what a structured clone writes. An extraction thread
 * encodes a page once, stores the bytes and hands the same bytes to the main thread, instead of
 * writing JSON for the cache and cloning the result for the message (two encodings of ~150 KB a
 * page). Decoding is also quicker than JSON.parse. The format is V8's: the key names its version.
 */
export function encodeResult(result: ProcessedDocument): Uint8Array {
  // Packed first (result-codec.ts): a page's URI, heading and segment texts once each.
  return serialize(pack(result));
}

export function decodeResult(bytes: Uint8Array): ProcessedDocument {
  return unpack(deserialize(bytes));
}

/** What an entry's key says of its format, with the rest of its parts. */
export const ENTRY_FORMAT = { v: 3, v8: process.versions.v8 };

/**
 * A document's extraction result (segments, claims, document facts) on disk, keyed by everything
 * that changes it: the document's bytes, where it sits and its channel, the claimlint version, the
 * bundled lexicon and packs, and the spec's vocabulary (feature words, variants, places), but not
 * the spec's values, so a new spec revision only re-runs the checks.
 *
 * An entry holds a result as the rules read it (segments without what only extraction reads):
 * only a scan reads the cache.
 *
 * Synchronous on purpose: extraction is synchronous, and an entry is one small file.
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
    return join(this.dir, 'results', key.slice(0, 2), `${key}.v8`);
  }

  get(key: string): ProcessedDocument | undefined {
    const result = this.decoded(this.read(key));
    this.count(result);
    return result;
  }

  /** An entry's encoded result (see encodeResult), checked: undefined when there is none or it is damaged. */
  getEncoded(key: string): Uint8Array | undefined {
    const body = this.read(key);
    this.count(body);
    return body;
  }

  private count(found: unknown): void {
    if (found) this.hits++;
    else this.misses++;
  }

  private decoded(body: Uint8Array | undefined): ProcessedDocument | undefined {
    if (!body) return undefined;
    try {
      const result = decodeResult(body);
      return Array.isArray(result?.claims) && Array.isArray(result.extract?.segments) ? result : undefined;
    } catch {
      return undefined;
    }
  }

  private read(key: string): Uint8Array | undefined {
    try {
      // A header line ({ key, sha256 }) and the encoded result: the checksum is taken over the
      // body's bytes as they are, so a hit costs one decoding.
      const bytes = readFileSync(this.path(key));
      const newline = bytes.indexOf(NEWLINE);
      if (newline < 0) return undefined;
      const head = JSON.parse(bytes.toString('utf8', 0, newline)) as { key?: string; sha256?: string };
      const body = bytes.subarray(newline + 1);
      // Cut short, edited or damaged on disk: extracted again and rewritten, never trusted.
      if (head.key !== key || head.sha256 !== digest(body)) return undefined;
      this.touch(key);
      return body;
    } catch {
      return undefined;
    }
  }

  /** A hit's time is its last use: pruning (prune.ts) removes the entries used longest ago first. */
  private touch(key: string): void {
    try {
      const now = new Date();
      utimesSync(this.path(key), now, now);
    } catch {
      // read-only cache: pruning then goes by when the entry was written
    }
  }

  /** The folder that holds the entries (pruneCache keeps it under a size). */
  get folder(): string {
    return join(this.dir, 'results');
  }

  set(key: string, result: ProcessedDocument): void {
    this.setEncoded(key, encodeResult(result));
  }

  /** Stores a result already encoded (encodeResult). */
  setEncoded(key: string, body: Uint8Array): void {
    const file = this.path(key);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const untrack = trackTemporary(tmp);
    try {
      const folder = join(this.dir, 'results', key.slice(0, 2));
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      // Temporary file, then rename: a reader never sees half an entry.
      const head = Buffer.from(`${JSON.stringify({ key, sha256: digest(body) })}\n`);
      writeAll(tmp, head, body);
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
      // A cache that cannot be written only costs time on the next run.
    } finally {
      untrack();
    }
  }
}

/**
 * The head and the body written one after the other, from where they are: joining them first was a
 * copy of every entry (about a tenth of storing one).
 */
function writeAll(file: string, head: Uint8Array, body: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    const total = head.byteLength + body.byteLength;
    let done = writevSync(fd, [head, body]);
    // A short write (rare on a local file) is finished from where it stopped.
    while (done < total)
      done +=
        done < head.byteLength ? writeSync(fd, head, done) : writeSync(fd, body, done - head.byteLength);
  } finally {
    closeSync(fd);
  }
}
