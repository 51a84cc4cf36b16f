import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { SEED } from './prng.js';

export interface BoundedResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the built CLI; a run past the time limit is killed and reported as a hang. */
export function runBounded(args: string[], cwd: string, timeoutMs = 30_000): Promise<BoundedResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'claimlint.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * What every run must end with: exit 0 or 1 (a report, input-errors for what could not be read),
 * or 2 with a message on stderr; 130 for an interrupt. Never a crash, a signal, a hang or
 * "this is a bug".
 */
export function expectSafeOutcome(r: BoundedResult, what: string): void {
  const context = `${what} (seed ${SEED}): exit ${r.code}, signal ${r.signal}\n${r.stderr.slice(0, 3000)}`;
  expect(r.timedOut, `hang: ${context}`).toBe(false);
  expect(r.signal, context).toBeNull();
  expect([0, 1, 2, 130], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(/this is a bug|internal error|FATAL ERROR|Segmentation/);
  if (r.code === 2) expect(r.stderr.trim(), context).not.toBe('');
}

/** Runs jobs two at a time (the machine has two cores). */
export async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}
