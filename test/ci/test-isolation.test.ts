import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

// vitest.config.ts shares one module graph among the test files of a worker; a file that replaces
// a module, or patches what a library takes from one when it loads, passes alone and fails after
// another file has loaded the real thing. Such files must be listed there to run apart.
const REPLACES_A_MODULE = /\bvi\.(?:mock|doMock|unmock|resetModules)\(|\.Worker\s*=(?!=)/;

const testFiles = () =>
  readdirSync(join(repoRoot, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${f.split('\\').join('/')}`);

describe('test isolation', () => {
  const config = readFileSync(join(repoRoot, 'vitest.config.ts'), 'utf8');
  const list = /const MOCKING_MODULES = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
  const listed = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);

  it('every test file that replaces a module runs apart (listed in vitest.config.ts)', () => {
    const replacing = testFiles().filter(
      (f) =>
        f !== 'test/ci/test-isolation.test.ts' &&
        REPLACES_A_MODULE.test(readFileSync(join(repoRoot, f), 'utf8')),
    );
    expect(replacing.length).toBeGreaterThan(0);
    expect(replacing.filter((f) => !listed.includes(f))).toEqual([]);
  });

  it('every file listed to run apart exists', () => {
    const files = new Set(testFiles());
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((f) => !files.has(f!))).toEqual([]);
  });
});
