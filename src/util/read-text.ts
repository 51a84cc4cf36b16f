import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

/** A file the user named (a spec, a config, a baseline, a report): unreadable is their error, exit 2. */
export async function readUserFile(path: string, what: string, hint?: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      {
        path: '',
        message: `cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        ...(hint ? { hint } : {}),
      },
    ]);
  }
}
