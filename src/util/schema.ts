import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { readBundledJson } from '../data/bundled.js';
import { packagePath } from '../data/package-root.js';
import type { ProblemDetail } from '../errors.js';
import { nearest } from './nearest.js';
import { parsePointer, type StructuredFile } from './structured-file.js';

const requireHere = createRequire(import.meta.url);

export type SchemaName = 'vehicle-spec' | 'config' | 'rule-pack' | 'report' | 'asset-registry' | 'baseline';

const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = prebuilt(name) ?? compile(readBundledJson<object>('specs', `${name}.schema.json`));
    compiled.set(name, fn);
  }
  return fn;
}

/** The schema compiled now: the options scripts/compile-data.mjs builds with. */
export function compile(schema: object): ValidateFunction {
  // Loaded here: a run whose validators were built never loads ajv's compiler.
  const { Ajv } = requireHere('ajv') as { Ajv: typeof AjvClass };
  const addFormats = requireHere('ajv-formats') as (ajv: AjvClass) => void;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * The validator the build generated (dist/compiled/validators), when it was generated from this
 * very schema: compiling the spec schema is most of a small run's start-up, loading the generated
 * code a twentieth of it. A schema edited after the build is compiled at run time instead.
 */
export function prebuilt(
  name: string,
  dir = packagePath('dist', 'compiled', 'validators'),
): ValidateFunction | undefined {
  const file = join(dir, `${name}.schema.cjs`);
  let head: string;
  try {
    head = readFileSync(file, 'utf8').slice(0, 80);
  } catch {
    return undefined;
  }
  const text = readFileSync(packagePath('specs', `${name}.schema.json`), 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (head.split('\n')[0] !== `// sha256:${sha}`) return undefined;
  const loaded = requireHere(file) as ValidateFunction | { default: ValidateFunction };
  return typeof loaded === 'function' ? loaded : loaded.default;
}

/** Every schema error, with its path and (when the file is known) its line. */
export function validateSchema(name: SchemaName, data: unknown, file?: StructuredFile): ProblemDetail[] {
  const fn = validator(name);
  if (fn(data)) return [];
  return toProblems(fn.errors ?? [], file);
}

function toProblems(errors: ErrorObject[], file?: StructuredFile): ProblemDetail[] {
  // Branching keywords only say "a branch failed"; the branch's own errors say why.
  const meaningful = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf');
  const oneOfPaths = new Set(meaningful.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const problems: ProblemDetail[] = [];
  const seen = new Set<string>();
  for (const e of meaningful) {
    // For oneOf, the branch errors at the same path are noise: report the oneOf once.
    if (e.keyword !== 'oneOf' && oneOfPaths.has(e.instancePath) && e.schemaPath.includes('/oneOf/')) continue;
    const p = describe(e);
    const key = `${p.path}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (file) {
      const at = file.locate(parsePointer(p.path), e.keyword === 'additionalProperties');
      if (at) Object.assign(p, at);
    }
    problems.push(p);
  }
  return problems;
}

function describe(e: ErrorObject): ProblemDetail {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = nearest(key, allowed);
      return {
        path: `${e.instancePath}/${key}`,
        message: `unknown key "${key}"`,
        hint: guess
          ? `did you mean "${guess}"?`
          : allowed.length
            ? `allowed: ${allowed.join(', ')}`
            : undefined,
      };
    }
    case 'required':
      return {
        path: `${e.instancePath}/${String(params.missingProperty)}`,
        message: `missing required key "${String(params.missingProperty)}"`,
      };
    case 'enum':
      return {
        path: e.instancePath,
        message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        hint: hintForEnum(e),
      };
    case 'const':
      return { path: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path: e.instancePath, message: `must be ${String(params.type)}` };
    case 'oneOf': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return { path: e.instancePath, message: `has the wrong form${description ? `: ${description}` : ''}` };
    }
    case 'propertyNames':
      return { path: e.instancePath, message: `key "${String(params.propertyName)}" is not a valid name` };
    case 'pattern':
      return { path: e.instancePath, message: `must match ${String(params.pattern)}` };
    case 'format':
      return {
        path: e.instancePath,
        message: `must be a ${String(params.format)}`,
        hint: params.format === 'date' ? 'write dates as "YYYY-MM-DD", in quotes' : undefined,
      };
    default:
      return { path: e.instancePath, message: e.message ?? e.keyword };
  }
}

function hintForEnum(e: ErrorObject): string | undefined {
  const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
  if (typeof e.data !== 'string') return undefined;
  const guess = nearest(e.data, allowed);
  return guess ? `did you mean "${guess}"?` : undefined;
}
