import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { demoDir } from '../helpers/paths.js';
import { type ServeProcess, startServe } from './serve-process.js';

// The reviewer page of `claimlint serve`, in real headless Chromium (Debian chromium via playwright-core).
describe.skipIf(!hasChromium)('serve: reviewer page in Chromium', () => {
  let browser: Browser;
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(['-c', 'examples/aion-ut-super/claimlint.config.yaml', '--concurrency', '1']);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPage() {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !/^(data|blob):/.test(r.url())) elsewhere.push(r.url());
    });
    const res = await page.goto(`${server.url}/`);
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
    await page.locator('#asof').fill('2025-12-01');
    return { page, problems, elsewhere };
  }

  it('highlights the sunroof claim of a pasted page, next to its text, and downloads the reports', async () => {
    const { page, problems, elsewhere } = await openPage();
    await page.locator('#name').fill('community.html');
    await page.locator('#text').fill(readFileSync(join(demoDir, 'pages/aion/community.html'), 'utf8'));
    await page.locator('#scan').click();
    await page.locator('#status', { hasText: 'Done.' }).waitFor({ timeout: 60_000 });

    const sourceMark = page.locator('#source mark[data-feature="sunroof"]').first();
    await expect(sourceMark.isVisible()).resolves.toBe(true);
    expect(await sourceMark.textContent()).toBe('全景天窗');
    const finding = page.locator('#findings article.finding[data-rule="feature-absent"]', {
      hasText: 'sunroof',
    });
    await expect(finding.first().isVisible()).resolves.toBe(true);
    expect(await finding.first().locator('mark').first().textContent()).toBe('全景天窗');

    // The severity filter hides the errors.
    await page.locator('input[name=severity][value=error]').uncheck();
    await expect(finding.first().isVisible()).resolves.toBe(false);
    await page.locator('input[name=severity][value=error]').check();

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-json').click()]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(report.findings.some((f: { feature?: string }) => f.feature === 'sunroof')).toBe(true);
    // Every finding of the report is on the page.
    expect(report.findings.length).toBeGreaterThan(1);
    expect(await page.locator('#shown').textContent()).toBe(String(report.findings.length));
    expect(await page.locator('#findings article.finding').count()).toBe(report.findings.length);
    const [htmlDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#dl-html').click(),
    ]);
    expect(readFileSync((await htmlDownload.path())!, 'utf8')).toMatch(/^<!doctype html>/);

    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 120_000);

  it('boxes the sunroof in a dropped banner', async () => {
    const { page, problems, elsewhere } = await openPage();
    const bytes = readFileSync(join(demoDir, 'pages/aion/img/launch-banner.png')).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bin = atob(b64);
      const buf = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([buf], 'launch-banner.png', { type: 'image/png' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    expect(await page.locator('#files li').textContent()).toContain('launch-banner.png');
    await page.locator('#scan').click();
    await page.locator('#status', { hasText: 'Done.' }).waitFor({ timeout: 90_000 });

    const finding = page.locator('#findings article.finding[data-rule="feature-absent"]', {
      hasText: 'sunroof',
    });
    const box = finding.first().locator('.figure .box');
    await expect(box.isVisible()).resolves.toBe(true);
    const image = await finding.first().locator('.figure img').boundingBox();
    const drawn = await box.boundingBox();
    // The box lies inside the picture, around the words (not the whole banner).
    expect(drawn && image).toBeTruthy();
    expect(drawn!.x).toBeGreaterThanOrEqual(image!.x);
    expect(drawn!.y).toBeGreaterThanOrEqual(image!.y);
    expect(drawn!.width).toBeLessThan(image!.width / 2);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 150_000);
});
