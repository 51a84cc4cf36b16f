import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ClaimContext, ClaimData } from '../claims/context.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { ScanDocument } from '../types.js';
import { internStrings } from './intern-strings.js';
import { type ProcessedDocument, processTextDocument } from './process.js';

/** Text documents to claims, in this thread or in a pool of threads. */
export interface TextExtractor {
  process(doc: ScanDocument): Promise<ProcessedDocument>;
  /** how many documents to have read and in flight at once */
  readonly inFlight: number;
  close(): Promise<void>;
}

/**
 * Below this many text documents the threads cost more than they save: each one loads the
 * extraction code and builds its own ClaimContext (a few hundred milliseconds).
 */
export const POOL_THRESHOLD = 150;

/** What a thread needs to build the run's ClaimContext. */
export interface WorkerSetup {
  data: ClaimData;
  specs: NormalizedSpec[];
  otherProducts: string[];
}

export interface ExtractorOptions {
  /** text documents the run will read */
  documents: number;
  data: ClaimData;
  specs: NormalizedSpec[];
  otherProducts: string[];
  ctx: ClaimContext;
  /** extract in this thread with this processor (a results cache in front of extraction) */
  inThread?: (doc: ScanDocument, ctx: ClaimContext) => ProcessedDocument;
  /** threads: 0 or 1 extracts in this thread; default: one a core when there are enough documents */
  workers?: number;
}

export function textExtractor(options: ExtractorOptions): TextExtractor {
  const auto = options.documents >= POOL_THRESHOLD ? availableParallelism() : 1;
  const workers = Math.min(options.workers ?? auto, 16);
  if (options.inThread) return inThread(options.ctx, options.inThread);
  if (workers <= 1) return inThread(options.ctx);
  const { data, specs, otherProducts } = options;
  return new ExtractPool(workers, { data, specs, otherProducts }, inThread(options.ctx));
}

function inThread(
  ctx: ClaimContext,
  processor: (doc: ScanDocument, ctx: ClaimContext) => ProcessedDocument = processTextDocument,
): TextExtractor {
  return {
    inFlight: 1,
    process: async (doc) => processor(doc, ctx),
    close: async () => undefined,
  };
}

interface Pending {
  resolve: (p: ProcessedDocument) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Pending>;
  failed?: Error;
}

/** Runs the worker's TypeScript source through tsx when claimlint itself runs from source (tests, bench). */
function startWorker(workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return new Worker(new URL('./extract-worker.js', import.meta.url), { workerData });
  const entry = new URL('./extract-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * node:worker_threads running processTextDocument, one a core. A document's bytes are moved to
 * the thread (transferred, not copied), so the main thread holds no page once it is dispatched;
 * what comes back is the extraction and the claims, as in-thread extraction gives them.
 */
export class ExtractPool implements TextExtractor {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  readonly inFlight: number;

  constructor(
    size: number,
    setup: WorkerSetup,
    /** when every thread has failed (out of memory, ...), the rest is extracted here */
    private readonly fallback: TextExtractor,
  ) {
    this.inFlight = size * 4;
    for (let i = 0; i < size; i++) {
      const thread: Thread = { worker: startWorker(setup), jobs: new Map() };
      thread.worker.on('message', (m: { id?: number; result?: ProcessedDocument; error?: string }) => {
        if (m.id === undefined) return;
        const job = thread.jobs.get(m.id);
        thread.jobs.delete(m.id);
        if (m.error !== undefined) job?.reject(new Error(m.error));
        else job?.resolve(internStrings(m.result!));
      });
      const fail = (error: Error) => {
        thread.failed = error;
        for (const job of thread.jobs.values())
          job.reject(new Error(`extraction thread failed: ${error.message}`));
        thread.jobs.clear();
      };
      thread.worker.on('error', fail);
      thread.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
      this.threads.push(thread);
    }
  }

  process(doc: ScanDocument): Promise<ProcessedDocument> {
    const live = this.threads.filter((t) => !t.failed);
    if (!live.length) return this.fallback.process(doc);
    const thread = live.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.nextId++;
    const { bytes } = doc;
    // Transfer the page's own buffer; a view into a larger one is copied (transferring would detach the rest).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const moved = own ? bytes : bytes.slice();
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      thread.worker.postMessage({ id, doc: { ...doc, bytes: moved } }, [moved.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.threads.map((t) => {
        t.failed ??= new Error('closed');
        return t.worker.terminate();
      }),
    );
  }
}
