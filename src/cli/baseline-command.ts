import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { createBaseline, isPlaceholderReason, pruneBaseline } from '../baseline/baseline.js';
import { loadBaseline } from '../baseline/load.js';
import { UsageError } from '../errors.js';
import type { Report } from '../types.js';
import type { Io } from './io.js';
import { MKDIR_OPTION, OutputFiles } from './output-files.js';
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
        })
        .option('prune', {
          type: 'boolean',
          describe:
            'remove entries that are expired or match nothing in the report (a report of a scan run with --baseline) instead of accepting its findings',
        })
        .option('mkdir', MKDIR_OPTION)
        .option('as-of', {
          type: 'string',
          describe: 'the day expiry is judged on with --prune (default: the report as-of)',
        }),
    async (args) => {
      const report: Report = await readReport(resolve(io.cwd, args.report as string));
      const reportPath = resolve(io.cwd, args.report as string);
      const outputs = new OutputFiles({
        mkdir: !!args.mkdir,
        reads: [{ path: reportPath, role: 'the report' }],
      });
      const out = await outputs.check(resolve(io.cwd, args.output as string), 'baseline -o');
      if (args.prune) {
        if (!existsSync(out))
          throw new UsageError(`no baseline to prune at ${args.output as string}`, 'name it with -o FILE');
        // A report made with --baseline lists accepted findings; without them every entry would look stale.
        if (report.baseline?.accepted && !report.accepted)
          throw new UsageError(
            'the report does not list the findings its baseline accepted',
            'scan again with this claimlint version and --baseline, then prune',
          );
        const asOf = (args['as-of'] as string | undefined) ?? report.run.asOf;
        const { baseline, removed } = pruneBaseline(await loadBaseline(out), report, asOf);
        await outputs.write(out, `${JSON.stringify(baseline, null, 2)}\n`, 'baseline -o');
        io.stdout(
          `${args.output as string}: removed ${removed.stale.length} stale and ${removed.expired.length} expired entries; ${baseline.entries.length} kept\n`,
        );
        return;
      }
      // Regenerating keeps the reasons already written for findings that are still there.
      const previous = existsSync(out) ? await loadBaseline(out) : undefined;
      const baseline = createBaseline(report, new Date().toISOString(), previous);
      if (!baseline.entries.length) throw new UsageError('the report has no findings to accept');
      await outputs.write(out, `${JSON.stringify(baseline, null, 2)}\n`, 'baseline -o');
      const todo = baseline.entries.filter((e) => isPlaceholderReason(e.reason)).length;
      io.stdout(
        `${args.output as string}: ${baseline.entries.length} findings accepted${todo ? `; ${todo} need a reason (edit "reason")` : ''}\n`,
      );
    },
  );
}
