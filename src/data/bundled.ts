import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { packagePath, packageRoot } from './package-root.js';

// Bundled data files are part of the package: a parse failure here is a bug, not a user error.
const cache = new Map<string, unknown>();

export function readBundledYaml<T>(...parts: string[]): T {
  const path = packagePath(...parts);
  let value = cache.get(path);
  if (value === undefined) {
    value = compiledOrParsed(path, packagePath('dist', 'compiled', `${relative(packageRoot, path)}.json`));
    cache.set(path, value);
  }
  return value as T;
}

/**
 * The build compiles rules/*.yaml to JSON headed by the YAML's sha256 (scripts/compile-data.mjs):
 * JSON.parse is several times faster than the YAML parser, which was most of a small scan's
 * start-up. The compiled file is used only when its hash matches the YAML, so a rule file edited
 * after the build (or a checkout never built) is parsed as YAML, never read stale.
 */
export function compiledOrParsed(path: string, compiledPath: string): unknown {
  const text = readFileSync(path, 'utf8');
  let compiled: string | undefined;
  try {
    compiled = readFileSync(compiledPath, 'utf8');
  } catch {
    compiled = undefined;
  }
  if (compiled) {
    const newline = compiled.indexOf('\n');
    const sha = createHash('sha256').update(text).digest('hex');
    if (compiled.slice(0, newline) === sha) return JSON.parse(compiled.slice(newline + 1));
  }
  return parse(text);
}

export function readBundledJson<T>(...parts: string[]): T {
  const path = packagePath(...parts);
  let value = cache.get(path);
  if (value === undefined) {
    value = JSON.parse(readFileSync(path, 'utf8'));
    cache.set(path, value);
  }
  return value as T;
}
