import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../src/bundle/manifest.js';
import { runCli } from '../helpers/cli.js';
import { demoDir } from '../helpers/paths.js';

function demoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-bundle-'));
  cpSync(demoDir, join(dir, 'demo'), { recursive: true });
  return dir;
}
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

describe('audit bundles', () => {
  it('a folder bundle holds inputs, spec, config, packs, assets, reports and a manifest; it verifies; an edit is named', () => {
    const dir = demoCopy();
    const r = runCli([...scanArgs, '--bundle', 'audit'], { cwd: dir });
    expect(r.code === 0 || r.code === 1).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'audit', 'manifest.json'), 'utf8')) as BundleManifest;
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('inputs/demo/pages/aion/community.html');
    expect(paths).toContain('spec/spec.yaml');
    expect(paths).toContain('config/claimlint.config.yaml');
    expect(paths).toEqual(
      expect.arrayContaining(['reports/report.json', 'reports/report.html', 'reports/report.sarif']),
    );
    expect(manifest.files.some((f) => f.role === 'pack')).toBe(true);
    expect(manifest.asOf).toBe('2025-12-01');
    expect(manifest.commandLine).toEqual(expect.arrayContaining(['--bundle', 'audit']));
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);

    const ok = runCli(['verify-bundle', 'audit'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok, \d+ files match the manifest/);

    const page = join(dir, 'audit', 'inputs', 'demo', 'pages', 'aion', 'community.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('天窗', '天幕'));
    rmSync(join(dir, 'audit', 'spec', 'spec.yaml'));
    const bad = runCli(['verify-bundle', 'audit'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('changed: inputs/demo/pages/aion/community.html');
    expect(bad.stdout).toContain('missing: spec/spec.yaml');
  });

  it('a zip bundle verifies, and fails naming the file changed inside it', () => {
    const dir = demoCopy();
    runCli([...scanArgs, '--bundle', 'audit.zip'], { cwd: dir });
    expect(runCli(['verify-bundle', 'audit.zip'], { cwd: dir }).code).toBe(0);

    const entries = unzipSync(new Uint8Array(readFileSync(join(dir, 'audit.zip'))));
    expect(Object.keys(entries)).toContain('manifest.json');
    entries['reports/report.json'] = new TextEncoder().encode('{"findings":[]}');
    writeFileSync(join(dir, 'tampered.zip'), zipSync(entries));
    const bad = runCli(['verify-bundle', 'tampered.zip'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('changed: reports/report.json');
  });

  it('refuses to overwrite a folder that is not an earlier bundle', () => {
    const dir = demoCopy();
    const r = runCli([...scanArgs, '--bundle', 'demo'], { cwd: dir });
    expect(r.code).toBe(2);
    // The demo folder holds the config, spec and pages the run reads: refused before the scan.
    expect(r.stderr).toMatch(/demo holds (the config|the spec|an input) of this run/);
    expect(r.stderr).not.toMatch(/this is a bug/);
  });
});
