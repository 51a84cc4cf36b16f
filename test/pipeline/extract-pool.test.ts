import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generatePage, TINY_PNG } from '../../bench/generate-pages.js';
import { RULES } from '../../src/check/index.js';
import { loadPacks, resolveSeverities } from '../../src/config/packs.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import type { ImageSettings } from '../../src/pipeline/images.js';
import { incrementalProcessor } from '../../src/pipeline/incremental.js';
import { type ScanSettings, type ScanStats, scan } from '../../src/pipeline/scan.js';
import { loadSpec } from '../../src/spec/load.js';
import { demoDir, demoSpec } from '../helpers/paths.js';

/** The report without what changes from run to run. */
const stable = (r: Awaited<ReturnType<typeof scan>>) => ({
  documents: r.documents,
  findings: r.findings,
  suppressed: r.suppressed,
  summary: r.summary,
});

/** A folder of `count` generated pages, a cache folder in it, and the scan settings over it. */
async function cachedSite(prefix: string, count: number) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (let i = 0; i < count; i++)
    writeFileSync(join(dir, `page-${String(i).padStart(2, '0')}.html`), generatePage(i, 6000));
  const spec = await loadSpec(demoSpec);
  const settings = {
    cwd: dir,
    inputs: ['.'],
    spec,
    asOf: '2025-12-01',
    data: bundledClaimData(),
    toolVersion: 'test',
  };
  return { spec, cacheDir: join(dir, '.cache'), settings };
}

/** Pictures read (their records), with or without their text; no asset registry. */
const imageSettings = (ocr: boolean, workDir: string): ImageSettings => ({
  ocr,
  languages: ['eng'],
  concurrency: 1,
  limits: { maxPixels: 40e6, timeoutMs: 20_000 },
  assets: [],
  workDir,
});

/** The same scan extracted in this thread and in two threads, with what each counted. */
async function bothWays(settings: ScanSettings) {
  const statsIn: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  const statsThreads: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  const inThread = await scan({ ...settings, textWorkers: 1 }, statsIn);
  const threaded = await scan({ ...settings, textWorkers: 2 }, statsThreads);
  return { inThread, threaded, statsIn, statsThreads };
}

