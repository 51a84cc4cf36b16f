import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeResult } from '../cache/results-cache.js';
import type { EngineOptions } from '../check/engine.js';
import type { ClaimContext, ClaimData } from '../claims/context.js';
import type { RulePack } from '../config/packs.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { ScanDocument } from '../types.js';
import type { ResultsCacheSettings } from './incremental.js';
import { type ProcessedDocument, processTextDocument, withExtraction, withoutExtraction } from './process.js';

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

/** What a thread needs to build the run's ClaimContext, and the results cache it writes to. */
export interface WorkerSetup {
  data: ClaimData;
  specs: NormalizedSpec[];
  otherProducts: string[];
  cache?: ResultsCacheSettings;
  /** send segments as the rules read them (segment-for-rules.ts): the run is not `claimlint extract` */
  forRules?: boolean;
  /** run each page's rules here and send what they found (the run reads no images: a page is a unit) */
  rules?: ThreadRules;
}

/**
 * What a thread needs to run the per-document rules as the scan's main thread would: the run's
 * date, packs and severities, and the folder fingerprints are made relative to.
 */
export interface ThreadRules {
  asOf: string;
  packs: RulePack[];
  /** the engine's settings that are data (a thread makes the fingerprints' identity from `cwd`) */
  engine: Omit<EngineOptions, 'rules' | 'identity'>;
  cwd: string;
  /**
   * The run reads text in images (OCR, asset matching): a page that shows one waits for it, so
   * only a page that shows none is checked in the thread; the others go back whole.
   */
  onlyPagesWithoutImages?: boolean;
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
  /** the results cache behind `inThread`: the threads write what they extract to it themselves */
  cache?: ResultsCacheSettings;
  /** threads: 0 or 1 extracts in this thread; default: one a core when there are enough documents */
  workers?: number;
  /** time one document's extraction may take in a thread before the thread is ended (default 120 s) */
  budgetMs?: number;
  /** what the threads extract is only read by the rules (see WorkerSetup.forRules) */
  forRules?: boolean;
  /** the threads run each page's rules (see WorkerSetup.rules) */
  rules?: ThreadRules;
}

/**
 * Generous: extraction reads about 25-50 KB of Chinese text a second on a shared CI core today, so
 * a legitimate page of a few MB must fit; a hostile one is still ended within minutes.
 */
export const DEFAULT_DOCUMENT_BUDGET_MS = 120_000;

/**
 * Documents this large are extracted in a thread even in a small run: only a thread can be ended
 * when a document takes longer than its time budget. Smaller ones take milliseconds in this thread.
 */
export const BUDGETED_BYTES = 1024 * 1024;

export class DocumentBudgetError extends Error {
  override name = 'DocumentBudgetError';
}

