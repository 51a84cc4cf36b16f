import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

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
  // O_NONBLOCK: opening a FIFO must not wait for a writer (the run would never end).
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new LocalFileRefused('is a symbolic link; give the real path');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new LocalFileRefused('is a folder');
    if (!info.isFile()) throw new LocalFileRefused('is not a regular file');
    if (info.size > maxBytes)
      throw new LocalFileRefused(`is ${info.size} bytes, over the ${maxBytes}-byte limit (maxDocumentBytes)`);
    // Read at most maxBytes + 1 so a file growing after stat is still caught.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes)
      throw new LocalFileRefused(`grew over the ${maxBytes}-byte limit (maxDocumentBytes) while read`);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    await handle.close();
  }
}
