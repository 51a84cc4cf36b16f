import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { pngBomb } from '../helpers/images.js';
import { demoSpec, repoRoot } from '../helpers/paths.js';
import { mutateBytes, type Rng, rng, SEED } from './prng.js';
import { expectSafeOutcome, runBounded } from './run-bounded.js';

// Fuzz suite (issue 15): generated malformed pages, images and PDFs, scanned by the built CLI.
// Each kind is one run over a folder of generated files (a process start costs more than a
// file), bounded by a time limit; the seed is in every failure message.

const HTML_PARTS = [
  '<p>电动天窗，畅享阳光</p>',
  '<h1>AION UT super 续航 999999999999 km',
  '<div><span><b><i>',
  '</div></div></table>',
  '<table><tr><td colspan="99999" rowspan="-4">天窗</td><td>',
  '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA">',
  '<img src="%E0%A4%A">',
  '<img src="pic%zz.png" srcset=", , ,2x 3w, data:image/gif;base64,R0lG 9999x">',
  '<img src="file:///etc/hostname">',
  '<img src="../../../../../etc/passwd">',
  '<picture><source srcset="x.webp 1w, y.webp"><img></picture>',
  '<div style="background:url(\'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\')">',
  '<meta property="og:image" content="//">',
  '<script>while(true){}</script>',
  '<!-- never closed',
  '<![CDATA[ 天窗 ]]>',
  '&#xFFFFFFFF;&#0;&#x110000;&amp&lt;&unknown;',
  '\u0000\u202e\uFEFF\uD800',
  '<script type="application/ld+json">{"@type":"Car","name":</script>',
  '<a href="javascript:alert(1)">sunroof</a>',
  '<math><mi xlink:href="x">',
  '<svg><foreignObject><p>heated seats</p></foreignObject>',
  'price ¥4.99万 ￥49,900 $-0 1e309 km',
  '<p>claimlint-disable-next-line all expires=not-a-date</p>',
  '<!-- claimlint-disable',
];

function html(r: Rng): Buffer {
  const parts: (string | Buffer)[] = [];
  if (r.chance(0.3)) parts.push('<!doctype html><html><head><meta charset="gbk">');
  for (let i = r.int(1, 40); i > 0; i--) parts.push(r.pick(HTML_PARTS));
  if (r.chance(0.2)) parts.push('<div>'.repeat(r.int(100, 3000)));
  if (r.chance(0.2)) parts.push(`<p title="${'x'.repeat(r.int(1000, 200_000))}">`);
  if (r.chance(0.3)) parts.push(r.bytes(r.int(1, 2000)));
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

function svg(r: Rng): string {
  return r.pick([
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r.int(-5, 100000)}" height="${r.int(0, 100000)}"><text y="20">天窗</text></svg>`,
    '<svg><text>unclosed',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/hostname" width="10" height="10"/></svg>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">${'<g>'.repeat(r.int(10, 2000))}</svg>`,
    '',
  ]);
}

const files = (dir: string, ext: string, count: number, make: (i: number) => Uint8Array | string) => {
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `f${i}.${ext}`), make(i));
};

async function scanFolder(dir: string, what: string, extra: string[] = []): Promise<Report | undefined> {
  const r = await runBounded(
    ['scan', '.', '-s', demoSpec, '-q', '-f', 'json', '--fail-on', 'never', '--no-cache', ...extra],
    dir,
    45_000,
  );
  expectSafeOutcome(r, what);
  if (r.code === 2) return undefined;
  return JSON.parse(r.stdout) as Report;
}

/** Every generated file is in the report: read, or an input-error that says why; never dropped. */
function expectEveryFileListed(report: Report, count: number, ext: string, what: string): void {
  for (let i = 0; i < count; i++) {
    const doc = report.documents.find((d) => d.uri === `f${i}.${ext}`);
    expect(doc, `${what} (seed ${SEED}): f${i}.${ext} missing from the report`).toBeDefined();
    if (doc?.status === 'error')
      expect(
        report.findings.some((f) => f.ruleId === 'input-error' && f.uri === doc.uri),
        `${what} (seed ${SEED}): f${i}.${ext} failed without an input-error`,
      ).toBe(true);
  }
}

describe(`fuzz: documents (seed ${SEED})`, () => {
  it('malformed HTML pages', async () => {
    const r = rng(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-html-'));
    files(dir, 'html', 30, () => html(r));
    const report = await scanFolder(dir, 'malformed HTML', ['--no-ocr']);
    expect(report, 'a folder of pages is never a usage error').toBeDefined();
    expectEveryFileListed(report!, 30, 'html', 'malformed HTML');
  }, 60_000);

  it('truncated and garbage PNG, JPEG, WebP and SVG images (decoded, OCR off)', async () => {
    const r = rng(SEED + 1);
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-img-'));
    const png = readFileSync(join(repoRoot, 'test', 'image', 'fixtures', 'banner-small.png'));
    const jpg = readFileSync(join(repoRoot, 'test', 'image', 'fixtures', 'banner-en.jpg'));
    const webp = readFileSync(join(repoRoot, 'test', 'image', 'fixtures', 'banner-dark-text.webp'));
    files(dir, 'png', 8, (i) => (i === 0 ? pngBomb() : mutateBytes(r, png)));
    files(dir, 'jpg', 8, () => mutateBytes(r, jpg));
    files(dir, 'webp', 4, () => mutateBytes(r, webp));
    files(dir, 'svg', 8, () => (r.chance(0.5) ? svg(r) : mutateBytes(r, Buffer.from(svg(r)))));
    const report = await scanFolder(dir, 'damaged images', ['--no-ocr']);
    expect(report).toBeDefined();
    for (const [ext, n] of [
      ['png', 8],
      ['jpg', 8],
      ['webp', 4],
      ['svg', 8],
    ] as const)
      expectEveryFileListed(report!, n, ext, 'damaged images');
  }, 60_000);

  it('images that decode but are odd for OCR (tiny, a line, noise) go through the engine', async () => {
    const r = rng(SEED + 2);
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-ocr-'));
    const sharp = (await import('sharp')).default;
    const noise = (w: number, h: number) =>
      sharp(r.bytes(w * h), { raw: { width: w, height: h, channels: 1 } })
        .png()
        .toBuffer();
    writeFileSync(join(dir, 'f0.png'), await noise(1, 1));
    writeFileSync(join(dir, 'f1.png'), await noise(3000, 2));
    writeFileSync(join(dir, 'f2.png'), await noise(64, 64));
    const report = await scanFolder(dir, 'odd images through OCR', ['--lang', 'eng', '--concurrency', '1']);
    expect(report).toBeDefined();
    expectEveryFileListed(report!, 3, 'png', 'odd images through OCR');
  }, 60_000);

  it('truncated and garbage PDFs', async () => {
    const r = rng(SEED + 3);
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-pdf-'));
    const pdf = readFileSync(join(repoRoot, 'test', 'pdf', 'fixtures', 'brochure.pdf'));
    files(dir, 'pdf', 12, (i) =>
      i === 0
        ? Buffer.from(
            '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF',
          )
        : mutateBytes(r, pdf),
    );
    const report = await scanFolder(dir, 'damaged PDFs', ['--no-ocr']);
    expect(report).toBeDefined();
    expectEveryFileListed(report!, 12, 'pdf', 'damaged PDFs');
  }, 60_000);
});
