import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { readUserFile } from '../util/read-text.js';
import type { NormalizedSpec } from './model.js';
import { parseSpec } from './parse.js';

// A configuration sheet or page is where a spec comes from, not a spec.
const SHEETS = ['.csv', '.tsv', '.xlsx', '.xls', '.html', '.htm'];

export async function loadSpec(path: string): Promise<NormalizedSpec> {
  if (SHEETS.includes(extname(path).toLowerCase())) {
    throw new UsageError(
      `${basename(path)} is a configuration sheet or page, not a spec (YAML or JSON)`,
      `draft a spec from it: claimlint spec import ${basename(path)} -o spec.yaml`,
    );
  }
  const text = await readUserFile(path, 'spec');
  return parseSpec(text, path);
}
