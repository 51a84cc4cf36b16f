import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

describe('inline suppressions (end to end)', () => {
  it('suppress only with a reason; suppressed findings are counted, not lost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-sup-'));
    writeFileSync(
      join(dir, 'page.html'),
      [
        '<body>',
        '<!-- claimlint-disable-next-line feature-absent -- the 2026 facelift adds a sunroof; this page launches with it -->',
        '<p>电动天窗</p>',
        '<!-- claimlint-disable-next-line feature-absent -->',
        '<p>全景天窗</p>',
        '<div data-claimlint-ignore="feature-absent -- quoting a customer question verbatim"><p>客户说：带天窗</p></div>',
        '</body>',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'notes.md'),
      '<!-- claimlint-disable-next-line feature-absent -- archived post -->\n电动天窗\n\n全景天窗\n',
    );
    const r = runCli(['scan', '.', '-s', demoSpec, '-f', 'json', '--as-of', '2025-12-01'], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    const summary = report.findings.map((f) => [
      f.uri,
      f.location && 'line' in f.location ? f.location.line : 0,
      f.ruleId,
    ]);
    expect(summary).toEqual([
      ['notes.md', 4, 'feature-absent'],
      ['page.html', 4, 'suppression-reason'],
      ['page.html', 5, 'feature-absent'],
    ]);
    expect(report.summary.suppressed).toBe(3);
    expect(report.suppressed?.map((f) => f.ruleId)).toEqual([
      'feature-absent',
      'feature-absent',
      'feature-absent',
    ]);
  });
});
