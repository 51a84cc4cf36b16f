import { ConfigError } from '../errors.js';
import { readUserFile } from '../util/read-text.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';
import type { Baseline } from './baseline.js';

export async function loadBaseline(path: string): Promise<Baseline> {
  const text = await readUserFile(
    path,
    'baseline',
    'create one with: claimlint baseline report.json -o claimlint-baseline.json',
  );
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(path, parsed.problems);
  const problems = validateSchema('baseline', parsed.data, parsed);
  if (problems.length) throw new ConfigError(path, problems);
  return parsed.data as Baseline;
}
