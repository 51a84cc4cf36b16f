import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { withBaseline } from '../baseline/baseline.js';
import { loadBaseline } from '../baseline/load.js';
import { RULES } from '../check/index.js';
import { buildClaimContext } from '../claims/context.js';
import { loadConfig } from '../config/load.js';
import { DEFAULT_PACKS, loadPacks, resolveSeverities } from '../config/packs.js';
import { bundledClaimData } from '../data/claim-data.js';
import { UsageError } from '../errors.js';
import { mergeReports } from '../pipeline/merge.js';
import { loadSpec } from '../spec/load.js';
import type { Report } from '../types.js';
import { stableUri } from '../util/repo-root.js';
import type { Io } from './io.js';
import { OutputFiles } from './output-files.js';
import { readReport } from './read-report.js';
import {
  checkFormatTargets,
  exitCodeFor,
  type FailOn,
  outputOptions,
  parseFormats,
  writeOutputs,
} from './scan-command.js';

export function registerMerge(cli: Argv, io: Io): Argv {
  return cli.command(
    'merge <reports..>',
    'merge shard reports (scan --shard I/N -f json=FILE) into one, then format like scan',
    (y) =>
      outputOptions(
        y
          .positional('reports', { type: 'string', array: true, demandOption: true })
          .option('spec', {
            alias: 's',
            type: 'string',
            describe: 'the spec (default: the path the reports name)',
          })
          .option('config', {
            alias: 'c',
            type: 'string',
            describe: 'config file (for packs and rule severities)',
          })
          .option('baseline', { type: 'string', describe: 'hide findings a baseline accepts' }),
      ),
    async (args) => {
      const files = (args.reports as string[]).map((f) => resolve(io.cwd, f));
      const formats = parseFormats((args.format as string[] | undefined) ?? ['stylish']);
      const outputs = new OutputFiles({
        mkdir: !!args.mkdir,
        reads: files.map((path) => ({ path, role: 'a report being merged' })),
      });
      await checkFormatTargets(formats, io, outputs);
      const reports: Report[] = [];
      for (const f of files) reports.push(await readReport(f));
      const first = reports[0]!;
      for (const [i, r] of reports.entries()) {
        if (r.spec.sha256 !== first.spec.sha256) {
          throw new UsageError(
            `${args.reports?.[i]} was checked against another spec (sha256 ${r.spec.sha256.slice(0, 12)}…)`,
            'merge only the shards of one run',
          );
        }
        if (r.run.asOf !== first.run.asOf)
          throw new UsageError(`${args.reports?.[i]} has another --as-of date (${r.run.asOf})`);
        if (!r.claims)
          throw new UsageError(
            `${args.reports?.[i]} is not a shard report`,
            'write shard reports with scan --shard I/N -f json=FILE',
          );
      }
      const shards = new Set(reports.map((r) => `${r.run.shard?.index}/${r.run.shard?.total}`));
      if (shards.size !== reports.length) throw new UsageError('the same shard is given twice');
      const config = await loadConfig(args.config as string | undefined, io.cwd);
      const specPath = args.spec
        ? resolve(io.cwd, args.spec as string)
        : first.spec.path
          ? resolve(io.cwd, first.spec.path)
          : config?.spec;
      if (!specPath) throw new UsageError('the reports do not name their spec', 'pass --spec spec.yaml');
      const spec = await loadSpec(specPath);
      outputs.addReads([{ path: specPath, role: 'the spec' }]);
      if (config?.file) outputs.addReads([{ path: config.file, role: 'the config' }]);
      if (spec.sha256 !== first.spec.sha256) {
        throw new UsageError(
          `${specPath} is not the spec the shards were checked against (sha256 differs)`,
          'pass --spec with that revision',
        );
      }
      const packs = await loadPacks(config?.packs ?? DEFAULT_PACKS, config?.file);
      let report = mergeReports(reports, {
        spec,
        claimContext: buildClaimContext(bundledClaimData(), spec),
        severities: resolveSeverities(
          packs,
          {},
          RULES.map((r) => r.meta.id),
        ),
        overrides: config?.rules ?? {},
        identity: stableUri(io.cwd),
      });
      const missing = (first.run.shard?.total ?? reports.length) - reports.length;
      if (missing > 0)
        io.stderr(`claimlint: warning: ${missing} of ${first.run.shard?.total} shards missing\n`);
      const baselinePath = (args.baseline as string | undefined)
        ? resolve(io.cwd, args.baseline as string)
        : config?.baseline;
      if (baselinePath) {
        report = withBaseline(report, await loadBaseline(baselinePath), args.baseline as string | undefined);
        outputs.addReads([{ path: baselinePath, role: 'the baseline' }]);
      }
      await writeOutputs(report, formats, io, outputs);
      io.exitCode = exitCodeFor(report, (args['fail-on'] as FailOn | undefined) ?? config?.failOn ?? 'error');
    },
  );
}
