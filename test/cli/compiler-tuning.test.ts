import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILER_FLAGS, tuneCompiler } from '../../src/cli/compiler-tuning.js';
import { repoRoot } from '../helpers/paths.js';

describe('the CLI’s V8 setting', () => {
  it.each(COMPILER_FLAGS)(
    '%s is a flag this Node’s V8 knows (an unknown one is printed to the user’s terminal)',
    (flag) => {
      const r = spawnSync(
        process.execPath,
        ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      // The same check catches a misspelt flag: V8 names it on stderr.
      const wrong = spawnSync(
        process.execPath,
        ['-e', `require('node:v8').setFlagsFromString('${flag.replace('--', '--no-such-')}')`],
        {
          encoding: 'utf8',
        },
      );
      expect(wrong.stderr).toMatch(/unrecognized flag/);
    },
  );

  it('applies each flag', () => {
    const set: string[] = [];
    tuneCompiler([], (f) => set.push(f));
    expect(set).toEqual(COMPILER_FLAGS);
  });

  it.each([
    ['--max-inlined-bytecode-size-cumulative=920'],
    ['--max_inlined_bytecode_size_cumulative=920'],
    ['--max-inlined-bytecode-size-cumulative'],
  ])('leaves a flag the user gave node (%s) as given', (given) => {
    const set: string[] = [];
    tuneCompiler(['--enable-source-maps', given], (f) => set.push(f));
    expect(set).toEqual([]);
  });

  it('is applied by the command line before a command runs', () => {
    const bin = readFileSync(join(repoRoot, 'bin', 'claimlint.js'), 'utf8');
    const tuned = bin.indexOf('tuneCompiler();');
    expect(tuned).toBeGreaterThan(0);
    expect(tuned).toBeLessThan(bin.indexOf('await main('));
  });
});
