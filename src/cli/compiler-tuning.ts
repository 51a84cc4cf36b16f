import { setFlagsFromString } from 'node:v8';

/**
 * The CLI's one V8 setting: TurboFan inlines less into each function it optimises. A scan's
 * threads each compile the same extraction code, and on a 1,000-page site that compiling took
 * about 2.3 s of CPU a thread (V8's background compiler, measured with --trace-opt), on a machine
 * whose two cores the threads already keep busy. With a cumulative budget of 150 bytes of bytecode
 * (V8's default is 920) it took 1.0 s, while pages extracted at the same speed once compiled
 * (2.2 ms a page either way, 3,000 pages in one thread). BENCHMARKS.md has the paired runs.
 */
export const COMPILER_FLAGS = ['--max-inlined-bytecode-size-cumulative=150'];

/**
 * Applies COMPILER_FLAGS to this process (V8's flags are the process's: extraction threads started
 * later share them), unless the command line already set the same flag for node. Called before a
 * command runs, when little has been optimised yet; the library API leaves V8 as it is.
 */
export function tuneCompiler(
  execArgv: readonly string[] = process.execArgv,
  set: (flag: string) => void = setFlagsFromString,
): void {
  for (const flag of COMPILER_FLAGS) {
    const name = flag.slice(0, flag.indexOf('='));
    const spelled = [name, name.replaceAll('-', '_').replace(/^__/, '--')];
    if (execArgv.some((a) => spelled.some((s) => a === s || a.startsWith(`${s}=`)))) continue;
    set(flag);
  }
}
