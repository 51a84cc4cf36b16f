import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import type { Io } from './io.js';
import { MKDIR_OPTION } from './output-files.js';
import { runSpecImport } from './spec-import-command.js';

export function registerSpec(cli: Argv, io: Io): Argv {
  return cli.command(
    'spec <action> <file>',
    'work with a spec file: validate it, or import a draft from a configuration page or sheet',
    (y) =>
      y
        .positional('action', {
          choices: ['validate', 'import'] as const,
          describe:
            'validate: check every rule of the spec format; import: draft a spec from a configuration page (.html), CSV or XLSX sheet',
        })
        .positional('file', { type: 'string', demandOption: true })
        .option('output', {
          alias: 'o',
          type: 'string',
          describe: 'import: write the draft here (default: stdout)',
        })
        .option('product', {
          type: 'string',
          describe: "import: the product's name (default: from the trim names)",
        })
        .option('date', {
          type: 'string',
          describe: 'import: the date in the header and revision (default: today)',
        })
        .option('mkdir', MKDIR_OPTION)
        .option('allow-private', {
          type: 'boolean',
          describe: 'import: allow a URL on a loopback or private address (a local staging site)',
        }),
    async (args) => {
      const file = args.file as string;
      if (args.action === 'import') {
        await runSpecImport(
          file,
          {
            ...(args.output ? { output: args.output as string } : {}),
            ...(args.product ? { product: args.product as string } : {}),
            ...(args.date ? { date: args.date as string } : {}),
            ...(args['allow-private'] ? { allowPrivate: true } : {}),
            ...(args.mkdir ? { mkdir: true } : {}),
          },
          io,
        );
        return;
      }
      if (args.output) throw new UsageError('-o/--output is for spec import', 'claimlint spec validate FILE');
      const spec = await loadSpec(resolve(io.cwd, file));
      const features = [...spec.features.values()].filter((f) => f.specPath.startsWith('features.')).length;
      const variants = spec.implicitVariant ? 'no variants' : `${spec.variants.length} variants`;
      io.stdout(
        `${file}: valid: ${spec.product.name} (${spec.product.id}) revision ${spec.revision}, ${variants}, ${features} features, ${spec.offers.size} offers, ${spec.disclosures.length} disclosures\n`,
      );
      io.exitCode = 0;
    },
  );
}
