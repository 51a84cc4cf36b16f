// One extraction thread of the pool (see extract-pool.ts): the ClaimContext is rebuilt here from
// the run's claim data and spec, then text documents come in and their claims go back.
import { parentPort, workerData } from 'node:worker_threads';
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
// With a results cache, this thread writes what it extracts (serialising and hashing a page's
// result is about as much work as half its extraction: the main thread must not do it for all).
const extract = cache ? incrementalProcessor(cache.dir, cache.keyParts).process : processTextDocument;
// Copying a result to the main thread costs as much as a fifth of extracting it: only what is read there goes.
const process: typeof extract = rulesOnly ? (doc, c) => forRules(extract(doc, c)) : extract;
const port = parentPort!;

port.on('message', ({ id, doc }: ExtractJob) => {
  // The document's time budget starts now, not while this thread was starting.
  port.postMessage({ started: id });
  try {
    port.postMessage({ id, result: process(doc, ctx), stored: !!cache });
  } catch (error) {
    port.postMessage({ id, error: (error as Error)?.message ?? String(error) });
  }
});
port.postMessage({ ready: true });