export function textExtractor(options: ExtractorOptions): TextExtractor {
  const auto = options.documents >= POOL_THRESHOLD ? availableParallelism() : 1;
  const workers = Math.min(options.workers ?? auto, 16);
  const budgetMs = options.budgetMs ?? DEFAULT_DOCUMENT_BUDGET_MS;
  const { data, specs, otherProducts } = options;
  const setup: WorkerSetup = {
    data,
    specs,
    otherProducts,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.forRules ? { forRules: true } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  };
  if (options.inThread) {
    const small = inThread(options.ctx, options.inThread);
    // A results cache (or a bundle) in front: it answers what it knows in this thread, and what it
    // does not know is extracted in the threads, then handed to it (a site rescanned after a spec
    // change still uses both cores).
    // Threads that run every page's rules and hold the cache look it up themselves: a rescan's
    // hits are decoded and checked in the threads, and this thread only reads the files and hands
    // them on. (When pages that show images are checked here, their hits are decoded here too.)
    if (workers > 1 && options.rules && !options.rules.onlyPagesWithoutImages && options.cache)
      return new ExtractPool(workers, setup, small, budgetMs);
    if (workers > 1)
      return behindProcessor(small, new ExtractPool(workers, setup, inThread(options.ctx), budgetMs));
    return withLargeInThread(small, setup, budgetMs);
  }
  if (workers <= 1) return withLargeInThread(inThread(options.ctx), setup, budgetMs);
  return new ExtractPool(workers, setup, inThread(options.ctx), budgetMs);
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

/** The processor in front first, for what it knows; the pool extracts the rest for it. */
function behindProcessor(front: TextExtractor, pool: ExtractPool): TextExtractor {
  return {
    inFlight: pool.inFlight,
    process: async (doc) => {
      const known = await withoutExtraction(doc, () => front.process(doc));
      if (known) return known;
      // The thread takes the bytes it is given: a copy goes, the processor reads the original.
      const { result, stored } = await pool.extract({ ...doc, bytes: doc.bytes.slice() });
      return withExtraction(doc, result, () => front.process(doc), stored);
    },
    close: () => pool.close(),
  };
}

/**
 * Small documents in this thread; a large one is extracted in a thread of its own, under the time
 * budget, and then handed to this thread's processor as already extracted (so that a results cache
 * or an audit bundle in front of extraction still sees it).
 */
function withLargeInThread(small: TextExtractor, setup: WorkerSetup, budgetMs: number): TextExtractor {
  let pool: ExtractPool | undefined;
  return {
    inFlight: 1,
    process: async (doc) => {
      if (doc.bytes.byteLength <= BUDGETED_BYTES) return small.process(doc);
      // A results cache in front may have the answer already: no thread then.
      const known = await withoutExtraction(doc, () => small.process(doc));
      if (known) return known;
      pool ??= new ExtractPool(1, setup, small, budgetMs);
      // The thread takes the bytes it is given: a copy goes, the processor reads the original.
      const { result, stored } = await pool.extract({ ...doc, bytes: doc.bytes.slice() });
      return withExtraction(doc, result, () => small.process(doc), stored);
    },
    close: async () => {
      await pool?.close();
    },
  };
}

/** A thread's extraction, and whether the thread also wrote it to the results cache. */
export interface Extracted {
  result: ProcessedDocument;
  stored: boolean;
}

interface Job {
  id: number;
  doc: ScanDocument;
  resolve: (p: Extracted) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  /**
   * The documents sent to it, in order: it extracts the first, and the next waits in its port, so
   * that it starts on it without waiting for this thread to read a result and send another. A
   * document's time budget starts when the thread can start on it: when it is sent to a ready idle
   * thread, when the thread says it is ready (it loads the extraction code first), or when the
   * result before it comes back: the thread need not send a message of its own for each document.
   */
  jobs: Job[];
  /** it has loaded the extraction code and built its ClaimContext */
  ready?: boolean;
  timer?: NodeJS.Timeout;
  failed?: Error;
}

/** How long closing waits for a thread to write the results cache entries it holds (a few MB). */
const FLUSH_WAIT_MS = 10_000;

/** Asks a thread to write what its results cache holds; settles when it has, or after `waitMs`. */
function flushed(worker: Worker, waitMs: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', finish);
      done();
    };
    const onMessage = (m: { flushed?: boolean }) => {
      if (m.flushed) finish();
    };
    const timer = setTimeout(finish, waitMs);
    worker.on('message', onMessage);
    worker.on('exit', finish);
    worker.postMessage({ flush: true });
  });
}

/** Documents sent to a thread at once: the one it extracts and the one it starts on next. */
const SENT_AHEAD = 2;

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
 * what comes back is the extraction and the claims, as in-thread extraction gives them. Each
 * thread extracts one document at a time under a time budget: a document that takes longer is an
 * error, and its thread is ended and replaced, so that one hostile page cannot stall the run.
 */
export class ExtractPool implements TextExtractor {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  readonly inFlight: number;

  constructor(
    size: number,
    private readonly setup: WorkerSetup,
    /** when every thread has failed (out of memory, ...), the rest is extracted here */
    private readonly fallback: TextExtractor,
    private readonly budgetMs = DEFAULT_DOCUMENT_BUDGET_MS,
  ) {
    this.inFlight = size * 4;
    for (let i = 0; i < size; i++) this.threads.push(this.startThread());
  }

