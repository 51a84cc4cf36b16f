import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-approvals-'));
  writeFileSync(join(dir, 'a.html'), '<body><p>电动天窗</p></body>\n');
  writeFileSync(join(dir, 'b.html'), '<body><p>全景天窗</p></body>\n');
  return dir;
}

const scanJson = (dir: string, asOf: string, extra: string[] = []) => {
  const r = runCli(['scan', '.', '-s', demoSpec, '-f', 'json', '--as-of', asOf, ...extra], { cwd: dir });
  const report = JSON.parse(r.stdout) as Report;
  expectValidReport(report);
  return { r, report };
};

describe('approvals that expire', () => {
  it('an inline suppression stops suppressing after its expiry day, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-approvals-'));
    writeFileSync(
      join(dir, 'page.html'),
      [
        '<body>',
        '<!-- claimlint-disable-next-line feature-absent -- facelift launch page (approvedBy: j.doe, expires: 2026-01-31) -->',
        '<p>电动天窗</p>',
        '</body>',
      ].join('\n'),
    );
    const before = scanJson(dir, '2026-01-31').report;
    expect(before.findings).toEqual([]);
    expect(before.summary.suppressed).toBe(1);

    const after = scanJson(dir, '2026-02-01').report;
    expect(after.findings.map((f) => f.ruleId)).toEqual(['feature-absent']);
    expect(after.findings[0]?.message).toMatch(/suppression expired on 2026-01-31, approved by j\.doe/);
    expect(after.summary.suppressed).toBe(0);
  });

  it('an expired baseline entry no longer hides its finding, is listed as expired; placeholders are reported; --prune drops it', () => {
    const dir = site();
    runCli(['scan', '.', '-s', demoSpec, '-f', 'json=before.json', '--as-of', '2026-01-01'], { cwd: dir });
    expect(runCli(['baseline', 'before.json', '-o', 'bl.json'], { cwd: dir }).code).toBe(0);
    // A report left in the scanned folder would be listed as a skipped input: it is not copy.
    rmSync(join(dir, 'before.json'));
    const baseline = JSON.parse(readFileSync(join(dir, 'bl.json'), 'utf8'));
    expect(baseline.entries.map((e: { uri: string }) => e.uri)).toEqual(['a.html', 'b.html']);
    // a.html: approved until the end of January; b.html: left with the placeholder reason.
    baseline.entries[0] = {
      ...baseline.entries[0],
      reason: 'dealer stock still has the sunroof pack',
      approvedBy: 'j.doe',
      expires: '2026-01-31',
    };
    writeFileSync(join(dir, 'bl.json'), JSON.stringify(baseline, null, 2));

    const inTime = scanJson(dir, '2026-01-15', ['--baseline', 'bl.json']);
    expect(inTime.r.code).toBe(0);
    expect(inTime.report.findings).toEqual([]);
    expect(inTime.report.baseline?.expired).toBeUndefined();
    expect(inTime.report.baseline?.unexplained?.map((e) => e.uri)).toEqual(['b.html']);
    expect(
      inTime.report.accepted?.map((a) => [a.uri, a.acceptance.approvedBy, a.acceptance.expires]),
    ).toEqual([
      ['a.html', 'j.doe', '2026-01-31'],
      ['b.html', undefined, undefined],
    ]);

    const late = scanJson(dir, '2026-02-01', [
      '--baseline',
      'bl.json',
      '-f',
      'json=late.json',
      '-f',
      'html=late.html',
    ]);
    expect(late.r.code).toBe(1);
    expect(late.report.findings.map((f) => f.uri)).toEqual(['a.html']);
    expect(late.report.baseline?.expired?.map((e) => [e.uri, e.expires])).toEqual([['a.html', '2026-01-31']]);
    expect(late.report.baseline?.stale).toEqual([]);
    const html = readFileSync(join(dir, 'late.html'), 'utf8');
    expect(html).toContain('<h2>Expired baseline entries</h2>');
    expect(html).toContain('<h2>Accepted findings</h2>');
    expect(html).toContain('<h2>Baseline entries without a reason</h2>');

    const stylish = runCli(['scan', '.', '-s', demoSpec, '--as-of', '2026-02-01', '--baseline', 'bl.json'], {
      cwd: dir,
    }).stdout;
    expect(stylish).toMatch(
      /expired baseline entry: feature-absent in a\.html .* expired on 2026-01-31 \(approved by j\.doe\)/,
    );
    expect(stylish).toMatch(/baseline entry without a reason: feature-absent in b\.html/);

    const prune = runCli(['baseline', 'late.json', '--prune', '-o', 'bl.json'], { cwd: dir });
    expect(prune.code).toBe(0);
    expect(prune.stdout).toMatch(/removed 0 stale and 1 expired entries; 1 kept/);
    const pruned = JSON.parse(readFileSync(join(dir, 'bl.json'), 'utf8'));
    expect(pruned.entries.map((e: { uri: string }) => e.uri)).toEqual(['b.html']);
  });
});
