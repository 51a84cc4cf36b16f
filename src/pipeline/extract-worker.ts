// One extraction thread of the pool (see extract-pool.ts): the ClaimContext is rebuilt here from
// the run's claim data and spec, then text documents come in and their claims go back.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeResult, PACK_ENTRIES } from '../cache/results-cache.js';
import type { EngineOptions } from '../check/engine.js';
import type { DocumentFacts } from '../check/rule.js';
import { buildClaimContext } from '../claims/context.js';
import type { ScanDocument } from '../types.js';
import { stableUri } from '../util/repo-root.js';
import type { ThreadRules, WorkerSetup } from './extract-pool.js';
import { incrementalProcessor } from './incremental.js';
import { type ProcessedDocument, processTextDocument } from './process.js';
import { checkUnit, type Shared, splitRules } from './rules-by-unit.js';
import { forRules, segmentForRules } from './segment-for-rules.js';

export interface ExtractJob {
  id: number;
  doc: ScanDocument;
}

const { data, specs, otherProducts, cache, forRules: rulesOnly, rules } = workerData as WorkerSetup;
const ctx = buildClaimContext(data, specs, { otherProducts });
const check = rules ? pageChecker(rules) : undefined;
// With a results cache, this thread stores what it extracts: the main thread does not. It writes
// its entries a pack at a time, and the rest when the pool asks before ending it ({ flush }).
const cached = cache
  ? incrementalProcessor(cache.dir, cache.keyParts, { packEntries: PACK_ENTRIES })
  : undefined;
const port = parentPort!;

/**
 * A result goes as bytes, encoded once (flat-codec.ts), and the same bytes are what the results
 * cache stores: copying a page's result and storing it cost about as much as a fifth of
 * extracting it, each. What a page's rules found goes the same way: since encoding is flat, a
 * structured clone of it measured no quicker (0.98x the time of a 10,000-page scan with bytes).
 */
function extract(doc: ScanDocument): Uint8Array {
  if (check && rules) {
    const hits = cached?.cache.hits ?? 0;
    const result = cached ? cached.forRules(doc, ctx) : forRules(processTextDocument(doc, ctx));
    const reused = (cached?.cache.hits ?? 0) > hits;
    // A page that shows images whose text is read waits for them: its rules run in the main thread.
    const out = rules.onlyPagesWithoutImages && result.extract.images.length ? result : check(doc, result);
    return encodeResult(reused ? { ...out, reused: true } : out);
  }
  if (cached && rulesOnly) return cached.encoded(doc, ctx);
  const result = cached ? cached.process(doc, ctx) : processTextDocument(doc, ctx);
  return encodeResult(rulesOnly ? forRules(result) : result);
}

/**
 * A page's rules, run here: the main thread then receives the findings and the few claims the
 * cross-document rules keep, not the page's segments and claims (decoding those, and collecting
 * them afterwards, cost the main thread more than the rules themselves). The page's record is the
 * one the scan loop makes for a local file read without error.
 */
function pageChecker(
  settings: ThreadRules,
): (doc: ScanDocument, result: ProcessedDocument) => ProcessedDocument {
  const shared: Shared = {
    spec: specs[0]!,
    specs,
    asOf: settings.asOf,
    claimContext: ctx,
    packs: settings.packs,
  };
  const engine: EngineOptions = { ...settings.engine, identity: stableUri(settings.cwd) };
  const split = splitRules(engine);
  return (doc, result) => {
    const facts: DocumentFacts = {
      record: {
        uri: doc.uri,
        kind: doc.kind,
        sha256: doc.sha256,
        status: 'ok',
        ...(doc.channel !== undefined ? { channel: doc.channel } : {}),
        ...(doc.owner !== undefined ? { owner: doc.owner } : {}),
      },
      location: { line: 1, column: 1 },
      suppressionProblems: result.extract.suppressionProblems,
    };
    const checked = checkUnit(shared, engine, split, {
      claims: result.claims,
      segments: result.extract.segments.map(segmentForRules),
      documents: [facts],
      matches: [],
    });
    return { extract: { ...result.extract, segments: [] }, claims: [], checked };
  };
}

port.on('message', (message: ExtractJob | { flush: true }) => {
  // The pool is about to end this thread: the results cache's entries held go to disk first.
  if ('flush' in message) {
    cached?.cache.flush();
    port.postMessage({ flushed: true });
    return;
  }
  const { id, doc } = message;
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
// The pool starts the time budget of the first document sent here now, not while this thread was starting.
port.postMessage({ ready: true });
