import { buffer } from 'node:stream/consumers';

/** What a command may touch of the process: injected so that tests run the CLI in-process. */
export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<Uint8Array>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** set by a command; main() returns it */
  exitCode?: number;
}

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => new Uint8Array(await buffer(process.stdin)),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
  };
}

/** Colour on a terminal, never when NO_COLOR is set; FORCE_COLOR forces it. */
export function wantsColor(io: Io, tty: boolean): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return tty;
}

/** yargs drops a lone "-"; it means stdin, so it travels through the parser under another name. */
export const STDIN_ARG = '\u0000stdin';
