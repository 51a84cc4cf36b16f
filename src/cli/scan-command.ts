import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { bundledClaimData } from '../data/claim-data.js';
import { toolVersion } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { scan } from '../pipeline/scan.js';
import { FORMATTERS, formatterNames } from '../report/index.js';
import { loadSpec } from '../spec/load.js';
import type { Report } from '../types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isValidDate, today } from '../util/dates.js';
import { nearest } from '../util/nearest.js';
import { type Io, wantsColor } from './io.js';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface FormatTarget {
  name: string;
  file?: string;
}

export function parseFormats(values: string[]): FormatTarget[] {
  const targets = values.map((v) => {
    const eq = v.indexOf('=');
    const name = (eq === -1 ? v : v.slice(0, eq)).trim();
    const file = eq === -1 ? undefined : v.slice(eq + 1).trim();
    if (!FORMATTERS[name]) {
      const guess = nearest(name, formatterNames());
      throw new UsageError(
        `unknown format "${name}"`,
        guess ? `did you mean "${guess}"? formats: ${formatterNames().join(', ')}` : `formats: ${formatterNames().join(', ')}`,
      );
    }
    if (eq !== -1 && !file) throw new UsageError(`--format ${name}= needs a file name after "="`);
    return { name, ...(file ? { file } : {}) };
  });
  if (targets.filter((t) => !t.file).length > 1) {
    throw new UsageError('only one --format can print to the terminal', 'write the others to files: -f json=report.json');
  }
  return targets;
}

/** 1 when a finding reaches the --fail-on level. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  const { error, warning, info } = report.summary;
  if (failOn === 'never') return 0;
  if (failOn === 'error') return error ? 1 : 0;
  if (failOn === 'warning') return error + warning ? 1 : 0;
  return error + warning + info ? 1 : 0;
}

export async function writeOutputs(report: Report, targets: FormatTarget[], io: Io): Promise<void> {
  for (const t of targets) {
    const formatter = FORMATTERS[t.name]!;
    if (t.file) {
      const path = resolve(io.cwd, t.file);
      await writeFileAtomic(path, formatter(report, { color: false, cwd: io.cwd }));
    } else {
      io.stdout(formatter(report, { color: t.name === 'stylish' && wantsColor(io, io.stdoutIsTTY), cwd: io.cwd }));
    }
  }
}

export function registerScan(cli: Argv, io: Io): Argv {
  return cli.command(
    'scan [inputs..]',
    'scan files, folders, globs or - (stdin) against the spec',
    (y) =>
      y
        .positional('inputs', { type: 'string', array: true, describe: "files, folders, globs, '-' for stdin" })
        .option('spec', { alias: 's', type: 'string', describe: 'the authoritative spec (YAML or JSON)' })
        .option('format', {
          alias: 'f',
          type: 'string',
          array: true,
          describe: `NAME[=FILE], repeatable: ${formatterNames().join(' | ')}`,
        })
        .option('fail-on', { choices: FAIL_ON, describe: 'lowest severity that makes the exit code 1 (default: error)' })
        .option('as-of', { type: 'string', describe: 'date for offer validity, YYYY-MM-DD (default: today)' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress output' }),
    async (args) => {
      const inputs = (args.inputs as string[] | undefined) ?? [];
      if (!inputs.length) throw new UsageError('nothing to scan', 'name files, folders, globs or - for stdin');
      if (!args.spec) throw new UsageError('no spec given', 'pass --spec spec.yaml');
      const asOf = (args['as-of'] as string | undefined) ?? today();
      if (!isValidDate(asOf)) throw new UsageError(`--as-of "${asOf}" is not a date`, 'write it as YYYY-MM-DD');
      const formats = parseFormats((args.format as string[] | undefined) ?? ['stylish']);
      const spec = await loadSpec(resolve(io.cwd, args.spec as string));
      spec.path = args.spec as string;
      const report = await scan({
        cwd: io.cwd,
        inputs,
        spec,
        asOf,
        data: bundledClaimData(),
        toolVersion,
        readStdin: () => io.readStdin(),
      });
      await writeOutputs(report, formats, io);
      io.exitCode = exitCodeFor(report, (args['fail-on'] as FailOn | undefined) ?? 'error');
    },
  );
}
