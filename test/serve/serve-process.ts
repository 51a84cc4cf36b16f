import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** the access log and events so far, one parsed JSON line each */
  log: () => Record<string, unknown>[];
  stderr: () => string;
  /** resolves with the exit code */
  exited: Promise<number>;
  stop: () => Promise<number>;
}

/** Starts the built CLI's `serve` on 127.0.0.1 with a free port and waits until it listens. */
export function startServe(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'claimlint.js'), 'serve', '--host', '127.0.0.1', '--port', '0', ...args],
    { cwd: options.cwd ?? repoRoot, env: { ...process.env, NO_COLOR: '1', ...options.env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m)
        resolve({
          url: m[1]!,
          child,
          log: () =>
            stdout
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Record<string, unknown>),
          stderr: () => stderr,
          exited,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
}
