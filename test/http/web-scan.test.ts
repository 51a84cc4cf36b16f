import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/types.js';
import { hasChromium } from '../helpers/chromium.js';
import { runCliAsync } from '../helpers/cli.js';
import { demoSpec, repoRoot } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { useFixtureServer } from './server.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const site = join(fixtures, 'site');
const cache = join(tmpdir(), 'claimlint-test-ocr-cache');
const server = useFixtureServer(fixtures);

async function scan(
  args: string[],
  cwd = repoRoot,
): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await runCliAsync(
    ['scan', ...args, '-s', demoSpec, '--as-of', '2025-12-01', '-f', 'json', '-q', '--cache-dir', cache],
    { cwd },
  );
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

/** A finding with its document named the same way for a URL scan and a disk scan. */
function comparable(f: Finding, name: (uri: string) => string) {
  const { fingerprint: _f, uri, parentUri, message, ...rest } = f;
  return JSON.stringify({
    ...rest,
    uri: name(uri),
    parentUri: parentUri ? name(parentUri) : undefined,
    message: message.replaceAll(uri, name(uri)),
  });
}

describe('scanning a live site over HTTP (a real server on 127.0.0.1)', () => {
  it('--crawl-depth 2 --allow-private gives the same findings as the same files from disk, images included', async () => {
    const web = await scan([`${server.base}/`, '--crawl-depth', '2', '--allow-private']);
    expectValidReport(web.report);
    const disk = await scan(['index.html', 'products/roof.html', 'products/range.md'], site);
    const fromUrl = (u: string) =>
      u.startsWith(server.base) ? new URL(u).pathname.replace(/^\/$/, '/index.html').slice(1) : u;
    const fromPath = (u: string) => u;
    const webFindings = web.report.findings
      .filter((f) => !f.uri.includes('/private/'))
      .map((f) => comparable(f, fromUrl))
      .sort();
    const diskFindings = disk.report.findings.map((f) => comparable(f, fromPath)).sort();
    expect(webFindings).toEqual(diskFindings);
    expect(diskFindings.length).toBeGreaterThanOrEqual(4);
    expect(
      web.report.findings.some(
        (f) => f.uri.endsWith('/img/banner-small.png') && f.ruleId === 'feature-absent',
      ),
    ).toBe(true);
    // robots.txt keeps the crawler out of /private/, and says so.
    expect(web.report.findings.find((f) => f.uri.endsWith('/private/draft.html'))).toMatchObject({
      ruleId: 'input-error',
      message: expect.stringContaining('disallowed by robots.txt'),
    });
    void relative;
  });

  it('without --allow-private the address is refused with an input-error, and nothing is requested', async () => {
    const before = server.requests.length;
    const r = await scan([`${server.base}/`]);
    expect(r.code).toBe(1);
    expect(r.report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'input-error',
        message: expect.stringMatching(/blocked address 127\.0\.0\.1 \(loopback address\)/),
      }),
    ]);
    expect(server.requests.length).toBe(before);
  });

  it('slow, looping and huge endpoints end with input-errors within their limits; the rest is scanned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-web-'));
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'crawl: { timeoutSeconds: 2, maxBytes: 1048576 }\n');
    const t0 = Date.now();
    const r = await scan(
      [
        `${server.base}/slow`,
        `${server.base}/loop-a`,
        `${server.base}/huge`,
        `${server.base}/flaky`,
        '--allow-private',
      ],
      dir,
    );
    expect(Date.now() - t0).toBeLessThan(20_000);
    const byPath = (p: string) =>
      r.report.findings.filter((f) => f.uri === `${server.base}${p}`).map((f) => [f.ruleId, f.message]);
    expect(byPath('/slow')).toEqual([['input-error', 'timed out after 2 s']]);
    expect(byPath('/loop-a')[0]?.[1]).toMatch(/redirect loop|too many redirects/);
    expect(byPath('/huge')).toEqual([['input-error', 'response larger than 1 MiB']]);
    expect(byPath('/flaky')).toEqual([['value-mismatch', expect.stringContaining('500 km')]]);
  });

  it("a GBK page's claims are found", async () => {
    const r = await scan([`${server.base}/gbk-header`, `${server.base}/gbk-meta`, '--allow-private']);
    expect(r.report.findings.map((f) => [f.uri.replace(server.base, ''), f.ruleId, f.feature])).toEqual([
      ['/gbk-header', 'feature-absent', 'sunroof'],
      ['/gbk-meta', 'feature-absent', 'sunroof'],
    ]);
  });

  it.skipIf(!hasChromium)('--render finds a claim that exists only after JavaScript runs', async () => {
    const plain = await scan([`${server.base}/js`, '--allow-private']);
    expect(plain.report.findings).toEqual([]);
    const rendered = await scan([`${server.base}/js`, '--allow-private', '--render']);
    expect(
      rendered.report.findings.map((f) => [f.uri.replace(server.base, ''), f.ruleId, f.feature]),
    ).toEqual([['/js', 'feature-absent', 'sunroof']]);
  });

  it('--render without Chromium exits 2 and says how to install it', async () => {
    const r = await runCliAsync(
      ['scan', `${server.base}/js`, '-s', demoSpec, '--render', '--allow-private'],
      {
        env: { CLAIMLINT_CHROMIUM: '/nonexistent/chromium' },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apt-get install chromium/);
  });
});

describe('an audit bundle of a live site', () => {
  it('holds each fetched page as scanned, with its URL and fetch time, and verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-web-bundle-'));
    const r = await runCliAsync(
      [
        'scan',
        `${server.base}/`,
        '--allow-private',
        '-s',
        demoSpec,
        '--as-of',
        '2025-12-01',
        '-q',
        '--no-ocr',
        '--bundle',
        'audit.zip',
        '-f',
        'json=report.json',
      ],
      { cwd: dir },
    );
    expect(r.code === 0 || r.code === 1).toBe(true);
    const verify = await runCliAsync(['verify-bundle', 'audit.zip'], { cwd: dir });
    expect(verify.code).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(join(dir, 'audit.zip'))));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
      files: { path: string; source?: string; fetchedAt?: string; role: string }[];
    };
    const page = manifest.files.find((f) => f.source === `${server.base}/`);
    expect(page?.role).toBe('input');
    expect(page?.path).toMatch(/^inputs\/web\/127\.0\.0\.1_\d+\/index\.html$/);
    expect(page?.fetchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(new TextDecoder().decode(entries[page!.path])).toContain('<');
  });
});
