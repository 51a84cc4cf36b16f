import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';
import { OutputFiles } from './output-files.js';

export const CONFIG_TEMPLATE = `# claimlint config: see https://github.com/claimlint/claimlint#config-file
# Paths are relative to this file; command-line flags win.
spec: spec.yaml
inputs: [site]
packs: [recommended]            # add cn-ad-law, cn-consumer, en-claims, us-reg-m, us-reg-z, range-cycle as you need
rules: {}                       # e.g. { unknown-feature: off, prohibited-term: warning }
channels:
  - { name: website, match: ["site/**"], owner: Marketing web team }
# assets: assets.yaml           # known images and the features they depict
# baseline: claimlint-baseline.json
failOn: error
`;

export const SPEC_TEMPLATE = `# The authoritative spec: what every page is checked against.
# Format: https://github.com/claimlint/claimlint#the-spec  (claimlint spec validate spec.yaml)
schemaVersion: 1
product: { id: my-car, name: My Car, aliases: [] }
revision: "${new Date().toISOString().slice(0, 10)}"
currency: CNY
variants:
  - { id: std, name: Standard, aliases: [标准版] }
  - { id: lr, name: Long Range, aliases: [长续航版] }
features:
  sunroof: absent
  heated_seats: { standard: [lr], optional: [std] }
  range_km: { value: { std: 400, lr: 500 }, cycle: CLTC }
  price: { value: { std: 99800, lr: 119800 }, unit: CNY }
offers: {}
disclosures: []
`;

export function registerInit(cli: Argv, io: Io): Argv {
  return cli.command(
    'init',
    'write a starter claimlint.config.yaml and spec.yaml in the working directory',
    (y) => y.option('force', { type: 'boolean', describe: 'overwrite existing files' }),
    async (args) => {
      const files = [
        ['claimlint.config.yaml', CONFIG_TEMPLATE],
        ['spec.yaml', SPEC_TEMPLATE],
      ] as const;
      const existing = files.filter(([name]) => existsSync(resolve(io.cwd, name))).map(([name]) => name);
      if (existing.length && !args.force) {
        throw new UsageError(
          `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}`,
          'pass --force to overwrite',
        );
      }
      const outputs = new OutputFiles({ mkdir: false, reads: [] });
      for (const [name] of files) await outputs.check(resolve(io.cwd, name), 'init:');
      for (const [name, text] of files) await outputs.write(resolve(io.cwd, name), text, 'init:');
      io.stdout('wrote claimlint.config.yaml and spec.yaml: edit the spec, then run claimlint scan\n');
    },
  );
}