  private startThread(): Thread {
    const thread: Thread = { worker: startWorker(this.setup), jobs: [] };
    thread.worker.on(
      'message',
      (m: { id?: number; ready?: boolean; encoded?: Uint8Array; stored?: boolean; error?: string }) => {
        const job = thread.jobs[0];
        if (m.ready) {
          thread.ready = true;
          this.startBudget(thread);
          return;
        }
        if (m.id === undefined || !job || job.id !== m.id) return;
        this.finish(thread);
        // The next document waiting in its port is the one the thread works on now.
        this.startBudget(thread);
        if (m.error !== undefined) job.reject(new Error(m.error));
        else job.resolve({ result: decodeResult(m.encoded!), stored: !!m.stored });
        this.pump();
      },
    );
    const fail = (error: Error) => {
      if (thread.failed) return;
      thread.failed = error;
      const job = thread.jobs[0];
      this.finish(thread);
      this.requeueWaiting(thread);
      job?.reject(new Error(`extraction thread failed: ${error.message}`));
      this.pump();
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    return thread;
  }

  /** The thread's first document is the one it works on: its time budget starts. */
  private startBudget(thread: Thread): void {
    if (!thread.ready || thread.failed || !thread.jobs.length) return;
    clearTimeout(thread.timer);
    thread.timer = setTimeout(() => this.overBudget(thread), this.budgetMs);
  }

  /** The thread is done with its first document. */
  private finish(thread: Thread): void {
    clearTimeout(thread.timer);
    thread.timer = undefined;
    thread.jobs.shift();
  }

  /** A thread that is ended never starts the documents waiting in its port: they go back first in line. */
  private requeueWaiting(thread: Thread): void {
    this.queue.unshift(...thread.jobs.splice(0));
  }

  /** A document over its budget: an error for it, and a fresh thread in place of the busy one. */
  private overBudget(thread: Thread): void {
    const job = thread.jobs[0];
    if (!job) return;
    thread.failed = new Error('over the time budget');
    this.finish(thread);
    this.requeueWaiting(thread);
    void thread.worker.terminate();
    job.reject(
      new DocumentBudgetError(
        `extracting the document took longer than ${this.budgetMs / 1000} s (config documentTimeoutSeconds): it was abandoned`,
      ),
    );
    const i = this.threads.indexOf(thread);
    if (i >= 0 && !this.closed) this.threads[i] = this.startThread();
    this.pump();
  }

  private dispatch(thread: Thread, job: Job): void {
    // A document sent ahead may have to go to another thread (when the one before it is ended): the
    // thread gets a copy of its bytes. Otherwise the page's own buffer is transferred; a view into a
    // larger one is copied (transferring would detach the rest).
    const ahead = thread.jobs.length > 0;
    thread.jobs.push(job);
    const { bytes } = job.doc;
    const own = !ahead && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const moved = own ? bytes : bytes.slice();
    thread.worker.postMessage({ id: job.id, doc: { ...job.doc, bytes: moved } }, [
      moved.buffer as ArrayBuffer,
    ]);
    if (!ahead) this.startBudget(thread);
  }

  private pump(): void {
    // The idle threads first, then a second document for each: a short run is spread over all.
    for (let depth = 1; depth <= SENT_AHEAD; depth++) {
      for (const thread of this.threads) {
        if (!this.queue.length) return;
        if (!thread.failed && thread.jobs.length < depth) this.dispatch(thread, this.queue.shift()!);
      }
    }
    if (this.queue.length && this.threads.every((t) => t.failed)) {
      // Every thread failed for good (not over a budget: those are replaced): extract here.
      for (const job of this.queue.splice(0))
        this.fallback.process(job.doc).then((result) => job.resolve({ result, stored: false }), job.reject);
    }
  }

  async process(doc: ScanDocument): Promise<ProcessedDocument> {
    return (await this.extract(doc)).result;
  }

  extract(doc: ScanDocument): Promise<Extracted> {
    if (this.threads.every((t) => t.failed))
      return this.fallback.process(doc).then((result) => ({ result, stored: false }));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, doc, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.threads.map(async (t) => {
        // An idle thread that writes the results cache writes what it holds first; a busy or
        // failed one is ended at once (what it held is extracted again next run).
        if (this.setup.cache && !t.failed && !t.jobs.length) await flushed(t.worker, FLUSH_WAIT_MS);
        t.failed ??= new Error('closed');
        clearTimeout(t.timer);
        return t.worker.terminate();
      }),
    );
  }
}
