import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/extract/image/decode.js';
import type { Report } from '../../src/types.js';
import { fixture, repoRoot } from '../helpers/paths.js';

/**
 * An SVG of a few hundred bytes whose filters render for minutes (each turbulence and blur pass
 * takes about half a minute here; libvips cannot be interrupted once it renders).
 */
const HEAVY_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="1500"><filter id="f" x="0" y="0" width="1" height="1">${[
  1, 2, 3,
]
  .map(
    (i) =>
      `<feTurbulence baseFrequency="0.05" numOctaves="10" result="t${i}"/><feGaussianBlur in="t${i}" stdDeviation="40"/>`,
  )
  .join('')}</filter><rect width="1500" height="1500" filter="url(#f)"/></svg>`;

const specFile = fixture(import.meta.url, '..', '..', 'pdf', 'fixtures', 'spec.yaml');

/** The CLI with a hard stop: a run that does not end is killed, and the test sees the signal. */
function scan(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'claimlint.js'), 'scan', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('an SVG that renders for minutes (issue 15 item 2)', () => {
  it('is reported as timed out, and the renderer is killed', async () => {
    await expect(decodeImage(Buffer.from(HEAVY_SVG), { maxPixels: 40e6, timeoutMs: 1000 })).rejects.toThrow(
      /decoding the image took longer than 1 s/,
    );
  });

  it('a plain SVG still renders (in its child process)', async () => {
    const d = await decodeImage(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="10" height="10"/></svg>',
      ),
    );
    expect(d).toMatchObject({ format: 'svg', width: 400, height: 160 });
  });

  it('an SVG that is not one is an error from the child, not a crash', async () => {
    await expect(
      decodeImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect')),
    ).rejects.toThrow();
  });
});

describe('scan: hostile images end as input-errors, and the run ends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-hostile-img-'));
  let result: ReturnType<typeof scan>;
  let report: Report;

  beforeAll(() => {
    copyFileSync(specFile, join(dir, 'spec.yaml'));
    mkdirSync(join(dir, 'img'));
    copyFileSync(fixture(import.meta.url, 'asset-roof.png'), join(dir, 'img', 'roof.png'));
    writeFileSync(join(dir, 'img', 'heavy.svg'), HEAVY_SVG);
    writeFileSync(join(dir, 'assets.yaml'), 'assets:\n  - file: img/roof.png\n    depicts: [sunroof]\n');
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'ocr: { timeoutSeconds: 1 }\n');
    writeFileSync(
      join(dir, 'page.html'),
      '<p>全景天窗</p>\n<img src="img/bad%zz.png">\n<img src="img/roof.png">\n',
    );
    writeFileSync(join(dir, 'banner.html'), '<p>Banner</p>\n<img src="img/heavy.svg">\n');
    result = scan(
      [
        'page.html',
        'banner.html',
        '-s',
        'spec.yaml',
        '--no-ocr',
        '--assets',
        'assets.yaml',
        '-q',
        '-f',
        'json',
      ],
      dir,
    );
    report = JSON.parse(result.stdout) as Report;
  }, 60_000);

  it('the run ends by itself with exit 1 (findings)', () => {
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
  });

  it('the heavy SVG is an input-error that says it timed out', () => {
    expect(
      report.findings.find((f) => f.ruleId === 'input-error' && f.message.includes('heavy.svg'))?.message,
    ).toMatch(/decoding the image took longer than 1 s/);
  });

  it('a malformed percent-escape is an input-error at that image only; the page and its other images are read', () => {
    const errors = report.findings.filter((f) => f.ruleId === 'input-error').map((f) => f.message);
    expect(errors.find((m) => m.includes('bad%zz'))).toMatch(/malformed percent-escape/);
    expect(report.documents.find((d) => d.uri === 'page.html')?.status).toBe('ok');
    expect(report.documents.find((d) => d.uri === 'img/roof.png')?.status).toBe('ok');
    expect(report.findings.some((f) => f.ruleId === 'image-reuse')).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'feature-absent' && f.uri === 'page.html')).toBe(true);
  });
});
