import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bundled data (rules/, specs/) sits beside package.json whether this file runs from src/
// (tests) or dist/ (the installed CLI), so walk up until we find our own package.json.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'claimlint') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('claimlint package root not found');
    dir = parent;
  }
}

export const packageRoot = findRoot();

export const toolVersion: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
