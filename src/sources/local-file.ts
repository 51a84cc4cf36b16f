import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/** Default cap on one local document: large enough for real pages, small enough to never exhaust memory. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** A local input that is refused; the message becomes the input-error at that element. */
export class LocalFileRefused extends Error {}

/**
 * Reads one local input safely. The file is opened once and checked through its handle (not its
 * name), so a swap between check and read cannot slip a FIFO, device or giant file past the checks:
 * only regular files are read, the last path component must not be a symlink (O_NOFOLLOW), and the
 * size cap is checked before a single byte is read.
 */
export async function readLocalFile(
  path: string,
  maxBytes = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  // Synchronous calls on one handle: a page is read in well under a millisecond this way, where
  // four round trips through the thread pool cost about one (most of a site scan's main thread).
  // O_NONBLOCK: opening a FIFO must not wait for a writer (the run would never end).
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new LocalFileRefused('is a symbolic link; give the real path');
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new LocalFileRefused('is a folder');
    if (!info.isFile()) throw new LocalFileRefused('is not a regular file');
    if (info.size > maxBytes)
      throw new LocalFileRefused(`is ${info.size} bytes, over the ${maxBytes}-byte limit (maxDocumentBytes)`);
    // Read at most maxBytes + 1 so a file growing after stat is still caught.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes)
      throw new LocalFileRefused(`grew over the ${maxBytes}-byte limit (maxDocumentBytes) while read`);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    closeSync(fd);
  }
}

/** What a run may read from the local disk: files under its scan roots. */
export interface LocalAccess {
  /** absolute, real paths: the folders given as inputs, the folders of files given, or --root */
  roots: string[];
  /** follow a symbolic link whose target is under a root (--follow-symlinks) */
  followSymlinks: boolean;
  maxBytes: number;
}

const under = (path: string, root: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The scan roots for a run: --root when given, else each local input's folder (a folder is its own). */
export function scanRoots(inputs: string[], cwd: string, given: string[] = []): string[] {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  if (given.length) return given.map((r) => real(resolve(cwd, r)));
  const roots = new Set<string>();
  for (const input of inputs) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input === '-' || input.startsWith('\0')) continue;
    // A glob's folder is the part before its first wildcard.
    const literal = input.split(/[*?[{]/)[0]!;
    const path = resolve(cwd, literal || '.');
    let folder = path;
    try {
      if (!statSync(path).isDirectory()) folder = dirname(path);
    } catch {
      folder = literal === input ? dirname(path) : path;
    }
    roots.add(real(folder));
  }
  return [...roots];
}

/**
 * Reads a file a page references (an image) only if it lies under the scan roots: a page cannot
 * pull /etc/passwd or ~/.ssh into the report by `../../`, an absolute path or a symbolic link
 * pointing out. A link is followed only with followSymlinks and only to a target under a root.
 */
export async function readUnderRoots(path: string, access: LocalAccess): Promise<Uint8Array> {
  const outside = () =>
    new LocalFileRefused(
      `is outside the scan roots (${access.roots.join(', ')}); give --root to allow its folder`,
    );
  const absolute = resolve(path);
  if (!access.roots.some((r) => under(absolute, r))) throw outside();
  const real = await realpath(absolute);
  if (!access.roots.some((r) => under(real, r))) throw outside();
  if (real !== absolute) {
    const info = await lstat(absolute);
    if (info.isSymbolicLink() && !access.followSymlinks)
      throw new LocalFileRefused(
        'is a symbolic link (give --follow-symlinks to follow links within the scan roots)',
      );
  }
  return readLocalFile(real, access.maxBytes);
}
