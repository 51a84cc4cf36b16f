import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';

function specWith(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-spec-'));
  const file = join(dir, 'spec.yaml');
  writeFileSync(file, edit(readFileSync(demoSpec, 'utf8')));
  return file;
}

describe('claimlint spec validate', () => {
  it('exits 0 with a one-line summary', () => {
    const r = runCli(['spec', 'validate', 'examples/aion-ut-super/spec.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('valid: AION UT super (aion-ut-super) revision 2025-11-28, 2 variants');
  });

  it('a spec without revision exits 2 naming the path', () => {
    const r = runCli(['spec', 'validate', specWith((t) => t.replace(/^revision:.*$/m, ''))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/revision\s+missing required key "revision"/);
  });

  it('sunrof: exits 2 with the path, the line and a suggestion', () => {
    const file = specWith((t) => t.replace('  sunroof: absent', '  sunrof: absent'));
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('sunrof')) + 1;
    const r = runCli(['spec', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`spec.yaml:${line}:3  /features/sunrof`);
    expect(r.stderr).toContain('did you mean "sunroof"?');
  });

  it('a scan with a broken spec scans nothing and exits 2', () => {
    const r = runCli([
      'scan',
      'examples/aion-ut-super/pages',
      '-s',
      specWith((t) => t.replace('  sunroof: absent', '  sunrof: absent')),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
