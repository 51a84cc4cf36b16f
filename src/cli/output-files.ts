import type { Stats } from 'node:fs';
import { mkdir, open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../errors.js';
import { kindFromName } from '../sources/kinds.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** A file the run reads (an input, the spec, the config, ...): an output must never replace it. */
export interface ReadFile {
  path: string;
  /** what it is to this run, for the message: "the spec", "an input", ... */
  role: string;
}

export interface OutputPolicy {
  /** create missing parent folders (--mkdir); otherwise a missing folder is an error */
  mkdir: boolean;
  /** files the run reads */
  reads: ReadFile[];
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function kindOf(info: Stats): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Where a command writes its files (reports, bundles, baselines, drafts). A target is checked
 * before anything is written, and before the work when the command knows its targets early:
 * - only a regular file is replaced: a device, FIFO, socket or folder is refused (writing a report
 *   over /dev/null as root would replace the device with a file);
 * - a file the run reads (its inputs, spec, config, packs, baseline) is never replaced, however it
 *   is named (symlink, hard link, ../ path): files are compared by device and inode;
 * - a missing parent folder is created only with --mkdir;
 * - a symlink to a regular file is written through, so the link stays a link.
 */
export class OutputFiles {
  constructor(private readonly policy: OutputPolicy) {}

  /** Adds files the run turned out to read (the documents a folder expanded to). */
  addReads(reads: ReadFile[]): void {
    this.policy.reads.push(...reads);
  }

  /** Checks a target; returns the path to write (the real path behind a symlink). */
  async check(path: string, what: string): Promise<string> {
    const info = await statOrUndefined(path);
    if (!info) {
      await this.checkParent(path, what);
      return path;
    }
    if (info.isDirectory())
      throw new UsageError(`${what} ${path} is a folder`, 'name a file, e.g. reports/report.json');
    if (!info.isFile())
      throw new UsageError(
        `${what} ${path} is ${kindOf(info)}: only a regular file is replaced`,
        'name a regular file; to print the report, leave out =FILE',
      );
    for (const read of this.policy.reads) {
      const other = await statOrUndefined(read.path).catch(() => undefined);
      if (other && other.dev === info.dev && other.ino === info.ino)
        throw new UsageError(
          `${what} ${path} is ${read.role} of this run (${read.path}): it would be overwritten`,
          'write to another file',
        );
    }
    return realpath(path);
  }

  /** A folder target (an audit bundle): it must be a folder if it exists, and hold nothing the run reads. */
  async checkFolder(path: string, what: string): Promise<void> {
    const info = await statOrUndefined(path);
    if (!info) {
      await this.checkParent(path, what);
      return;
    }
    if (!info.isDirectory()) throw new UsageError(`${what} ${path} exists and is not a folder`);
    const real = await realpath(path);
    for (const read of this.policy.reads) {
      const inside = relative(real, await realpath(read.path).catch(() => read.path));
      if (inside === '' || (!inside.startsWith('..') && !/^[/\\]/.test(inside)))
        throw new UsageError(
          `${what} ${path} holds ${read.role} of this run (${read.path}): it would be replaced`,
          'name a new folder, or a FILE.zip',
        );
    }
  }

  /** Creates the parent folder when allowed; otherwise says that it is missing. */
  private async checkParent(path: string, what: string): Promise<void> {
    const parent = dirname(path);
    const info = await statOrUndefined(parent);
    if (info?.isDirectory()) return;
    if (info) throw new UsageError(`${what} ${path}: ${parent} is not a folder`);
    if (!this.policy.mkdir)
      throw new UsageError(
        `${what} ${path}: the folder ${parent} does not exist`,
        'create it first, or pass --mkdir to create it',
      );
  }

  /** Checks the target again (the run may have read more files since), then writes it atomically. */
  async write(path: string, data: string | Uint8Array, what: string): Promise<void> {
    const target = await this.check(path, what);
    if (this.policy.mkdir) await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, data);
  }

  /** Creates a folder target's parents when allowed (after checkFolder). */
  async prepareFolder(path: string): Promise<void> {
    if (this.policy.mkdir) await mkdir(dirname(path), { recursive: true });
  }
}

/** The --mkdir option of commands that write files. */
export const MKDIR_OPTION = {
  type: 'boolean',
  describe: 'create missing folders of output files (otherwise a missing folder is an error)',
} as const;

/**
 * A report written into a scanned folder is left out of the scan (it is the run's own file), so a
 * target there that already exists may be a page of the site rather than an earlier report: it is
 * replaced only if claimlint wrote it (every report format names the tool near its start).
 */
export async function refuseScannedPage(
  path: string,
  what: string,
  inputs: string[],
  cwd: string,
): Promise<void> {
  if (!kindFromName(path)) return;
  const info = await statOrUndefined(path).catch(() => undefined);
  if (!info?.isFile()) return;
  const real = await realpath(path);
  let scannedBy: string | undefined;
  for (const input of inputs) {
    if (input === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(input)) continue;
    const base = resolve(cwd, input);
    const folder = await statOrUndefined(base).catch(() => undefined);
    if (folder?.isDirectory()) {
      const inside = relative(await realpath(base), real);
      if (!inside.startsWith('..') && !isAbsolute(inside)) scannedBy = input;
    } else if (
      !folder &&
      isDynamicPattern(input) &&
      picomatch(input, { dot: true })(relative(cwd, path).split(sep).join('/'))
    )
      scannedBy = input;
    if (scannedBy) break;
  }
  if (!scannedBy) return;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (/claimlint/i.test(head.subarray(0, bytesRead).toString('utf8'))) return;
  } finally {
    await handle.close();
  }
  throw new UsageError(
    `${what} ${path} is a file under the scanned ${scannedBy} and not a claimlint report: it would be overwritten`,
    'write reports outside the scanned folders',
  );
}
