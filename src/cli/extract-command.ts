import type { Argv } from 'yargs';
import { toolVersion } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { scan } from '../pipeline/scan.js';
import { formatReading, type Reading } from '../report/extract.js';
import type { Claim, Segment } from '../types.js';
import type { Io } from './io.js';
import { baseScanSettings, resolveRun } from './scan-command.js';

export function registerExtract(cli: Argv, io: Io): Argv {
  return cli.command(
    'extract [inputs..]',
    'show what was read: the segments of each input and the claims in them, with why',
    (y) =>
      y
        .positional('inputs', {
          type: 'string',
          array: true,
          describe: "files, folders, globs, '-' for stdin",
        })
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: 'spec(s) whose products and variants scope the claims (optional; repeatable)',
        })
        .option('config', { alias: 'c', type: 'string', describe: 'config file' })
        .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const })
        .option('segments', { type: 'boolean', describe: 'table: list segments that claim nothing too' })
        .option('ocr', { type: 'boolean', describe: 'read text in images (default; --no-ocr)' })
        .option('lang', { type: 'string', describe: 'OCR languages, e.g. eng+chi_sim' })
        .option('concurrency', { type: 'number', describe: 'OCR workers per language' })
        .option('cache-dir', { type: 'string', describe: 'OCR cache folder' })
        .option('cache', { type: 'boolean', describe: '--no-cache: do not use the OCR cache' }),
    async (args) => {
      const run = await resolveRun(args as Record<string, unknown>, io, { specOptional: true });
      if (!run.inputs.length)
        throw new UsageError('nothing to read', 'name files, folders, globs or - for stdin');
      if (run.inputs.some((i) => /^https?:\/\//i.test(i)))
        throw new UsageError('extract reads local inputs', 'save the page first, or scan the URL');
      let segments: Segment[] = [];
      let claims: Claim[] = [];
      const report = await scan({
        ...baseScanSettings(run, io),
        onRead: (read) => {
          segments = read.segments;
          claims = read.claims;
        },
      });
      const reading: Reading = {
        tool: { name: 'claimlint', version: toolVersion },
        specs: run.specs.map((s) => ({ product: s.product.id, revision: s.revision })),
        documents: report.documents,
        segments,
        claims,
      };
      io.stdout(formatReading(reading, args.format, { segments: !!args.segments, cwd: io.cwd }));
    },
  );
}
