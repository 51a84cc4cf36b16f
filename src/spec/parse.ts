import { createHash } from 'node:crypto';
import { ConfigError, type ProblemDetail } from '../errors.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';
import type { NormalizedSpec } from './model.js';
import { normalizeSpec } from './normalize.js';
import type { RawSpec } from './raw.js';

/** Parses and validates a spec's text (YAML or JSON). Pure: the caller reads the file. */
export function parseSpec(text: string, file: string): NormalizedSpec {
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(file, parsed.problems, `${file}: not valid YAML or JSON`);
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    throw new ConfigError(file, [
      { path: '', message: 'a spec must be a mapping (product, revision, features, ...)' },
    ]);
  }
  const problems = validateSchema('vehicle-spec', parsed.data, parsed);
  const sha256 = createHash('sha256').update(text).digest('hex');
  let result: ReturnType<typeof normalizeSpec> | undefined;
  try {
    result = normalizeSpec(parsed.data as RawSpec, sha256);
  } catch (error) {
    // Only a schema-invalid spec can trip the normaliser; the schema errors already say why.
    if (!problems.length) throw error;
  }
  // Report semantic problems (typos, unknown variants) together with schema problems, so one
  // run of `spec validate` lists every error.
  for (const p of result?.problems ?? []) {
    if (problems.some((q) => q.path === p.pathString)) continue;
    problems.push({ path: p.pathString, message: p.message, hint: p.hint, ...parsed.locate(p.path, true) });
  }
  if (problems.length || !result?.spec) throw new ConfigError(file, sortProblems(problems));
  result.spec.path = file;
  return result.spec;
}

function sortProblems(problems: ProblemDetail[]): ProblemDetail[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}
