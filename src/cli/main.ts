import yargs, { type Argv } from 'yargs';
import { toolVersion } from '../data/package-root.js';
import { ConfigError, formatProblem, UsageError } from '../errors.js';
import { registerCommands } from './commands.js';
import type { Io } from './io.js';
import { processIo, STDIN_ARG } from './io.js';

export async function buildCli(argv: string[], io: Io): Promise<Argv> {
  const cli = yargs(argv.map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('claimlint')
    .usage('$0 <command> [options]\n\nChecks marketing content against the authoritative product spec.')
    .version(toolVersion)
    .strict()
    .recommendCommands()
    .demandCommand(
      1,
      'Say what to do: scan, extract, serve, spec validate, spec import, rules, merge, baseline, init, verify-bundle',
    )
    // yargs renders the help text after every command (to cache it); wrapping it measures every
    // word's width, about 40 ms of a small scan. Only a run that shows help needs it wrapped.
    .wrap(wantsHelp(argv) ? Math.min(110, process.stdout.columns || 100) : null)
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(
        message ?? 'invalid command line',
        'claimlint --help lists the commands and options',
      );
    });
  const built = (await registerCommands(cli, argv, io)).help().alias('h', 'help').alias('V', 'version');
  // yargs renders the whole help text after running a command, to keep for a later failure; our
  // failures never print help (see fail() above), so a run that does not ask for help skips it.
  const usage = (
    built as unknown as {
      getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
    }
  )
    .getInternalMethods?.()
    ?.getUsageInstance?.();
  if (usage?.cacheHelpMessage && !wantsHelp(argv)) usage.cacheHelpMessage = () => undefined;
  return built;
}

function wantsHelp(argv: string[]): boolean {
  return argv.length === 0 || argv.some((a) => a === '--help' || a === '-h' || a === 'help');
}

/** Prints a user error (exit 2) or a bug report (exit 2, with the version). */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof ConfigError) {
    io.stderr(`claimlint: ${error.message}\n`);
    for (const p of error.problems) io.stderr(`  ${formatProblem(error.file, p)}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    io.stderr(`claimlint: ${error.message}\n`);
    if (error.hint) io.stderr(`  hint: ${error.hint}\n`);
    return 2;
  }
  const e = error as Error;
  io.stderr(
    `claimlint ${toolVersion}: internal error, this is a bug. Please report it with the command you ran.\n${e?.stack ?? String(error)}\n`,
  );
  return 2;
}

/**
 * tesseract.js answers a message for a job it already rejected (a worker whose language data failed
 * to load) with a TypeError thrown in its own message handler. The failure itself has already
 * reached claimlint through the worker's error handler, so this echo is dropped.
 */
function isTesseractEcho(error: unknown): boolean {
  const e = error as Error | undefined;
  return (
    e instanceof TypeError &&
    /reading '(resolve|reject)'/.test(e.message) &&
    /tesseract\.js[\\/]src[\\/]createWorker/.test(e.stack ?? '')
  );
}

/**
 * Exit 1 means findings and nothing else. Node ends a process that has an uncaught exception or
 * an unhandled rejection with exit 1, which CI would read as findings: here it is reported like
 * any other unexpected error (exit 2, "this is a bug"). Only the CLI process installs this.
 */
export function guardProcess(io: Io = processIo()): void {
  const fatal = (error: unknown) => {
    if (isTesseractEcho(error)) return;
    process.exit(reportError(error, io));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

export { tuneCompiler } from './compiler-tuning.js';

/** Runs a command line and returns its exit code; bin/claimlint.js hands it to the process. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    await (await buildCli(argv, io)).parseAsync();
    return io.exitCode ?? 0;
  } catch (error) {
    return reportError(error, io);
  }
}
