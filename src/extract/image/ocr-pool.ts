import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page, Scheduler, Worker } from 'tesseract.js';
import { checkLanguageData, OcrSetupError } from './language-data.js';
import type { OcrLanguage } from './languages.js';

export { OCR_LANGUAGES, type OcrLanguage } from './languages.js';

const require = createRequire(import.meta.url);

/** The traineddata of a language, shipped in @tesseract.js-data/<lang>/4.0.0_best_int. */
export function languageDataFile(lang: OcrLanguage): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(pkg), '4.0.0_best_int', `${lang}.traineddata.gz`);
}

let versions: Record<string, string> | undefined;

/** Versions that change OCR output: part of every cache key (read once a run). */
export function engineVersions(): Record<string, string> {
  versions ??= readVersions();
  return versions;
}

function readVersions(): Record<string, string> {
  const version = (name: string) =>
    (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
      .version;
  return {
    'tesseract.js': version('tesseract.js'),
    'tesseract.js-core': version('tesseract.js-core'),
    eng: version('@tesseract.js-data/eng'),
    chi_sim: version('@tesseract.js-data/chi_sim'),
  };
}

export { OcrSetupError } from './language-data.js';

export interface OcrPoolOptions {
  languages: OcrLanguage[];
  /** workers of the first language (chi_sim when loaded: it reads every image); half as many of the others */
  concurrency: number;
  /** a worker is replaced after this many jobs: tesseract's WASM heap only grows */
  recycleAfter?: number;
  /** where the language data folder is assembled (one langPath for each language) */
  workDir: string;
  /** createWorker never settles when the data is missing or broken: give up after this long */
  initTimeoutMs?: number;
}

interface Slot {
  lang: OcrLanguage;
  scheduler: Scheduler;
  workers: Worker[];
  jobs: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrSetupError(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * tesseract.js reads `${langPath}/${lang}.traineddata.gz`, one folder for all languages, while the
 * npm data packages keep each language in a folder of its own: link (or copy) them side by side.
 * Nothing is downloaded and, with cacheMethod 'none', nothing is written into the user's folder.
 * The data is checked first (checkLanguageData); what the folder holds is checked too and put
 * back when it is not the installed data (a copy cut short, an edit): the folder is a cache.
 */
function languageFolder(workDir: string, languages: OcrLanguage[]): string {
  const folder = join(workDir, 'tessdata');
  mkdirSync(folder, { recursive: true });
  for (const lang of languages) {
    const source = languageDataFile(lang);
    checkLanguageData(source, lang);
    const target = join(folder, `${lang}.traineddata.gz`);
    if (existsSync(target) && sameData(source, target)) continue;
    // Beside it, then renamed: another run reading the folder never sees it half made.
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    try {
      symlinkSync(source, tmp);
    } catch {
      copyFileSync(source, tmp);
    }
    try {
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return folder;
}

/** The folder's entry is the installed data: a link to it, or a copy of the same size that checks. */
function sameData(source: string, target: string): boolean {
  try {
    if (realpathSync(target) === realpathSync(source)) return true;
    if (statSync(target).size !== statSync(source).size) return false;
    checkLanguageData(target, 'the copy');
    return true;
  } catch {
    return false;
  }
}

/**
 * The script each tesseract.js worker thread runs: tesseract's own console messages ("Image too
 * small to scale!!", "Line cannot be recognized!!", resolution estimates) are printed by the WASM
 * module through console/stdout of the worker thread, which Node pipes to the user's terminal.
 * This wrapper silences them in the thread, then starts tesseract.js's own worker script. Results
 * and errors travel by message, not by console, so nothing is lost.
 */
export function quietWorkerScript(workDir: string, workerScript = tesseractWorkerScript()): string {
  const file = join(workDir, 'tesseract-worker-quiet.cjs');
  const body = `'use strict';
// Written by claimlint: runs tesseract.js's worker with its console output dropped.
const drop = () => true;
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[k] = () => {};
process.stdout.write = drop;
process.stderr.write = drop;
require(${JSON.stringify(workerScript)});
`;
  mkdirSync(workDir, { recursive: true });
  if (!existsSync(file) || readFileSync(file, 'utf8') !== body) writeFileSync(file, body);
  return file;
}

function tesseractWorkerScript(): string {
  return join(
    dirname(require.resolve('tesseract.js/package.json')),
    'src',
    'worker-script',
    'node',
    'index.js',
  );
}

/**
 * A pool of tesseract.js workers, one scheduler per language (combining chi_sim with eng in one
 * best_int worker loses the second language: each language is recognised on its own and the
 * results are merged by confidence). Created once per run, recycled, terminated at the end.
 */
export class OcrPool {
  private readonly slots = new Map<OcrLanguage, Slot>();
  private readonly langPath: string;
  private readonly workerPath: string;
  private readonly starting = new Map<OcrLanguage, Promise<void>>();
  private readonly recycleAfter: number;
  private readonly initTimeoutMs: number;
  private closed = false;
  readonly errors: string[] = [];
  jobsDone = 0;

  private constructor(private readonly options: OcrPoolOptions) {
    this.langPath = languageFolder(options.workDir, options.languages);
    this.workerPath = quietWorkerScript(options.workDir);
    this.recycleAfter = options.recycleAfter ?? 300;
    this.initTimeoutMs = options.initTimeoutMs ?? 60_000;
  }

  /** Starts the first language's workers; another language's start when an image first needs it. */
  static async create(options: OcrPoolOptions): Promise<OcrPool> {
    const pool = new OcrPool(options);
    // The Chinese model reads first (see ocrImage); the others start when a line needs them.
    const first = options.languages.includes('chi_sim') ? 'chi_sim' : options.languages[0];
    if (first) await pool.slot(first);
    return pool;
  }

  private async slot(lang: OcrLanguage): Promise<Slot> {
    if (!this.options.languages.includes(lang)) throw new Error(`OCR language "${lang}" is not loaded`);
    let starting = this.starting.get(lang);
    if (!starting) {
      starting = this.startSlot(lang);
      this.starting.set(lang, starting);
    }
    await starting;
    return this.slots.get(lang)!;
  }

  private async newWorker(lang: OcrLanguage): Promise<Worker> {
    const { createWorker } = await import('tesseract.js');
    let started = false;
    let failStart: (e: Error) => void = () => undefined;
    // tesseract.js never settles createWorker when loading fails: its error handler says so first.
    const startFailed = new Promise<never>((_, reject) => {
      failStart = reject;
    });
    startFailed.catch(() => undefined);
    const creating = createWorker(lang, 1, {
      langPath: this.langPath,
      workerPath: this.workerPath,
      cacheMethod: 'none',
      gzip: true,
      // Without a handler a bad image throws an uncaught error in the worker thread.
      errorHandler: (e: unknown) => {
        this.errors.push(String(e));
        if (!started)
          failStart(
            new OcrSetupError(`the OCR engine could not load the "${lang}" language data: ${String(e)}`),
          );
      },
    });
    const worker = await withTimeout(
      Promise.race([creating, startFailed]),
      this.initTimeoutMs,
      `OCR worker for "${lang}" did not start within ${Math.round(this.initTimeoutMs / 1000)} s (language data unreadable?)`,
    );
    started = true;
    // No inverted re-reads inside tesseract: ocrImage gives it the light-text rendering itself.
    await worker.setParameters({
      user_defined_dpi: '300',
      preserve_interword_spaces: '1',
      tessedit_do_invert: '0',
    });
    return worker;
  }

  private async startSlot(lang: OcrLanguage): Promise<void> {
    const { createScheduler } = await import('tesseract.js');
    const scheduler = createScheduler();
    const workers: Worker[] = [];
    // Workers start side by side; jobs go to the first one ready, the others join as they come.
    // The first language reads whole images; the others only re-read lines: half as many workers.
    const primary = this.options.languages.includes('chi_sim') ? 'chi_sim' : this.options.languages[0];
    const count = lang === primary ? this.options.concurrency : Math.ceil(this.options.concurrency / 2);
    const starts = Array.from({ length: count }, async () => {
      const w = await this.newWorker(lang);
      if (this.closed) {
        await w.terminate().catch(() => undefined);
        return;
      }
      scheduler.addWorker(w);
      workers.push(w);
    });
    try {
      await Promise.any(starts);
    } catch (error) {
      throw (error as AggregateError).errors?.[0] ?? error;
    }
    void Promise.allSettled(starts);
    this.slots.set(lang, { lang, scheduler, workers, jobs: 0 });
  }

  /**
   * Recognises a PNG buffer with one language; word boxes come with `blocks`. `params` are
   * tesseract variables for this job only (e.g. tessedit_pageseg_mode 7 for a single line).
   */
  async recognize(png: Buffer, lang: OcrLanguage, params: Record<string, string> = {}): Promise<Page> {
    if (this.closed) throw new Error('OCR pool is closed');
    const slot = await this.slot(lang);
    if (slot.jobs >= this.recycleAfter * slot.workers.length) {
      // Recycle: a fresh scheduler for new jobs; the old one finishes what it has, then goes.
      const old = slot.scheduler;
      this.slots.delete(lang);
      this.starting.set(lang, this.startSlot(lang));
      void old.terminate().catch(() => undefined);
      return this.recognize(png, lang, params);
    }
    slot.jobs++;
    const result = await slot.scheduler.addJob('recognize', png, params, { blocks: true, text: true });
    this.jobsDone++;
    return result.data;
  }

  get languages(): OcrLanguage[] {
    return [...this.slots.keys()];
  }

  get queueLength(): number {
    return [...this.slots.values()].reduce((n, s) => n + s.scheduler.getQueueLen(), 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.slots.values()].map((s) => s.scheduler.terminate().catch(() => undefined)));
    this.slots.clear();
  }
}
