import type { Argv } from 'yargs';
import type { Io } from './io.js';

export type Register = (cli: Argv, io: Io) => Argv;

export interface LazyCommand {
  /** the first word of the command line that selects it */
  name: string;
  /** yargs' command string and description, for `--help` and suggestions without loading it */
  usage: string;
  describe: string;
  load: () => Promise<Register>;
}

/**
 * Every command, loaded only when its name is on the command line: `claimlint --version` and
 * `claimlint rules` must not pay for the scanner (cheerio, sharp, tesseract.js, playwright).
 * usage and describe repeat what each module registers (a test keeps them equal).
 */
export const COMMANDS: LazyCommand[] = [
  {
    name: 'scan',
    usage: 'scan [inputs..]',
    describe: 'scan files, folders, globs, URLs or - (stdin) against the spec',
    load: async () => (await import('./scan-command.js')).registerScan,
  },
  {
    name: 'extract',
    usage: 'extract [inputs..]',
    describe: 'show what was read: the segments of each input and the claims in them, with why',
    load: async () => (await import('./extract-command.js')).registerExtract,
  },
  {
    name: 'spec',
    usage: 'spec <action> <file>',
    describe: 'work with a spec file: validate it, or import a draft from a configuration page or sheet',
    load: async () => (await import('./spec-command.js')).registerSpec,
  },
  {
    name: 'rules',
    usage: 'rules [action] [id]',
    describe: 'list the rules, or explain one',
    load: async () => (await import('./rules-command.js')).registerRules,
  },
  {
    name: 'merge',
    usage: 'merge <reports..>',
    describe: 'merge shard reports (scan --shard I/N -f json=FILE) into one, then format like scan',
    load: async () => (await import('./merge-command.js')).registerMerge,
  },
  {
    name: 'baseline',
    usage: 'baseline <report>',
    describe: "write a baseline that accepts a report's findings (each with a reason to fill in)",
    load: async () => (await import('./baseline-command.js')).registerBaseline,
  },
  {
    name: 'init',
    usage: 'init',
    describe: 'write a starter claimlint.config.yaml and spec.yaml in the working directory',
    load: async () => (await import('./init-command.js')).registerInit,
  },
  {
    name: 'serve',
    usage: 'serve',
    describe: 'HTTP API and reviewer page: POST /v1/scan for CMS pre-publish hooks, the reviewer page at /',
    load: async () => (await import('./serve-command.js')).registerServe,
  },
  {
    name: 'verify-bundle',
    usage: 'verify-bundle <bundle>',
    describe:
      'check that an audit bundle (scan --bundle) is unchanged: exit 0, or 1 naming each changed or missing file',
    load: async () => (await import('./verify-bundle-command.js')).registerVerifyBundle,
  },
];

/**
 * Registers the commands the command line names with their full options and handlers, and the
 * others as names and descriptions only (enough for --help, --version and "did you mean").
 * Any word of argv that is a command's name loads it: a stray match only costs load time.
 */
export async function registerCommands(cli: Argv, argv: string[], io: Io): Promise<Argv> {
  const named = new Set(argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined));
  for (const c of COMMANDS) {
    cli = named.has(c.name) ? (await c.load())(cli, io) : cli.command(c.usage, c.describe);
  }
  return cli;
}
