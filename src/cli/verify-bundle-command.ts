import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { type BundleManifest, isIntact, MANIFEST, verifyFiles } from '../bundle/manifest.js';
import { readBundleFiles } from '../bundle/store.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

export function registerVerifyBundle(cli: Argv, io: Io): Argv {
  return cli.command(
    'verify-bundle <bundle>',
    'check that an audit bundle (scan --bundle) is unchanged: exit 0, or 1 naming each changed or missing file',
    (y) =>
      y.positional('bundle', {
        type: 'string',
        demandOption: true,
        describe: 'the bundle folder or .zip',
      }),
    async (args) => {
      const path = resolve(io.cwd, args.bundle as string);
      if (!existsSync(path)) throw new UsageError(`no bundle at ${args.bundle as string}`);
      let files: Map<string, Uint8Array>;
      try {
        files = await readBundleFiles(path);
      } catch (error) {
        throw new UsageError(
          `${args.bundle as string}: cannot be read as a bundle: ${(error as Error).message}`,
        );
      }
      const manifestBytes = files.get(MANIFEST);
      if (!manifestBytes) {
        io.stdout(
          `${args.bundle as string}: missing ${MANIFEST}: not a claimlint bundle, or it was removed\n`,
        );
        io.exitCode = 1;
        return;
      }
      let manifest: BundleManifest;
      try {
        manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as BundleManifest;
        if (!Array.isArray(manifest.files)) throw new Error('no "files" list');
      } catch (error) {
        io.stdout(`${args.bundle as string}: ${MANIFEST} is damaged: ${(error as Error).message}\n`);
        io.exitCode = 1;
        return;
      }
      const r = verifyFiles(manifest, files);
      const lines = [
        ...r.changed.map((p) => `changed: ${p}`),
        ...r.missing.map((p) => `missing: ${p}`),
        ...r.unexpected.map((p) => `not in the manifest: ${p}`),
        ...r.invalid.map((p) => `unsafe path in the manifest: ${p}`),
      ];
      if (isIntact(r)) {
        io.stdout(
          `${args.bundle as string}: ok, ${manifest.files.length} files match the manifest (claimlint ${manifest.tool?.version}, as of ${manifest.asOf})\n`,
        );
        io.exitCode = 0;
      } else {
        io.stdout(
          `${lines.join('\n')}\n${args.bundle as string}: ${lines.length} problems: the bundle was changed\n`,
        );
        io.exitCode = 1;
      }
    },
  );
}
