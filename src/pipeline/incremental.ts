import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ENTRY_FORMAT,
  encodeResult,
  ResultsCache,
  type ResultsCacheOptions,
} from '../cache/results-cache.js';
import type { ClaimContext } from '../claims/context.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { ScanDocument } from '../types.js';
import { type ProcessedDocument, processTextDocument, storedElsewhere } from './process.js';
import { forRules } from './segment-for-rules.js';

export type TextProcessor = (doc: ScanDocument, ctx: ClaimContext, converted?: string) => ProcessedDocument;

/** sha256 over every file under the folders (names and bytes): the lexicon, cues, units, places and packs. */
export function folderHash(root: string, folders: string[]): string {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const base = join(root, folder);
    let entries: string[] = [];
    try {
      entries = readdirSync(base, { recursive: true, encoding: 'utf8' }).sort();
    } catch {
      continue;
    }
    for (const name of entries) {
      const file = join(base, name);
      try {
        const bytes = readFileSync(file);
        hash.update(relative(root, file)).update('\0').update(bytes).update('\0');
      } catch {
        // a folder
      }
    }
  }
  return hash.digest('hex');
}

/**
 * The part of the spec that claim extraction reads (feature words and kinds, variants, places,
 * product names), not its values: a spec revision that changes values keeps the cache.
 */
export function specVocabulary(spec: NormalizedSpec): unknown {
  return {
    product: [spec.product.name, ...spec.product.aliases],
    variants: spec.implicitVariant ? [] : spec.variants,
    places: spec.invoicingCities ?? [],
    features: [...spec.features.values()].map((f) => ({
      key: f.key,
      kind: f.kind,
      dimension: f.dimension,
      unit: f.unit,
      best: f.best,
      words: f.words,
    })),
  };
}

/**
 * The extraction code itself (src/ under tests, dist/ when installed): a change to the extractors
 * between releases must not serve results the old code made.
 */
export function extractionCodeHash(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // The build wrote it (scripts/compile-data.mjs); run from source, it is computed.
  try {
    return readFileSync(join(root, 'compiled', 'extraction-code.sha256'), 'utf8').trim();
  } catch {
    return folderHash(root, ['claims', 'extract', 'sources']);
  }
}

export interface IncrementalProcessor {
  process: TextProcessor;
  /**
   * For an extraction thread: the document's result (as the rules read it) encoded once, stored
   * and returned as those bytes, to be handed to the main thread as they are.
   */
  encoded: (doc: ScanDocument, ctx: ClaimContext) => Uint8Array;
  /** For an extraction thread that runs the rules: the result as the rules read it, stored as it is. */
  forRules: (doc: ScanDocument, ctx: ClaimContext) => ProcessedDocument;
  cache: ResultsCache;
}

/** processTextDocument behind the results cache: an unchanged document is not extracted again. */
/** What a results cache entry's key is made of, besides the document itself. */
export interface CacheKeyParts {
  toolVersion: string;
  rulesHash: string;
  specs: NormalizedSpec[];
  otherProducts?: unknown;
}

/**
 * A results cache: where it is and what its keys are made of. An extraction thread given it stores
 * what it extracts there itself, so that this thread does not serialise, hash and write every page.
 */
export interface ResultsCacheSettings {
  dir: string;
  keyParts: CacheKeyParts;
}

export function incrementalProcessor(
  cacheDir: string,
  keyParts: CacheKeyParts,
  /** packEntries above 1: the caller calls `cache.flush()` when it is done */
  options: ResultsCacheOptions = {},
): IncrementalProcessor {
  const cache = new ResultsCache(cacheDir, options);
  const code = extractionCodeHash();
  const vocabulary = createHash('sha256')
    .update(JSON.stringify([keyParts.specs.map(specVocabulary), keyParts.otherProducts ?? null]))
    .digest('hex');
  const keyOf = (doc: ScanDocument, converted: string | undefined) =>
    ResultsCache.key({
      ...ENTRY_FORMAT,
      tool: keyParts.toolVersion,
      rules: keyParts.rulesHash,
      code,
      vocabulary,
      // the bytes read, not the record's hash: a rendered page's DOM differs from the bytes fetched
      sha256: createHash('sha256').update(doc.bytes).digest('hex'),
      converted: converted === undefined ? null : createHash('sha256').update(converted).digest('hex'),
      uri: doc.uri,
      kind: doc.kind,
      mediaType: doc.mediaType ?? null,
      channel: doc.channel ?? null,
    });
  // Only a scan reads the cache, and what it reads of an extraction is what its rules read.
  const process: TextProcessor = (doc, ctx, converted) => {
    const stored = converted === undefined ? storedElsewhere(doc) : undefined;
    if (stored) return stored;
    const key = keyOf(doc, converted);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = processTextDocument(doc, ctx, converted);
    cache.set(key, forRules(result));
    return result;
  };
  const forRulesOf = (doc: ScanDocument, ctx: ClaimContext): ProcessedDocument => {
    const key = keyOf(doc, undefined);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = forRules(processTextDocument(doc, ctx));
    cache.set(key, result);
    return result;
  };
  const encoded = (doc: ScanDocument, ctx: ClaimContext): Uint8Array => {
    const key = keyOf(doc, undefined);
    const hit = cache.getEncoded(key);
    if (hit) return hit;
    const bytes = encodeResult(forRules(processTextDocument(doc, ctx)));
    cache.setEncoded(key, bytes);
    // The cache holds these bytes until it writes its pack, and the thread hands what it returns
    // to the main thread (moved, not copied): it gets a copy.
    return new Uint8Array(bytes);
  };
  return { process, forRules: forRulesOf, encoded, cache };
}
