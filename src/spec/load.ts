import { readUserFile } from '../util/read-text.js';
import type { NormalizedSpec } from './model.js';
import { parseSpec } from './parse.js';

export async function loadSpec(path: string): Promise<NormalizedSpec> {
  const text = await readUserFile(path, 'spec');
  return parseSpec(text, path);
}
