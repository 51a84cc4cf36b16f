import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { liveTemporaries } from '../../src/util/temp-files.js';
import { repoRoot } from '../helpers/paths.js';

// Issue 15, item 6: a killed or failing run left `*.tmp` files beside its outputs.

describe('temporaries of atomic writes are removed on every way out', () => {
  it('a write that fails (the target is a folder with files) leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-tmp-'));
    mkdirSync(join(dir, 'report.json'));
    writeFileSync(join(dir, 'report.json', 'inside'), 'x');
    await expect(writeFileAtomic(join(dir, 'report.json'), '{}')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(liveTemporaries()).toEqual([]);
  });

  it('a write into a missing folder fails: creating folders is the caller decision (--mkdir)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-tmp-'));
    await expect(writeFileAtomic(join(dir, 'missing', 'r.json'), '{}')).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  // A process that has a temporary file alive gets the signal: the file goes, and the process
  // still ends by that signal (the shell sees 130 for Ctrl-C), as if no handler had been installed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} removes the live temporary files and still ends the process by the signal`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimlint-tmp-'));
      const tmp = join(dir, '.report.json.0123456789ab.tmp');
      const module = pathToFileURL(join(repoRoot, 'dist', 'util', 'temp-files.js')).href;
      const script = `
        import { writeFileSync } from 'node:fs';
        import { trackTemporary } from ${JSON.stringify(module)};
        writeFileSync(${JSON.stringify(tmp)}, 'half a report');
        trackTemporary(${JSON.stringify(tmp)});
        setInterval(() => {}, 1000);
        process.kill(process.pid, ${JSON.stringify(signal)});
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
      expect(r.signal).toBe(signal);
      expect(existsSync(tmp)).toBe(false);
    });
  }
});
