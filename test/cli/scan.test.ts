import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoDir, demoSpec } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

const pages = join(demoDir, 'pages');

describe('claimlint scan on the demo (end to end, built CLI)', () => {
  it('flags the promoted sunroof as feature-absent at its file:line and exits 1', () => {
    const r = runCli([
      'scan',
      'examples/aion-ut-super/pages',
      '--spec',
      'examples/aion-ut-super/spec.yaml',
      '--as-of',
      '2025-12-01',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('examples/aion-ut-super/pages/aion/community.html');
    expect(r.stdout).toMatch(/12:12\s+error\s+"全景天窗" promotes sunroof.*feature-absent/);
    // Negated and question mentions are not flagged.
    expect(r.stdout).not.toMatch(/有天窗吗|有没有天窗|没有天窗|天窗：无|not available with a sunroof/);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings?, \d+ info\) in 7 documents/);
    expect(r.stderr).toBe('');
  });

  it('writes stylish to the terminal and JSON to a file in one run; the JSON follows the schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-'));
    const out = join(dir, 'out', 'report.json');
    const r = runCli([
      'scan',
      pages,
      '-s',
      demoSpec,
      '-f',
      'stylish',
      '-f',
      `json=${out}`,
      '--mkdir',
      '--as-of',
      '2025-12-01',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('feature-absent');
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expectValidReport(report);
    expect(report.spec).toMatchObject({ product: 'aion-ut-super', revision: '2025-11-28' });
    expect(report.run.asOf).toBe('2025-12-01');
    expect(report.documents).toHaveLength(7);
    const sunroof = report.findings.find((f) => f.ruleId === 'feature-absent');
    expect(sunroof).toMatchObject({
      feature: 'sunroof',
      specPath: 'features.sunroof',
      location: { line: 12, column: 12 },
      evidence: { span: [4, 8] },
    });
  });

  it('gives the same bytes for the same input, apart from run timing', () => {
    const run = () => {
      const r = runCli(['scan', pages, '-s', demoSpec, '-f', 'json', '--as-of', '2025-12-01']);
      const report = JSON.parse(r.stdout) as Report;
      report.run.startedAt = '';
      report.run.durationMs = 0;
      return JSON.stringify(report);
    };
    expect(run()).toBe(run());
  });

  it('--fail-on decides the exit code', () => {
    const base = ['scan', join(pages, 'aion', 'ut-super-en.html'), '-s', demoSpec, '--as-of', '2025-12-01'];
    expect(runCli(base).code).toBe(0); // a warning only
    expect(runCli([...base, '--fail-on', 'warning']).code).toBe(1);
    expect(runCli([...base, '--fail-on', 'never']).code).toBe(0);
    expect(runCli(['scan', pages, '-s', demoSpec, '--fail-on', 'never']).code).toBe(0);
  });

  it('reads stdin', () => {
    const r = runCli(['scan', '-', '-s', demoSpec, '--as-of', '2025-12-01'], {
      input: '<p>电动天窗，畅享阳光</p>',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<stdin>[\s\S]*feature-absent/);
  });

  it('an input that cannot be read is an input-error finding, and the rest is still scanned', () => {
    const r = runCli([
      'scan',
      'missing.html',
      'nothing/**/*.html',
      join(pages, 'aion', 'community.html'),
      '-s',
      demoSpec,
      '-f',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    expect(r.code).toBe(1);
    const errors = report.findings.filter((f) => f.ruleId === 'input-error');
    expect(errors.map((f) => f.message)).toEqual([
      'no such file or folder: missing.html',
      'the pattern "nothing/**/*.html" matches no files',
    ]);
    expect(report.findings.some((f) => f.ruleId === 'feature-absent')).toBe(true);
  });

  it('a binary file with a text name is an input-error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-'));
    writeFileSync(join(dir, 'page.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = runCli(['scan', 'page.txt', '-s', demoSpec, '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings[0]).toMatchObject({
      ruleId: 'input-error',
      message: 'not a text file (binary content)',
    });
    expect(report.documents[0]).toMatchObject({ status: 'error' });
  });

  it('colours stylish only when asked', () => {
    const file = join(pages, 'aion', 'community.html');
    expect(runCli(['scan', file, '-s', demoSpec]).stdout).not.toContain('\u001b[');
    expect(
      runCli(['scan', file, '-s', demoSpec], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout,
    ).toContain('\u001b[');
  });
});

describe('claimlint usage errors exit 2', () => {
  it.each([
    [['scan', 'x.html'], /no spec given/],
    [['scan', '-s', 'examples/aion-ut-super/spec.yaml'], /nothing to scan/],
    [
      ['scan', 'x.html', '-s', 'examples/aion-ut-super/spec.yaml', '-f', 'jsn'],
      /unknown format "jsn"[\s\S]*did you mean "json"/,
    ],
    [['scan', 'x.html', '-s', 'examples/aion-ut-super/spec.yaml', '--as-of', '2025-13-45'], /not a date/],
    [['scan', 'x.html', '-s', 'nope.yaml'], /cannot read the spec/],
    [['scna'], /Unknown|Did you mean/i],
  ])('%j', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/this is a bug/);
  });
});

describe('images in the demo (end to end)', () => {
  it('flags the sunroof banner (OCR) and the reused studio picture (asset registry)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'claimlint-cache-'));
    const r = runCli([
      'scan',
      '--config',
      join(demoDir, 'claimlint.config.yaml'),
      '--as-of',
      '2025-12-01',
      '--cache-dir',
      cache,
      '--concurrency',
      '1',
      '-f',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    const banner = report.findings.find(
      (f) => f.uri.endsWith('launch-banner.png') && f.ruleId === 'feature-absent',
    );
    expect(banner).toMatchObject({
      feature: 'sunroof',
      parentUri: 'examples/aion-ut-super/pages/aion/community.html',
      channel: 'aion',
    });
    expect(banner?.location).toMatchObject({ bbox: expect.any(Object), confidence: expect.any(Number) });
    const reuse = report.findings.find((f) => f.ruleId === 'image-reuse');
    expect(reuse).toMatchObject({
      uri: 'examples/aion-ut-super/pages/aion/img/ecosystem-roof.jpg',
      asset: { file: 'assets/roof-studio.png' },
    });
  });
});

describe('OCR options', () => {
  it('an unknown --lang is a usage error with a suggestion', () => {
    const r = runCli(['scan', 'x.html', '-s', 'examples/aion-ut-super/spec.yaml', '--lang', 'eng+chi_sm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "chi_sim"?');
  });
});
