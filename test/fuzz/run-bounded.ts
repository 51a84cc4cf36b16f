import { expect } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { SEED } from './prng.js';

export type BoundedResult = Awaited<ReturnType<typeof runCliAsync>>;

/** Runs the built CLI; a run past the time limit is killed and reported as a hang. */
export function runBounded(args: string[], cwd: string, timeoutMs = 30_000): Promise<BoundedResult> {
  return runCliAsync(args, { cwd, timeoutMs });
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
