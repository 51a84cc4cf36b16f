import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  utimesSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ProcessedDocument } from '../pipeline/process.js';
import { trackTemporary } from '../util/temp-files.js';
import { flatten, isFlat, unflatten } from './flat-codec.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NEWLINE = 0x0a;

/**
 * A result as bytes: V8's serialisation of the result laid out flat. An extraction thread encodes
 * a page once, stores the bytes and, when the main thread needs the whole result, hands it the
 * same bytes. JSON (stringified, then UTF-8) measured slower to write and to read. The format is
 * V8's and flat-codec.ts's: the key names both (ENTRY_FORMAT).
 */
export function encodeResult(result: ProcessedDocument): Uint8Array {
  // Flattened (flat-codec.ts): each string once (a page's URI, headings, segment texts, each
  // repeated in hundreds of places), and the serialiser, which holds what it is given until it
  // is collected, is given a few arrays, not the page's objects.
  return serialize(flatten(result));
}

export function decodeResult(bytes: Uint8Array): ProcessedDocument {
  const value: unknown = deserialize(bytes);
  if (!isFlat(value)) throw new Error('not a result claimlint encoded');
  return unflatten(value) as ProcessedDocument;
}

/** What an entry's key says of its format, with the rest of its parts. */
export const ENTRY_FORMAT = { v: 6, v8: process.versions.v8 };

/** Where an entry is: its pack, where its body starts and ends there, and its body's checksum. */
interface Place {
  file: string;
  offset: number;
  length: number;
  sha256: string;
  /** the same key in another pack (two runs wrote it at once, or a damaged entry was written again) */
  other?: Place;
}

/** A pack's head line as read, and where its first body starts. */
interface Head {
  file: string;
  text: string;
  bodyStart: number;
}

/**
 * Lookups that search the heads' text before every head is parsed into a map: a scan of a few
 * pages asks a few times, a site's scan thousands of times.
 */
const DIRECT_LOOKUPS = 32;

/** A pack's first line: its entries in the order their bodies follow it. */
interface PackHead {
  entries: { key: string; sha256: string; length: number }[];
}

/** A pack's head is read in one go up to this size (64 entries take about 11 KB). */
const HEAD_READ = 16 * 1024;
/** A head longer than this is not a pack of ours: it is skipped. */
const HEAD_MAX = 1024 * 1024;

/** Entries a writer that flushes when it is done (a scan, an extraction thread) holds for one pack: 64 pages of 20 KB are about 7 MB. */
export const PACK_ENTRIES = 64;

export interface ResultsCacheOptions {
  /**
   * Entries held before they are written together as one pack (default 1: each is written when it
   * is set). A writer that holds more must call flush() before it ends.
   */
  packEntries?: number;
  /** Bytes held before a pack is written whatever its number of entries (default 8 MiB). */
  packBytes?: number;
}

/**
 * A document's extraction result (segments, claims, document facts) on disk, keyed by everything
 * that changes it: the document's bytes, where it sits and its channel, the claimlint version, the
 * bundled lexicon and packs, and the spec's vocabulary (feature words, variants, places), but not
 * the spec's values, so a new spec revision only re-runs the checks.
 *
 * An entry holds a result as the rules read it (segments without what only extraction reads):
 * only a scan reads the cache.
 *
 * Entries are stored in packs (`results/packs/*.pack`): a head line listing the entries (key,
 * checksum, length), then their bodies one after the other. A writer holds its entries and writes
 * them as one pack: creating a file cost here about as much as writing 100 KB into it (0.3-0.45 ms
 * a file on this file system), and a whole-site scan creates one a page otherwise. A pack is
 * written whole and then renamed into place, so a reader never sees half of one; a reader lists
 * the packs' heads once, on its first lookup. A pack's time is when one of its entries was last
 * used: pruning (prune.ts) removes the packs used longest ago first.
 *
 * Synchronous on purpose: extraction is synchronous, and packs are small files.
 */
export class ResultsCache {
  hits = 0;
  misses = 0;

