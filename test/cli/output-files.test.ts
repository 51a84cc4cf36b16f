import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';

// Issue 15, item 6: `-f FILE` replaced character devices (as root, /dev/null became a file),
// overwrote the scanned pages and the spec without a word, a folder as target was "internal
// error, this is a bug", and a missing parent folder was created silently.

const PAGE = '<p>电动天窗，畅享阳光</p>';

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-outputs-'));
  mkdirSync(join(dir, 'site'));
  writeFileSync(join(dir, 'site', 'index.html'), PAGE);
  copyFileSync(demoSpec, join(dir, 'spec.yaml'));
  return dir;
}

const scan = (dir: string, ...extra: string[]) =>
  runCli(['scan', 'site', '-s', 'spec.yaml', '--no-ocr', '-q', ...extra], { cwd: dir });

/** No temporary file of an atomic write is left anywhere under the folder. */
function temporaries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

function expectRefused(r: ReturnType<typeof runCli>, reason: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/this is a bug/);
}

describe('output files: only regular files are replaced', () => {
  it('a character device is refused, also behind a symlink (the device stays a device)', () => {
    const dir = site();
    // A link to /dev/null: were the check to regress, the write would replace the link, not the device.
    symlinkSync('/dev/null', join(dir, 'null.json'));
    const r = scan(dir, '-f', 'json=null.json');
    expectRefused(r, /null\.json is a character device: only a regular file is replaced/);
    expect(lstatSync(join(dir, 'null.json')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO is refused without waiting for a reader', () => {
    const dir = site();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    expectRefused(scan(dir, '-f', 'json=pipe.json'), /pipe\.json is a FIFO/);
  });

  it('a folder is refused with the reason, not reported as a bug', () => {
    const dir = site();
    mkdirSync(join(dir, 'reports'));
    expectRefused(scan(dir, '-f', 'json=reports'), /reports is a folder/);
    expect(temporaries(dir)).toEqual([]);
  });

  it('a symlink to a regular file is written through and stays a link', () => {
    const dir = site();
    writeFileSync(join(dir, 'real.json'), '');
    symlinkSync('real.json', join(dir, 'link.json'));
    expect(scan(dir, '-f', 'json=link.json').code).toBe(1);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });
});

describe('output files never replace what the run reads', () => {
  it('the spec, the config and the baseline are refused as targets and left as they were', () => {
    const dir = site();
    const spec = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expectRefused(scan(dir, '-f', 'json=spec.yaml'), /spec\.yaml is the spec of this run/);
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toBe(spec);

    writeFileSync(join(dir, 'claimlint.config.yaml'), 'failOn: error\n');
    expectRefused(scan(dir, '-f', 'sarif=claimlint.config.yaml'), /is the config of this run/);
    expect(readFileSync(join(dir, 'claimlint.config.yaml'), 'utf8')).toBe('failOn: error\n');

    writeFileSync(join(dir, 'bl.json'), JSON.stringify({ schemaVersion: 1, entries: [] }));
    expectRefused(scan(dir, '--baseline', 'bl.json', '-f', 'json=bl.json'), /is the baseline of this run/);
  });

  it('an input is refused by any name: its path, a hard link, a page of a scanned folder', () => {
    const dir = site();
    const page = join(dir, 'site', 'index.html');
    const direct = runCli(
      ['scan', 'site/index.html', '-s', 'spec.yaml', '-q', '-f', 'json=site/index.html'],
      {
        cwd: dir,
      },
    );
    expectRefused(direct, /is an input of this run/);
    linkSync(page, join(dir, 'same.json'));
    expectRefused(scan(dir, '-f', 'json=same.json'), /is an input of this run/);
    // Inside a scanned folder a report target is left out of the scan, so it was silently replaced.
    expectRefused(
      scan(dir, '-f', 'html=site/index.html'),
      /under the scanned site and not a claimlint report/,
    );
    expect(readFileSync(page, 'utf8')).toBe(PAGE);
  });

  it('an earlier report in a scanned folder is replaced (it is claimlint output, not a page)', () => {
    const dir = site();
    expect(scan(dir, '-f', 'html=site/report.html').code).toBe(1);
    expect(scan(dir, '-f', 'html=site/report.html').code).toBe(1);
    expect(readFileSync(join(dir, 'site', 'report.html'), 'utf8')).toContain('claimlint');
  });

  it('--bundle refuses a folder that holds the inputs or the spec', () => {
    const dir = site();
    expectRefused(scan(dir, '--bundle', '.'), /holds (the spec|an input) of this run/);
    expect(readFileSync(join(dir, 'site', 'index.html'), 'utf8')).toBe(PAGE);
    expectRefused(scan(dir, '--bundle', 'site'), /holds an input of this run|not an earlier bundle/);
  });

  it('baseline -o refuses the report it reads', () => {
    const dir = site();
    expect(scan(dir, '-f', 'json=report.json').code).toBe(1);
    const report = readFileSync(join(dir, 'report.json'), 'utf8');
    expectRefused(
      runCli(['baseline', 'report.json', '-o', 'report.json'], { cwd: dir }),
      /is the report of this run/,
    );
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(report);
  });
});

describe('missing folders are created only when asked (--mkdir)', () => {
  it('without --mkdir the run stops before scanning and says so; with it the folder is made', () => {
    const dir = site();
    const r = scan(dir, '-f', 'json=out/deep/report.json');
    expectRefused(r, /the folder .*out[/\\]deep does not exist/);
    expect(r.stderr).toMatch(/--mkdir/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(scan(dir, '--mkdir', '-f', 'json=out/deep/report.json').code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'deep', 'report.json'), 'utf8')).findings).not.toEqual(
      [],
    );
  });

  it('applies to --bundle and baseline -o too', () => {
    const dir = site();
    expectRefused(scan(dir, '--bundle', 'audits/run.zip'), /audits does not exist/);
    expect(scan(dir, '--mkdir', '--bundle', 'audits/run.zip').code).toBe(1);
    expect(existsSync(join(dir, 'audits', 'run.zip'))).toBe(true);
    expect(scan(dir, '-f', 'json=report.json').code).toBe(1);
    expectRefused(
      runCli(['baseline', 'report.json', '-o', 'ci/baseline.json'], { cwd: dir }),
      /ci does not exist/,
    );
    expect(runCli(['baseline', 'report.json', '--mkdir', '-o', 'ci/baseline.json'], { cwd: dir }).code).toBe(
      0,
    );
    expect(temporaries(dir)).toEqual([]);
  });
});
