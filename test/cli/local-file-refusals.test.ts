import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';

// Issue 15, item 1: a FIFO used to hang the run forever and a symlink read whatever it pointed at.
describe('local inputs that are not plain files are refused at the element', () => {
  it('a FIFO and a symlink are input-errors; the run ends and the other page is scanned', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-refuse-'));
    writeFileSync(join(dir, 'ok.html'), '<p>电动天窗，畅享阳光</p>');
    execFileSync('mkfifo', [join(dir, 'pipe.html')]);
    symlinkSync('/etc/hostname', join(dir, 'link.html'));
    const r = runCli(['scan', 'pipe.html', 'link.html', 'ok.html', '-s', demoSpec, '-f', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const errors = report.findings.filter((f) => f.ruleId === 'input-error');
    expect(errors.map((f) => f.message).sort()).toEqual([
      expect.stringMatching(/symbolic link/),
      expect.stringMatching(/not a regular file/),
    ]);
    expect(report.findings.some((f) => f.ruleId === 'feature-absent')).toBe(true);
  });
});
