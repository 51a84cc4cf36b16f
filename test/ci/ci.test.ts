import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoDir } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

function demoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-ci-'));
  cpSync(demoDir, join(dir, 'demo'), { recursive: true });
  return dir;
}
// One OCR cache for every scan of these tests: the demo's images are read once.
const cache = join(tmpdir(), 'claimlint-test-ocr-cache');
const scanArgs = [
  'scan',
  '--config',
  'demo/claimlint.config.yaml',
  '--as-of',
  '2025-12-01',
  '-q',
  '--cache-dir',
  cache,
];
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Report;

describe('CI: one scan, every format', () => {
  it('writes stylish to the terminal and sarif, junit, html and json files together', () => {
    const dir = demoCopy();
    const r = runCli(
      [
        ...scanArgs,
        '-f',
        'stylish',
        '--mkdir',
        '-f',
        'sarif=out/report.sarif',
        '-f',
        'junit=out/junit.xml',
        '-f',
        'html=out/report.html',
        '-f',
        'json=out/report.json',
        '-f',
        'markdown=out/summary.md',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('feature-absent');
    const report = read(join(dir, 'out', 'report.json'));
    expectValidReport(report);
    const sarif = JSON.parse(readFileSync(join(dir, 'out', 'report.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(report.findings.length);
    expect(XMLValidator.validate(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain('<article class="finding');
    expect(readFileSync(join(dir, 'out', 'summary.md'), 'utf8')).toMatch(/^## ❌ claimlint found problems/);
  });

  it('github annotations on stdout', () => {
    const dir = demoCopy();
    const r = runCli([...scanArgs, '-f', 'github'], { cwd: dir });
    expect(r.stdout).toMatch(
      /^::error file=demo\/pages\/aion\/community\.html,line=12,col=12,title=claimlint feature-absent \(aion\)::/m,
    );
  });
});

describe('CI: baselines', () => {
  it('survive an unrelated edit and report a stale entry once the claim is fixed', () => {
    const dir = demoCopy();
    runCli([...scanArgs, '-f', 'json=before.json'], { cwd: dir });
    const b = runCli(['baseline', 'before.json', '-o', 'claimlint-baseline.json'], { cwd: dir });
    expect(b.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'claimlint-baseline.json'), 'utf8'));
    expect(baseline.entries.every((e: { reason: string }) => e.reason.startsWith('TODO'))).toBe(true);

    // Accepted: nothing left, exit 0.
    const clean = runCli([...scanArgs, '--baseline', 'claimlint-baseline.json', '-f', 'json'], { cwd: dir });
    expect(clean.code).toBe(0);
    const cleanReport = JSON.parse(clean.stdout) as Report;
    expect(cleanReport.findings).toEqual([]);
    expect(cleanReport.baseline?.stale).toEqual([]);

    // An unrelated edit above the claim moves every line: the baseline still matches.
    const page = join(dir, 'demo', 'pages', 'aion', 'community.html');
    const html = readFileSync(page, 'utf8');
    writeFileSync(
      page,
      html.replace('<article>', '<article>\n<p>新增的活动说明。</p>\n<p>欢迎到店试驾。</p>'),
    );
    const edited = JSON.parse(
      runCli([...scanArgs, '--baseline', 'claimlint-baseline.json', '-f', 'json'], { cwd: dir }).stdout,
    ) as Report;
    expect(edited.findings).toEqual([]);
    expect(edited.baseline?.stale).toEqual([]);

    // The claim is fixed: its entry is stale, and reported as such.
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace(
        '头顶超大全景天窗，阳光与星空尽收眼底',
        '头顶配有全景遮阳帘，阳光尽收眼底',
      ),
    );
    const fixed = runCli([...scanArgs, '--baseline', 'claimlint-baseline.json', '-f', 'json'], { cwd: dir });
    const fixedReport = JSON.parse(fixed.stdout) as Report;
    expectValidReport(fixedReport);
    expect(fixedReport.baseline?.stale.map((s) => [s.ruleId, s.uri])).toEqual([
      ['feature-absent', 'demo/pages/aion/community.html'],
    ]);
    const stylish = runCli([...scanArgs, '--baseline', 'claimlint-baseline.json'], { cwd: dir }).stdout;
    expect(stylish).toMatch(/stale baseline entry: feature-absent in demo\/pages\/aion\/community\.html/);
  });
});

describe('CI: sharding', () => {
  it('a 3-shard run merged equals the single run', () => {
    const dir = demoCopy();
    runCli([...scanArgs, '-f', 'json=single.json'], { cwd: dir });
    for (const i of [1, 2, 3]) {
      const r = runCli([...scanArgs, '--shard', `${i}/3`, '-f', `json=shard-${i}.json`], { cwd: dir });
      expect(r.code === 0 || r.code === 1).toBe(true);
    }
    const shards = [1, 2, 3].map((i) => read(join(dir, `shard-${i}.json`)));
    expect(shards.reduce((n, s) => n + s.documents.length, 0)).toBeGreaterThanOrEqual(7);
    const m = runCli(
      [
        'merge',
        'shard-1.json',
        'shard-2.json',
        'shard-3.json',
        '--config',
        'demo/claimlint.config.yaml',
        '-f',
        'json=merged.json',
        '-f',
        'html=merged.html',
        '-f',
        'sarif=merged.sarif',
      ],
      { cwd: dir },
    );
    expect(m.code).toBe(1);
    const single = read(join(dir, 'single.json'));
    const merged = read(join(dir, 'merged.json'));
    expectValidReport(merged);
    const strip = (r: Report) => r.findings.map((f) => JSON.stringify(f));
    expect(strip(merged)).toEqual(strip(single));
    expect(merged.documents).toEqual(single.documents);
    expect(merged.summary).toEqual(single.summary);
    expect(merged.findings.some((f) => f.ruleId === 'inconsistent-claim')).toBe(true);
    expect(merged.run.merged).toBe(3);
    expect(existsSync(join(dir, 'merged.html'))).toBe(true);
  });

  it('refuses bad shard arguments and reports that are not shards', () => {
    const dir = demoCopy();
    expect(runCli([...scanArgs, '--shard', '4/3'], { cwd: dir }).code).toBe(2);
    runCli([...scanArgs, '-f', 'json=single.json'], { cwd: dir });
    const r = runCli(['merge', 'single.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a shard report');
  });
});

describe('claimlint init', () => {
  it('writes a config and a spec template that validate, and will not overwrite them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-init-'));
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    expect(runCli(['spec', 'validate', 'spec.yaml'], { cwd: dir }).code).toBe(0);
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exist');
    expect(runCli(['init', '--force'], { cwd: dir }).code).toBe(0);
    // The starter config is valid: a scan with it reads the config, finds the spec, and reports the
    // missing site folder as an input error.
    const scan = runCli(['scan', '-f', 'json', '--no-ocr'], { cwd: dir });
    expect(JSON.parse(scan.stdout).findings[0]).toMatchObject({ ruleId: 'input-error' });
  });
});

describe('progress', () => {
  it('prints nothing on stderr with --quiet, and plain lines (not a bar) when not a terminal', () => {
    const dir = demoCopy();
    const quiet = runCli([...scanArgs], { cwd: dir });
    expect(quiet.stderr).toBe('');
  });
});
