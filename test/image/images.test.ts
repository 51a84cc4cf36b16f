import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { loadAssets } from '../../src/config/assets.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import type { ImageSettings } from '../../src/pipeline/images.js';
import { type ScanStats, scan } from '../../src/pipeline/scan.js';
import type { Finding, Report } from '../../src/types.js';
import { testSpec } from '../helpers/claims.js';
import { pngBomb } from '../helpers/images.js';
import { fixture } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

// One folder of pages and images, scanned once with OCR (the slow part), then asserted on.
const dir = mkdtempSync(join(tmpdir(), 'claimlint-img-'));
const cacheDir = join(dir, 'cache');
const spec = testSpec();
const severities = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity]));

async function settings(overrides: Partial<ImageSettings> = {}): Promise<ImageSettings> {
  const registry = join(dir, 'assets.yaml');
  return {
    ocr: true,
    languages: ['eng', 'chi_sim'],
    concurrency: 1,
    cacheDir,
    limits: { maxPixels: 40_000_000, timeoutMs: 30_000 },
    assets: await loadAssets(registry),
    workDir: cacheDir,
    ...overrides,
  };
}

async function run(
  inputs: string[],
  stats?: ScanStats,
  overrides: Partial<ImageSettings> = {},
): Promise<Report> {
  return scan(
    {
      cwd: dir,
      inputs,
      spec,
      asOf: '2025-12-01',
      data: bundledClaimData(),
      toolVersion: 'test',
      severities,
      images: await settings(overrides),
    },
    stats,
  );
}

let report: Report;
const stats: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
const on = (uri: string) => report.findings.filter((f) => f.uri === uri);

beforeAll(async () => {
  mkdirSync(join(dir, 'img'));
  for (const f of [
    'banner-zh.png',
    'banner-en.jpg',
    'banner-dark-text.webp',
    'banner-small.png',
    'asset-roof.png',
    'asset-roof-copy.webp',
    'unrelated-photo.jpg',
  ]) {
    copyFileSync(fixture(import.meta.url, f), join(dir, 'img', f));
  }
  writeFileSync(join(dir, 'assets.yaml'), 'assets:\n  - file: img/asset-roof.png\n    depicts: [sunroof]\n');
  writeFileSync(join(dir, 'img', 'bomb.png'), pngBomb());
  writeFileSync(
    join(dir, 'img', 'truncated.png'),
    readdirSync(join(dir, 'img')).length
      ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
      : '',
  );
  writeFileSync(join(dir, 'img', 'notes.png'), 'this is a text file with an image name');
  writeFileSync(
    join(dir, 'page.html'),
    [
      '<h1>Test Car</h1>',
      '<img src="img/asset-roof-copy.webp" alt="roof">',
      '<img src="img/unrelated-photo.jpg">',
      '<picture><source srcset="img/banner-small.png 480w"><img src="img/missing.png"></picture>',
      '<div style="background-image:url(img/banner-zh.png)"></div>',
      '<img src="img/bomb.png">',
      '<img src="https://cdn.example.com/hero.png">',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'other.html'), '<img src="img/banner-zh.png">');
  report = await run(
    [
      'page.html',
      'other.html',
      'img/banner-en.jpg',
      'img/banner-dark-text.webp',
      'img/truncated.png',
      'img/notes.png',
    ],
    stats,
  );
}, 240_000);

afterAll(() => undefined);

