import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';

describe('incremental scan (end to end)', () => {
  it('the second run over an unchanged site reuses every page and the summary says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-incr-'));
    writeFileSync(join(dir, 'a.html'), '<body><p>电动天窗</p></body>\n');
    writeFileSync(join(dir, 'b.md'), '全景天窗\n');
    const args = ['scan', 'a.html', 'b.md', '-s', demoSpec, '--as-of', '2025-12-01', '--cache-dir', 'cache'];
    const first = JSON.parse(runCli([...args, '-f', 'json'], { cwd: dir }).stdout) as Report;
    expect(first.run.reused).toBeUndefined();
    const second = JSON.parse(runCli([...args, '-f', 'json'], { cwd: dir }).stdout) as Report;
    expect(second.run.reused).toBe(2);
    expect(second.findings).toEqual(first.findings);
    expect(runCli(args, { cwd: dir }).stdout).toMatch(/2 reused unchanged/);
    // --no-cache: everything is extracted again.
    const cold = JSON.parse(runCli([...args, '--no-cache', '-f', 'json'], { cwd: dir }).stdout) as Report;
    expect(cold.run.reused).toBeUndefined();
  });

  it('--cache-max-mb bounds the results cache: the entries used longest ago go', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-incr-'));
    writeFileSync(join(dir, 'a.html'), '<body><p>电动天窗</p></body>\n');
    const args = [
      'scan',
      'a.html',
      '-s',
      demoSpec,
      '--as-of',
      '2025-12-01',
      '--cache-dir',
      'cache',
      '-f',
      'json',
    ];
    const entries = () =>
      readdirSync(join(dir, 'cache', 'results'), { recursive: true, encoding: 'utf8' }).filter((n) =>
        n.endsWith('.pack'),
      );
    runCli([...args, '--cache-max-mb', '0'], { cwd: dir });
    expect(entries()).toEqual([]);
    // Pruned at most once an hour: this run's entry stays, and the next run reuses it.
    runCli([...args, '--cache-max-mb', '0'], { cwd: dir });
    expect(entries()).toHaveLength(1);
    expect((JSON.parse(runCli(args, { cwd: dir }).stdout) as Report).run.reused).toBe(1);
    const bad = runCli([...args, '--cache-max-mb', '-1'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cache-max-mb');
  });
});
