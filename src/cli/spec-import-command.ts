import { resolve } from 'node:path';
import { bundledClaimData } from '../data/claim-data.js';
import { toolVersion } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { HOMEPAGE } from '../report/format.js';
import { Fetcher } from '../sources/http/fetcher.js';
import { importSpec } from '../spec/import/import-source.js';
import { parseSpec } from '../spec/parse.js';
import { isValidDate, today } from '../util/dates.js';
import type { Io } from './io.js';
import { OutputFiles } from './output-files.js';

/**
 * `claimlint spec import SOURCE [-o spec.yaml]`: a draft spec from a configuration page, a CSV or
 * an XLSX sheet. The draft is validated before it is written; the rows it could not map go to
 * stderr (and stay in the file as comments) so that the user can add custom terms.
 */
export async function runSpecImport(
  source: string,
  args: { output?: string; product?: string; date?: string; allowPrivate?: boolean; mkdir?: boolean },
  io: Io,
): Promise<void> {
  const date = args.date ?? today();
  if (!isValidDate(date)) throw new UsageError(`--date "${date}" is not a date`, 'write it as YYYY-MM-DD');
  const url = /^https?:\/\//i.test(source);
  const outputs = new OutputFiles({
    mkdir: !!args.mkdir,
    reads: url ? [] : [{ path: resolve(io.cwd, source), role: 'the source' }],
  });
  if (args.output) await outputs.check(resolve(io.cwd, args.output), 'spec import -o');
  const fetcher = url
    ? new Fetcher({ userAgent: `claimlint/${toolVersion} (+${HOMEPAGE})`, allowPrivate: !!args.allowPrivate })
    : undefined;
  let draft: Awaited<ReturnType<typeof importSpec>>;
  try {
    draft = await importSpec(source, bundledClaimData(), {
      date,
      ...(url ? {} : { path: resolve(io.cwd, source) }),
      ...(fetcher ? { fetcher } : {}),
      ...(args.product ? { productName: args.product } : {}),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'ENOENT') throw new UsageError(`no such file: ${source}`);
    throw new UsageError(
      `cannot import ${source}: ${e?.message ?? String(error)}`,
      'give an official configuration page (.html or its URL), a CSV or an XLSX sheet with trims as columns',
    );
  } finally {
    await fetcher?.close();
  }
  // A draft that does not validate is a bug of the importer, not of the source.
  parseSpec(draft.yaml, args.output ?? 'spec.yaml');
  if (args.output) await outputs.write(resolve(io.cwd, args.output), draft.yaml, 'spec import -o');
  else io.stdout(draft.yaml);
  for (const note of draft.notes) io.stderr(`claimlint: note: ${note}\n`);
  if (draft.unmapped.length) {
    io.stderr(`claimlint: ${draft.unmapped.length} rows not mapped to a feature (kept as comments):\n`);
    for (const row of draft.unmapped) io.stderr(`  ${row.label}\n`);
  }
  const variants = draft.variants.length ? `${draft.variants.length} variants` : 'no variants';
  io.stderr(
    `claimlint: ${args.output ?? 'stdout'}: ${variants}, ${draft.features.length} features, ${draft.unmapped.length} rows unmapped\n`,
  );
  io.exitCode = 0;
}