describe('text extraction in threads', () => {
  it('gives the same report as extraction in the main thread, input errors included', async () => {
    const { settings } = await cachedSite('claimlint-pool-', 24);
    const dir = settings.cwd;
    cpSync(join(demoDir, 'pages'), join(dir, 'demo'), {
      recursive: true,
      filter: (s) => !/\.(png|jpe?g)$/i.test(s),
    });
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    // A suppressed finding, and a suppression without a reason (an input error of the page).
    writeFileSync(
      join(dir, 'suppressed.html'),
      [
        '<!-- claimlint-disable-next-line feature-absent -- the 2026 facelift adds it -->',
        '<p>埃安UT super 配备全景天窗。</p>',
        '<!-- claimlint-disable-next-line feature-absent -->',
        '<p>埃安UT super 标配电动尾门。</p>',
        '<p>史上最强的纯电小车。</p>',
      ].join('\n'),
    );
    const packs = await loadPacks(['recommended', 'cn-ad-law', 'en-claims']);
    const { inThread, threaded, statsIn, statsThreads } = await bothWays({
      ...settings,
      packs,
      severities: resolveSeverities(
        packs,
        {},
        RULES.map((r) => r.meta.id),
      ),
      overrides: { 'unknown-feature': 'warning' },
      channelOf: (uri) => (uri.startsWith('demo/jd') ? { channel: 'jd', owner: 'JD' } : {}),
    });
    expect(inThread.findings.length).toBeGreaterThan(24);
    expect(inThread.findings.some((f) => f.channel === 'jd')).toBe(true);
    expect(inThread.findings.some((f) => f.ruleId === 'prohibited-term')).toBe(true);
    expect(inThread.findings.some((f) => f.ruleId === 'inconsistent-claim')).toBe(true);
    expect((inThread.suppressed ?? []).map((f) => f.uri)).toContain('suppressed.html');
    expect(
      inThread.findings.some((f) => f.uri === 'suppressed.html' && f.ruleId === 'suppression-reason'),
    ).toBe(true);
    expect(inThread.documents.find((d) => d.uri === 'binary.txt')).toMatchObject({ status: 'error' });
    // The threads ran the pages' rules (a run that reads no images), and found the same.
    expect(statsIn.checkedInThreads ?? 0).toBe(0);
    expect(statsThreads.checkedInThreads).toBeGreaterThan(24);
    expect(stable(threaded)).toEqual(stable(inThread));
  });

  it('with images read but not their text (--no-ocr), the threads check the pages and the images add their records', async () => {
    const { settings } = await cachedSite('claimlint-pool-images-', 20);
    const dir = settings.cwd;
    // Pages that show pictures: present, missing (an input error on the page, in its channel),
    // remote (not fetched for a local page: info), and a page that cannot be read at all.
    mkdirSync(join(dir, 'img'));
    writeFileSync(join(dir, 'img', 'ok.png'), TINY_PNG);
    writeFileSync(
      join(dir, 'shows-images.html'),
      [
        // A suppression without a reason, on a page whose images are read: reported once.
        '<!-- claimlint-disable-next-line feature-absent -->',
        '<p>埃安UT super 配备全景天窗。</p><img src="img/ok.png"><img src="img/missing.png"><img src="https://cdn.example/x.png">',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'also-ok.html'), '<p>史上最强。</p><img src="img/ok.png">');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    const images = imageSettings(false, join(dir, '.work'));
    const packs = await loadPacks(['recommended', 'cn-ad-law']);
    const { inThread, threaded, statsThreads } = await bothWays({
      ...settings,
      images,
      packs,
      channelOf: (uri) => (uri.startsWith('shows') ? { channel: 'web', owner: 'Web team' } : {}),
    });
    // (The generated pages' own pictures are not in the folder: each is an input error too.)
    const errors = inThread.findings.filter((f) => f.ruleId === 'input-error' && !f.uri.startsWith('page-'));
    expect(errors.map((f) => [f.uri, f.severity, f.channel])).toEqual([
      ['binary.txt', 'error', undefined],
      ['shows-images.html', 'error', 'web'],
      ['shows-images.html', 'info', 'web'],
    ]);
    expect(inThread.documents.filter((d) => d.kind === 'image').length).toBeGreaterThanOrEqual(3);
    expect(inThread.findings.filter((f) => f.ruleId === 'suppression-reason').map((f) => f.uri)).toEqual([
      'shows-images.html',
    ]);
    expect(statsThreads.checkedInThreads).toBeGreaterThan(20);
    expect(stable(threaded)).toEqual(stable(inThread));
  });

  it('with a results cache in front, misses are extracted in the threads and the second run reuses them', async () => {
    const { spec, cacheDir, settings } = await cachedSite('claimlint-pool-cache-', 12);
    const incremental = () =>
      incrementalProcessor(cacheDir, { toolVersion: 'test', rulesHash: 'r', specs: [spec] });
    const plain = await scan({ ...settings, textWorkers: 1 });
    const first = incremental();
    const cold = await scan({ ...settings, textWorkers: 2, processText: first.process });
    const second = incremental();
    const warm = await scan({ ...settings, textWorkers: 2, processText: second.process });
    expect(stable(cold)).toEqual(stable(plain));
    expect(stable(warm)).toEqual(stable(plain));
    // Every page was stored by the cold run and found by the warm one.
    expect(second.cache.hits).toBe(12);
  });

  it('the threads write the results cache themselves; the main thread neither looks up nor writes their pages again', async () => {
    const { spec, cacheDir, settings } = await cachedSite('claimlint-pool-store-', 8);
    // A page that shows no picture: a unit on its own even when pictures are read.
    writeFileSync(join(settings.cwd, 'text-only.html'), '<p>埃安UT super 配备全景天窗。</p>');
    const keyParts = { toolVersion: 'test', rulesHash: 'r', specs: [spec] };
    const plain = await scan({ ...settings, textWorkers: 1 });
    // Two threads, with the cache in front in this thread and its settings given to the threads.
    // A run with images whose text is read: the threads extract every page and check the one that
    // shows no picture; this thread runs the rules of the others, with their pictures.
    const images = imageSettings(true, join(cacheDir, '..', '.work'));
    const threaded = (processor: ReturnType<typeof incrementalProcessor>, stats: ScanStats, ocr = true) =>
      scan(
        {
          ...settings,
          ...(ocr ? { images } : {}),
          textWorkers: 2,
          processText: processor.process,
          resultsCache: { dir: cacheDir, keyParts },
        },
        stats,
      );
    const counts = (): ScanStats => ({ ocrRuns: 0, cacheHits: 0, images: 0 });
    const withImages = await scan({ ...settings, images, textWorkers: 1 });
    const first = incrementalProcessor(cacheDir, keyParts);
    const writes = vi.spyOn(first.cache, 'set');
    const firstStats = counts();
    expect(stable(await threaded(first, firstStats))).toEqual(stable(withImages));
    expect(writes).not.toHaveBeenCalled();
    // One lookup a page (before it went to a thread), none after.
    expect(first.cache.misses).toBe(9);
    expect(firstStats.checkedInThreads).toBe(1);
    const second = incrementalProcessor(cacheDir, keyParts);
    expect(stable(await threaded(second, counts()))).toEqual(stable(withImages));
    expect(second.cache.hits).toBe(9);
    // With no text read in images the threads run every page's rules and look the cache up
    // themselves: this thread neither looks up nor decodes a page, and the threads count what they reused.
    const third = incrementalProcessor(cacheDir, keyParts);
    const stats = counts();
    expect(stable(await threaded(third, stats, false))).toEqual(stable(plain));
    expect([third.cache.hits, third.cache.misses]).toEqual([0, 0]);
    expect([stats.checkedInThreads, stats.reusedInThreads]).toEqual([9, 9]);
  });
});
