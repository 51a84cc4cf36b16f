import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { OcrPool, quietWorkerScript } from '../../src/extract/image/ocr-pool.js';

/**
 * tesseract's WASM prints its warnings from the worker thread; Node pipes a worker thread's
 * console to the process's stdout. A stand-in for tesseract.js's worker script prints them the
 * ways the WASM module can, and the process running it must print nothing.
 */
function runWorker(script: string) {
  const main = `const { Worker } = require('node:worker_threads');
const w = new Worker(${JSON.stringify(script)});
w.on('message', (m) => { process.stdout.write('result: ' + m + '\\n'); w.terminate(); });`;
  return spawnSync(process.execPath, ['-e', main], { encoding: 'utf8', timeout: 30_000 });
}

describe('tesseract console messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-quiet-'));
  const noisy = join(dir, 'noisy-worker.cjs');
  writeFileSync(
    noisy,
    `console.log('Image too small to scale!! (2x36 vs min width of 3)');
console.error('Line cannot be recognized!!');
process.stdout.write('Estimating resolution as 386\\n');
process.stderr.write('Warning: Invalid resolution 0 dpi. Using 70 instead.\\n');
setTimeout(() => require('node:worker_threads').parentPort.postMessage('text'), 50);`,
  );

  it('reach the terminal from a plain worker thread (what the wrapper is for)', () => {
    const r = runWorker(noisy);
    expect(r.stdout + r.stderr).toContain('Image too small to scale!!');
  });

  it('never reach stdout or stderr through the wrapper; results still come back', () => {
    const r = runWorker(quietWorkerScript(join(dir, 'work'), noisy));
    expect(r.stdout).toBe('result: text\n');
    expect(r.stderr).toBe('');
  });

  it("the OCR pool's tesseract.js workers run through the wrapper", async () => {
    // tesseract.js takes Worker from node:worker_threads when it loads (on the pool's first use).
    const threads = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof Worker };
    const Original = threads.Worker;
    const started: string[] = [];
    threads.Worker = class extends Original {
      constructor(file: string | URL, options?: WorkerOptions) {
        started.push(String(file));
        super(file, options);
      }
    } as typeof Worker;
    try {
      const pool = await OcrPool.create({ languages: ['eng'], concurrency: 1, workDir: join(dir, 'pool') });
      await pool.close();
    } finally {
      threads.Worker = Original;
    }
    expect(started).toEqual([join(dir, 'pool', 'tesseract-worker-quiet.cjs')]);
  }, 60_000);
});
