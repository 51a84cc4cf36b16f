import { ConfigError } from '../errors.js';
import type { Report } from '../types.js';
import { readUserFile } from '../util/read-text.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';

/** A JSON report written by `scan -f json=FILE`, validated against the report schema. */
export async function readReport(path: string): Promise<Report> {
  const text = await readUserFile(path, 'report');
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(path, parsed.problems, `${path}: not a JSON report`);
  const problems = validateSchema('report', parsed.data, parsed);
  if (problems.length) throw new ConfigError(path, problems, `${path}: not a claimlint JSON report`);
  return parsed.data as Report;
}
