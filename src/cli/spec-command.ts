import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { loadSpec } from '../spec/load.js';
import type { Io } from './io.js';

export function registerSpec(cli: Argv, io: Io): Argv {
  return cli.command(
    'spec <action> <file>',
    'work with a spec file',
    (y) =>
      y
        .positional('action', {
          choices: ['validate'] as const,
          describe: 'validate: check every rule of the spec format',
        })
        .positional('file', { type: 'string', demandOption: true }),
    async (args) => {
      const file = args.file as string;
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
