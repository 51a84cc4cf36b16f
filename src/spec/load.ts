import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import type { NormalizedSpec } from './model.js';
import { parseSpec } from './parse.js';

export async function loadSpec(path: string): Promise<NormalizedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      {
        path: '',
        message: `cannot read the spec: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      },
    ]);
  }
  return parseSpec(text, path);
}
