import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkZipExpansion, ZipLimitError, type ZipLimits } from '../util/zip-limits.js';

/** A site's pages and images with the reports: generous, but bounded in memory. */
const BUNDLE_ZIP_LIMITS: ZipLimits = { maxBytes: 2 * 1024 * 1024 * 1024, maxEntries: 200_000 };

/** Bundles are a folder, or one .zip file when the name ends in .zip. */
export function isZipPath(path: string): boolean {
  return /\.zip$/i.test(path);
}

// A fixed date in the zip entries: the same files give the same archive.
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

export async function writeBundleFiles(target: string, files: Map<string, Uint8Array>): Promise<void> {
  if (isZipPath(target)) {
    const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
    for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b)))
      entries[path] = [bytes, { mtime: ZIP_MTIME }];
    await writeFileAtomic(target, zipSync(entries, { level: 6 }));
    return;
  }
  // A bundle folder holds one run: what an earlier run left there would fail verification. Only a
  // folder that is an earlier bundle is cleared, never some other folder named by mistake.
  if (existsSync(target) && (await readdir(target)).length) {
    if (!existsSync(join(target, 'manifest.json')))
      throw new UsageError(
        `--bundle ${target}: the folder exists and is not an earlier bundle`,
        'name a new folder, or a FILE.zip',
      );
    await rm(target, { recursive: true, force: true });
  }
  for (const [path, bytes] of files) {
    const file = join(target, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, bytes);
  }
}

export async function readBundleFiles(
  source: string,
  limits: ZipLimits = BUNDLE_ZIP_LIMITS,
): Promise<Map<string, Uint8Array>> {
  if (isZipPath(source)) {
    const bytes = new Uint8Array(await readFile(source));
    // Measured before unzipping: a bundle holds what a run scanned, not gigabytes from a few KiB.
    try {
      checkZipExpansion(bytes, limits);
    } catch (error) {
      if (error instanceof ZipLimitError)
        throw new UsageError(
          `${source}: ${error.message}`,
          'verify the bundle folder, or a zip that claimlint wrote',
        );
      throw error;
    }
    const entries = unzipSync(bytes);
    return new Map(Object.entries(entries).filter(([path]) => !path.endsWith('/')));
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(source, full).split(sep).join('/'), new Uint8Array(await readFile(full)));
  }
  return files;
}
