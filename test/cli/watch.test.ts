import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { demoSpec, repoRoot } from '../helpers/paths.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/** Polls until `check` returns a value; gives up after `limitMs` so a broken watcher fails instead of hanging. */
async function until<T>(check: () => T | undefined, limitMs = 60_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readReport = (file: string): Report | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch {
    return undefined;
  }
};

describe('scan --watch', () => {
  it('rescans a changed page, reusing the others, and rewrites the outputs; a spec change re-checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-watch-'));
    writeFileSync(join(dir, 'spec.yaml'), readFileSync(demoSpec, 'utf8'));
    writeFileSync(join(dir, 'a.html'), '<body><p>欢迎试驾</p></body>\n');
    writeFileSync(join(dir, 'b.md'), '欢迎到店\n');
    const out = join(dir, 'out', 'report.json');
    child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'claimlint.js'),
        'scan',
        '.',
        '-s',
        'spec.yaml',
        '--as-of',
        '2025-12-01',
        '--watch',
        '-q',
        '--cache-dir',
        join(dir, '.cache'),
        '--mkdir',
        '-f',
        'json=out/report.json',
        '-f',
        'stylish',
      ],
      { cwd: dir, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout?.resume();
    await until(() => (/watching for changes/.test(stderr) ? true : undefined));
    const first = await until(() => (existsSync(out) ? readReport(out) : undefined));
    expect(first.findings).toEqual([]);

    // A page gains a claim the spec contradicts.
    writeFileSync(join(dir, 'a.html'), '<body><p>电动天窗</p></body>\n');
    const second = await until(() => {
      const r = readReport(out);
      return r?.findings.length ? r : undefined;
    });
    expect(second.findings.map((f) => [f.uri, f.ruleId, f.feature])).toEqual([
      ['a.html', 'feature-absent', 'sunroof'],
    ]);
    // The unchanged page came from the results cache.
    expect(second.run.reused).toBe(1);

    // The spec changes: the claim is re-checked, and no page is extracted again.
    writeFileSync(
      join(dir, 'spec.yaml'),
      readFileSync(demoSpec, 'utf8')
        .replace('revision: "2025-11-28"', 'revision: "2025-12-15"')
        .replace('  sunroof: absent', '  sunroof: standard'),
    );
    const third = await until(() => {
      const r = readReport(out);
      return r?.spec.revision === '2025-12-15' ? r : undefined;
    });
    expect(third.findings).toEqual([]);
    expect(third.run.reused).toBe(2);

    const exited = new Promise<number | null>((r) => child?.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
  }, 120_000);
});