  /** every pack's head as read, the packs this cache wrote last */
  private heads: Head[] | undefined;
  /** every entry of the heads, once more than DIRECT_LOOKUPS lookups were made */
  private places: Map<string, Place> | undefined;
  private lookups = 0;
  private readonly held = new Map<string, Uint8Array>();
  private heldBytes = 0;
  /** packs whose time this cache has set already: one touch a pack a run */
  private readonly touched = new Set<string>();
  private folderMade = false;
  private readonly packEntries: number;
  private readonly packBytes: number;

  constructor(
    private readonly dir: string,
    options: ResultsCacheOptions = {},
  ) {
    this.packEntries = Math.max(1, options.packEntries ?? 1);
    this.packBytes = options.packBytes ?? 8 * 2 ** 20;
  }

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** The folder that holds the entries (pruneCache keeps it under a size). */
  get folder(): string {
    return join(this.dir, 'results');
  }

  private get packs(): string {
    return join(this.folder, 'packs');
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
    // A copy: the caller may hand the bytes to another thread (moved, which empties them here).
    const held = this.held.get(key);
    if (held) return new Uint8Array(held);
    for (let place = this.find(key); place; place = place.other) {
      const body = readPlace(place);
      if (body) {
        this.touch(place.file);
        return body;
      }
      // Cut short, edited, damaged or removed (pruned by another run): never trusted, not asked again.
      if (!this.places) continue;
      if (place.other) this.places.set(key, place.other);
      else this.places.delete(key);
    }
    return undefined;
  }

  /**
   * Where a key's entry is, the newest pack first. The first lookups search the heads' text for
   * the key and parse only the heads that hold it: a scan of one page over a cache of a whole site
   * reads the heads (about 0.1 ms a pack here) but does not parse 10,000 entries. Past
   * DIRECT_LOOKUPS, every head is parsed into one map.
   */
  private find(key: string): Place | undefined {
    const heads = this.readHeads();
    if (!this.places && ++this.lookups > DIRECT_LOOKUPS) {
      this.places = new Map();
      for (const head of heads) this.parse(head, this.places);
    }
    if (this.places) return this.places.get(key);
    const found = new Map<string, Place>();
    for (const head of heads) if (head.text.includes(key)) this.parse(head, found, key);
    return found.get(key);
  }

  /** A head's entries (or only `key`'s) into `places`, a later head's before an earlier one's. */
  private parse(head: Head, places: Map<string, Place>, key?: string): void {
    for (const [k, place] of placesOf(head)) {
      if (key !== undefined && k !== key) continue;
      const other = places.get(k);
      places.set(k, other ? { ...place, other } : place);
    }
  }

  /** The packs' heads (their first line), read once, on the first lookup. */
  private readHeads(): Head[] {
    if (this.heads) return this.heads;
    this.heads = [];
    let names: string[] = [];
    try {
      names = readdirSync(this.packs).filter((n) => n.endsWith('.pack'));
    } catch {
      return this.heads;
    }
    const buffer = Buffer.allocUnsafe(HEAD_READ);
    for (const name of names) {
      const head = readHead(join(this.packs, name), buffer);
      if (head) this.heads.push(head);
    }
    return this.heads;
  }

