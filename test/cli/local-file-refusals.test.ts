import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoDir, demoSpec } from '../helpers/paths.js';

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

// Issue 15, item 1: a page's images could read any file on the machine into the report.
describe('a local page may only show files under the scan roots', () => {
  const setup = () => {
    const top = mkdtempSync(join(tmpdir(), 'claimlint-roots-'));
    const site = join(top, 'site');
    mkdirSync(join(site, 'img'), { recursive: true });
    writeFileSync(join(top, 'secret.png'), 'not for the report');
    copyFileSync(
      join(demoDir, 'assets', readdirSync(join(demoDir, 'assets'))[0]!),
      join(site, 'img', 'ok.png'),
    );
    return { top, site };
  };
  const inputErrors = (r: ReturnType<typeof runCli>) =>
    (JSON.parse(r.stdout) as Report).findings.filter((f) => f.ruleId === 'input-error').map((f) => f.message);

  it('refuses ../ paths, absolute file: URLs, /dev/zero and links out of the folder, each at its image', () => {
    const { site } = setup();
    symlinkSync('/etc/hostname', join(site, 'img', 'link.png'));
    writeFileSync(
      join(site, 'page.html'),
      [
        '<p>电动天窗</p>',
        '<img src="../secret.png" alt="">',
        '<img src="file:///etc/hostname" alt="">',
        '<img src="/../../../../dev/zero" alt="">',
        '<img src="img/link.png" alt="">',
        '<img src="img/ok.png" alt="">',
      ].join('\n'),
    );
    const r = runCli(['scan', 'page.html', '-s', demoSpec, '-f', 'json', '--no-ocr'], { cwd: site });
    expect(r.code).toBe(1);
    const errors = inputErrors(r);
    // ../secret.png, /dev/zero and the link to /etc/hostname all lead out of the folder.
    expect(errors.filter((m) => /outside the scan roots/.test(m))).toHaveLength(3);
    expect(errors.filter((m) => /file: URL/.test(m))).toHaveLength(1);
    expect(errors).toHaveLength(4);
    expect(r.stdout).not.toContain('not for the report');
  });

  it('--root widens the roots; --follow-symlinks follows a link that stays under them', () => {
    const { top, site } = setup();
    symlinkSync(join(site, 'img', 'ok.png'), join(site, 'img', 'alias.png'));
    writeFileSync(
      join(site, 'page.html'),
      '<p>电动天窗</p><img src="../secret.png" alt=""><img src="img/alias.png" alt="">',
    );
    const narrow = runCli(['scan', 'page.html', '-s', demoSpec, '-f', 'json', '--no-ocr'], { cwd: site });
    expect(inputErrors(narrow)).toHaveLength(2);
    const wide = runCli(
      ['scan', 'page.html', '-s', demoSpec, '-f', 'json', '--no-ocr', '--root', top, '--follow-symlinks'],
      { cwd: site },
    );
    // secret.png is now under a root (it is read, and is not an image); the link is followed.
    const errors = inputErrors(wide);
    expect(errors.some((m) => /outside the scan roots|symbolic link/.test(m))).toBe(false);
  });
});