describe('images: OCR, reuse and bad input (one scan)', () => {
  it('the report follows the schema', () => expectValidReport(report));

  it('reads a Chinese banner: light text over a photo and on a dark band', () => {
    const f = on('img/banner-zh.png');
    expect(f.map((x) => [x.ruleId, x.feature])).toEqual([
      ['feature-absent', 'sunroof'],
      ['value-mismatch', 'range_km'],
    ]);
    expect(f[0]).toMatchObject({ parentUri: 'page.html', evidence: { source: 'ocr' } });
    const loc = f[0]!.location as {
      bbox: { x0: number; y0: number; x1: number; y1: number };
      confidence: number;
    };
    // The box is the words "全景天窗" in the top line, not the whole picture.
    expect(loc.bbox.y1).toBeLessThan(200);
    expect(loc.bbox.x1 - loc.bbox.x0).toBeLessThan(500);
    expect(loc.confidence).toBeGreaterThanOrEqual(80);
    expect(f[1]).toMatchObject({
      claimed: 'up to 600 km'.replace('up to ', ''),
      expected: '330 km or 430 km',
    });
  });

  it('reads an English JPEG banner', () => {
    expect(on('img/banner-en.jpg').map((x) => [x.ruleId, x.feature, x.claimed])).toEqual([
      ['feature-absent', 'sunroof', 'present'],
      ['value-mismatch', 'range_km', 'up to 600 km'],
    ]);
  });

  it('reads dark text from a WebP: a negation stays a negation', () => {
    expect(on('img/banner-dark-text.webp').map((x) => [x.ruleId, x.feature])).toEqual([
      ['feature-variant', 'heated_seats'],
    ]);
  });

  it('reads a small banner from a picture source (upscaled)', () => {
    expect(on('img/banner-small.png').map((x) => [x.ruleId, x.feature])).toEqual([
      ['feature-absent', 'sunroof'],
    ]);
  });

  it('an image shown by two pages is processed once', () => {
    expect(report.documents.filter((d) => d.uri === 'img/banner-zh.png')).toHaveLength(1);
  });

  it('a resized, cropped, re-encoded copy of a registered asset is image-reuse; an unrelated photo is not', () => {
    const reuse = report.findings.filter((f) => f.ruleId === 'image-reuse');
    expect(reuse).toHaveLength(1);
    expect(reuse[0]).toMatchObject({
      uri: 'img/asset-roof-copy.webp',
      parentUri: 'page.html',
      feature: 'sunroof',
      asset: { file: 'img/asset-roof.png' },
      location: { bbox: { x0: 0, y0: 0 } },
    });
    expect(reuse[0]!.asset!.distance).toBeLessThanOrEqual(20);
    expect(on('img/unrelated-photo.jpg')).toEqual([]);
  });

  it('missing, bomb, truncated and non-image files are input errors, on the page at the element when shown by one', () => {
    const errors = report.findings.filter((f: Finding) => f.ruleId === 'input-error');
    const byMessage = (re: RegExp) => errors.find((f) => re.test(f.message));
    expect(byMessage(/img\/missing\.png: image not found/)).toMatchObject({
      uri: 'page.html',
      location: { line: 4 },
    });
    expect(byMessage(/img\/bomb\.png: .*over the 40 MP limit/)).toMatchObject({
      uri: 'page.html',
      location: { line: 6 },
      severity: 'error',
    });
    expect(byMessage(/cdn\.example\.com.*not fetched/)).toMatchObject({ uri: 'page.html', severity: 'info' });
    expect(byMessage(/^corrupt or truncated|^not an image/)).toBeTruthy();
    expect(errors.find((f) => f.uri === 'img/notes.png')?.message).toMatch(/not an image/);
    expect(errors.find((f) => f.uri === 'img/truncated.png')?.message).toMatch(
      /corrupt|truncated|not an image/,
    );
  });

  it('a second run over the same images does no OCR', async () => {
    expect(stats.ocrRuns).toBeGreaterThan(0);
    const warm: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
    const again = await run(
      ['page.html', 'other.html', 'img/banner-en.jpg', 'img/banner-dark-text.webp'],
      warm,
    );
    expect(warm.ocrRuns).toBe(0);
    expect(warm.cacheHits).toBeGreaterThan(0);
    expect(again.findings.filter((f) => f.ruleId !== 'input-error').map((f) => f.fingerprint)).toEqual(
      report.findings
        .filter((f) => f.ruleId !== 'input-error' && f.uri !== 'img/notes.png')
        .map((f) => f.fingerprint),
    );
  });

  it('a corrupt cache entry is ignored and rebuilt', async () => {
    const shard = readdirSync(join(cacheDir, 'ocr'));
    for (const s of shard)
      for (const f of readdirSync(join(cacheDir, 'ocr', s)))
        writeFileSync(join(cacheDir, 'ocr', s, f), '{"broken":');
    const rebuilt: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
    const again = await run(['img/banner-en.jpg'], rebuilt);
    expect(rebuilt.ocrRuns).toBe(1);
    expect(again.findings.map((f) => f.feature)).toEqual(['sunroof', 'range_km']);
  });

  it('with OCR off, assets are still matched and nothing is read', async () => {
    const off = await run(['page.html'], undefined, { ocr: false });
    expect(off.findings.filter((f) => f.ruleId === 'feature-absent')).toEqual([]);
    expect(off.findings.some((f) => f.ruleId === 'image-reuse')).toBe(true);
  });
});
