import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { packagePath } from './package-root.js';

// Bundled data files are part of the package: a parse failure here is a bug, not a user error.
const cache = new Map<string, unknown>();

export function readBundledYaml<T>(...parts: string[]): T {
  const path = packagePath(...parts);
  let value = cache.get(path);
  if (value === undefined) {
    value = parse(readFileSync(path, 'utf8'));
    cache.set(path, value);
  }
  return value as T;
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
