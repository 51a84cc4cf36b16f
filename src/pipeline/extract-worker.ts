// One extraction thread of the pool (see extract-pool.ts): the ClaimContext is rebuilt here from
// the run's claim data and spec, then text documents come in and their claims go back.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeResult } from '../cache/results-cache.js';
import { buildClaimContext } from '../claims/context.js';
import type { ScanDocument } from '../types.js';
import type { WorkerSetup } from './extract-pool.js';
import { incrementalProcessor } from './incremental.js';
import { processTextDocument } from './process.js';
import { forRules } from './segment-for-rules.js';

export interface ExtractJob {
  id: number;
  doc: ScanDocument;
}

const { data, specs, otherProducts, cache, forRules: rulesOnly } = workerData as WorkerSetup;
const ctx = buildClaimContext(data, specs, { otherProducts });
// With a results cache, this thread stores what it extracts: the main thread does not.
const cached = cache ? incrementalProcessor(cache.dir, cache.keyParts) : undefined;
const port = parentPort!;

/**
 * A result goes as bytes, encoded once (what a structured clone would do anyway), and the same
 * bytes are what the results cache stores: copying a page's result and storing it cost about as
 * much as a fifth of extracting it, each.
 */
function extract(doc: ScanDocument): Uint8Array {
  if (cached && rulesOnly) return cached.encoded(doc, ctx);
  const result = cached ? cached.process(doc, ctx) : processTextDocument(doc, ctx);
  return encodeResult(rulesOnly ? forRules(result) : result);
}

port.on('message', ({ id, doc }: ExtractJob) => {
  // The document's time budget starts now, not while this thread was starting.
  port.postMessage({ started: id });
  try {
    const bytes = extract(doc);
    // Handed over, not copied: a view into a larger buffer is copied first (moving it would move the rest).
    const own =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    port.postMessage({ id, encoded: own, stored: !!cached }, [own.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id, error: (error as Error)?.message ?? String(error) });
  }
});
port.postMessage({ ready: true });
