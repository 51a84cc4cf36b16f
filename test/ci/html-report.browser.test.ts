import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { demoDir, repoRoot } from '../helpers/paths.js';

// The HTML audit report opened in real headless Chromium (Debian chromium via playwright-core).
describe.skipIf(!hasChromium)('HTML audit report in Chromium', () => {
  let browser: Browser;
  let reportFile: string;
  const requests: string[] = [];
  const output = join(repoRoot, 'test', '__output__');

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-html-'));
    cpSync(demoDir, join(dir, 'demo'), { recursive: true });
    // A hostile page: its text contains markup and handlers that must stay text in the report.
    writeFileSync(
      join(dir, 'demo', 'pages', 'aion', 'hostile.html'),
      '<p>电动天窗 &lt;img src=x onerror="window.__pwned=1"&gt; &lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; "quote" \'single\'</p>',
    );
    reportFile = join(dir, 'report.html');
    const r = runCli(
      [
        'scan',
        '--config',
        'demo/claimlint.config.yaml',
        '--as-of',
        '2025-12-01',
        '-f',
        `html=${reportFile}`,
        '-q',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the findings, filters them, runs nothing from the scanned pages, and makes no request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) requests.push(req.url());
    });
    await page.goto(`file://${reportFile}`);

    const total = await page.locator('article.finding').count();
    expect(total).toBeGreaterThan(10);
    expect(await page.locator('article.finding').first().isVisible()).toBe(true);
    expect(await page.locator('#visible').textContent()).toBe(String(total));
    // The claim is highlighted inside its evidence.
    expect(await page.locator('article.finding mark').first().textContent()).toBeTruthy();
    // Image evidence: the picture, embedded, with the claim's box drawn on it.
    const figure = page.locator('article[data-rule="feature-absent"] .figure').first();
    expect(await figure.locator('img').isVisible()).toBe(true);
    expect(await figure.locator('.box').isVisible()).toBe(true);

    // Filter: only warnings.
    await page.locator('input[name="severity"][value="error"]').uncheck();
    const warnings = await page.locator('article.finding[data-severity="warning"]').count();
    expect(await page.locator('#visible').textContent()).toBe(String(warnings));
    expect(await page.locator('article.finding[data-severity="error"]:visible').count()).toBe(0);
    // Filter by channel on top.
    await page.locator('input[name="severity"][value="error"]').check();
    await page.locator('input[name="channel"][value="jd"]').uncheck();
    expect(await page.locator('article.finding[data-channel="jd"]:visible').count()).toBe(0);
    await page.locator('input[name="channel"][value="jd"]').check();

    // The hostile text is shown as text, and nothing in it ran.
    const hostile = page.locator('article.finding', { hasText: 'hostile.html' }).first();
    expect(await hostile.textContent()).toContain('onerror="window.__pwned=1"');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);

    mkdirSync(output, { recursive: true });
    await page.screenshot({ path: join(output, 'html-report.png'), fullPage: false });
    await figure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(output, 'html-report-image-evidence.png') });
    await page.close();
  });
});