  /** A hit's time is its pack's last use: pruning (prune.ts) removes the packs used longest ago first. */
  private touch(file: string): void {
    if (this.touched.has(file)) return;
    this.touched.add(file);
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // read-only cache: pruning then goes by when the pack was written
    }
  }

  set(key: string, result: ProcessedDocument): void {
    this.setEncoded(key, encodeResult(result));
  }

  /**
   * Stores a result already encoded (encodeResult): held, and written with the next pack. The cache
   * keeps `body` until then: the caller must not change it or move it to another thread.
   */
  setEncoded(key: string, body: Uint8Array): void {
    const before = this.held.get(key);
    if (before) this.heldBytes -= before.byteLength;
    this.held.set(key, body);
    this.heldBytes += body.byteLength;
    if (this.held.size >= this.packEntries || this.heldBytes >= this.packBytes) this.flush();
  }

  /** Writes the entries held as one pack. A cache that cannot be written only costs time on the next run. */
  flush(): void {
    if (!this.held.size) return;
    const entries = [...this.held];
    this.held.clear();
    this.heldBytes = 0;
    const name = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}.pack`;
    const file = join(this.packs, name);
    const tmp = `${file}.tmp`;
    const untrack = trackTemporary(tmp);
    try {
      if (!this.folderMade) {
        mkdirSync(this.packs, { recursive: true });
        this.folderMade = true;
      }
      const head: PackHead = {
        entries: entries.map(([key, body]) => ({ key, sha256: digest(body), length: body.byteLength })),
      };
      const text = JSON.stringify(head);
      const headBytes = Buffer.from(`${text}\n`);
      // Temporary file, then rename: a reader never sees half a pack.
      writeAll(tmp, [headBytes, ...entries.map(([, body]) => body)]);
      renameSync(tmp, file);
      // Once the heads are read, this pack's is one of them (a lookup later in the run finds it).
      const written: Head = { file, text, bodyStart: headBytes.byteLength };
      if (this.heads) this.heads.push(written);
      if (this.places) this.parse(written, this.places);
    } catch {
      rmSync(tmp, { force: true });
    } finally {
      untrack();
    }
  }
}

/** An entry's body, or undefined when it is not there whole and as written. */
function readPlace(place: Place): Uint8Array | undefined {
  try {
    // Not from Buffer's shared pool: the bytes may be moved to another thread whole.
    const body = Buffer.allocUnsafeSlow(place.length);
    const fd = openSync(place.file, 'r');
    try {
      const got = readSync(fd, body, 0, place.length, place.offset);
      return got === place.length && digest(body) === place.sha256 ? body : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A pack's head line as text, or undefined when the file has none. */
function readHead(file: string, buffer: Buffer): Head | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      let chunk = buffer;
      let size = readSync(fd, chunk, 0, chunk.byteLength, 0);
      let newline = chunk.subarray(0, size).indexOf(NEWLINE);
      if (newline < 0 && size === chunk.byteLength) {
        chunk = Buffer.allocUnsafe(HEAD_MAX);
        size = readSync(fd, chunk, 0, HEAD_MAX, 0);
        newline = chunk.subarray(0, size).indexOf(NEWLINE);
      }
      if (newline < 0) return undefined;
      return { file, text: chunk.toString('utf8', 0, newline), bodyStart: newline + 1 };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A pack's entries and where they are; none when its head is not one of ours. */
function placesOf({ file, text, bodyStart }: Head): [string, Place][] {
  let head: PackHead;
  try {
    head = JSON.parse(text) as PackHead;
  } catch {
    return [];
  }
  if (!Array.isArray(head?.entries)) return [];
  const places: [string, Place][] = [];
  let offset = bodyStart;
  for (const e of head.entries) {
    if (
      typeof e?.key !== 'string' ||
      typeof e.sha256 !== 'string' ||
      !Number.isSafeInteger(e.length) ||
      e.length < 0
    )
      return [];
    places.push([e.key, { file, offset, length: e.length, sha256: e.sha256 }]);
    offset += e.length;
  }
  return places;
}

/**
 * The pieces written one after the other, from where they are: joining them first was a copy of
 * every entry (about a tenth of storing one).
 */
function writeAll(file: string, pieces: Uint8Array[]): void {
  const fd = openSync(file, 'w');
  try {
    let rest = pieces.filter((p) => p.byteLength > 0);
    while (rest.length) {
      // writev takes at most IOV_MAX (1,024 on Linux) pieces a call; a short write goes on from where it stopped.
      let done = writevSync(fd, rest.slice(0, 1024));
      let i = 0;
      while (i < rest.length && done >= rest[i]!.byteLength) done -= rest[i++]!.byteLength;
      rest = rest.slice(i);
      if (done > 0) rest[0] = rest[0]!.subarray(done);
    }
  } finally {
    closeSync(fd);
  }
}
