import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { trackTemporary } from './temp-files.js';

/**
 * Write to a temporary file beside the target, then rename: a reader never sees half a report.
 * The folder must exist (creating it is the caller's decision: --mkdir). The temporary file is
 * removed on every way out: a failed write or rename, an exit, SIGINT or SIGTERM.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const untrack = trackTemporary(tmp);
  try {
    // wx: never write through something already at the temporary name.
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    untrack();
  }
}
