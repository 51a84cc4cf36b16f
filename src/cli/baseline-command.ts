import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { createBaseline } from '../baseline/baseline.js';
import { loadBaseline } from '../baseline/load.js';
import { UsageError } from '../errors.js';
import type { Report } from '../types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Io } from './io.js';
import { readReport } from './read-report.js';

export function registerBaseline(cli: Argv, io: Io): Argv {
  return cli.command(
    'baseline <report>',
    "write a baseline that accepts a report's findings (each with a reason to fill in)",
    (y) =>
      y
        .positional('report', {
          type: 'string',
          demandOption: true,
          describe: 'a JSON report (scan -f json=FILE)',
        })
        .option('output', {
          alias: 'o',
          type: 'string',
          default: 'claimlint-baseline.json',
          describe: 'the baseline file',
        }),
    async (args) => {
      const report: Report = await readReport(resolve(io.cwd, args.report as string));
      const out = resolve(io.cwd, args.output as string);
      // Regenerating keeps the reasons already written for findings that are still there.
      const previous = existsSync(out) ? await loadBaseline(out) : undefined;
      const baseline = createBaseline(report, new Date().toISOString(), previous);
      if (!baseline.entries.length) throw new UsageError('the report has no findings to accept');
      await writeFileAtomic(out, `${JSON.stringify(baseline, null, 2)}\n`);
      const todo = baseline.entries.filter((e) => (e.reason ?? '').startsWith('TODO')).length;
      io.stdout(
        `${args.output as string}: ${baseline.entries.length} findings accepted${todo ? `; ${todo} need a reason (edit "reason")` : ''}\n`,
      );
    },
  );
}
