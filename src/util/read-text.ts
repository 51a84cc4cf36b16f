import { open } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

const MIB = 1024 * 1024;

/**
 * Caps on the files a user names, checked by size before parsing: a spec or a config is a few
 * KB, so a file of many MB is a mistake (or an attack) that would otherwise exhaust memory in
 * the YAML parser. Reports are larger (a whole site's claims) but still bounded.
 */
export const USER_FILE_LIMITS = {
  spec: 4 * MIB,
  config: 4 * MIB,
  'asset registry': 4 * MIB,
  'rule pack': 4 * MIB,
  baseline: 32 * MIB,
  report: 128 * MIB,
} as const;

export type UserFileKind = keyof typeof USER_FILE_LIMITS;

const mib = (bytes: number) => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

/**
 * A file the user named (a spec, a config, a baseline, a report): unreadable, a folder or over
 * its size cap is their error, exit 2. A regular file's size is checked before a byte is read;
 * anything else (a pipe: `--spec <(...)`) is read up to the cap and refused past it.
 */
export async function readUserFile(path: string, what: UserFileKind, hint?: string): Promise<string> {
  const limit = USER_FILE_LIMITS[what];
  const refuse = (message: string, fix = hint) =>
    new ConfigError(path, [{ path: '', message, ...(fix ? { hint: fix } : {}) }]);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw refuse(`cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw refuse(`the ${what} is a folder, not a file`);
    if (info.isFile() && info.size > limit)
      throw refuse(
        `the ${what} is ${mib(info.size)}, over the ${mib(limit)} limit for a ${what}: not read`,
        `is it the right file? a ${what} is far smaller`,
      );
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= limit) {
      const chunk = Buffer.alloc(Math.min(1 * MIB, limit + 1 - length));
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(chunk, 0, chunk.length, null));
      } catch (error) {
        throw refuse(`cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > limit) throw refuse(`the ${what} is over the ${mib(limit)} limit for a ${what}: not read`);
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
