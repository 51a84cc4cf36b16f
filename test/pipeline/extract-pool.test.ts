import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { incrementalProcessor } from '../../src/pipeline/incremental.js';
import { scan } from '../../src/pipeline/scan.js';
import { loadSpec } from '../../src/spec/load.js';
import { demoDir, demoSpec } from '../helpers/paths.js';

/** The report without what changes from run to run. */
const stable = (r: Awaited<ReturnType<typeof scan>>) => ({
  documents: r.documents,
  findings: r.findings,
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

describe('text extraction in threads', () => {
  it('gives the same report as extraction in the main thread, input errors included', async () => {
    const { settings } = await cachedSite('claimlint-pool-', 24);
    const dir = settings.cwd;
    cpSync(join(demoDir, 'pages'), join(dir, 'demo'), {
      recursive: true,
      filter: (s) => !/\.(png|jpe?g)$/i.test(s),
    });
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    const run = (textWorkers: number) =>
      scan({
        ...settings,
        channelOf: (uri) => (uri.startsWith('demo/jd') ? { channel: 'jd', owner: 'JD' } : {}),
        textWorkers,
      });
    const inThread = await run(1);
    const threaded = await run(2);
    expect(inThread.findings.length).toBeGreaterThan(24);
    expect(inThread.findings.some((f) => f.channel === 'jd')).toBe(true);
    expect(inThread.documents.find((d) => d.uri === 'binary.txt')).toMatchObject({ status: 'error' });
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
    const keyParts = { toolVersion: 'test', rulesHash: 'r', specs: [spec] };
    const plain = await scan({ ...settings, textWorkers: 1 });
    // Two threads, with the cache in front in this thread and its settings given to the threads.
    const threaded = (processor: ReturnType<typeof incrementalProcessor>) =>
      scan({
        ...settings,
        textWorkers: 2,
        processText: processor.process,
        resultsCache: { dir: cacheDir, keyParts },
      });
    const first = incrementalProcessor(cacheDir, keyParts);
    const writes = vi.spyOn(first.cache, 'set');
    expect(stable(await threaded(first))).toEqual(stable(plain));
    expect(writes).not.toHaveBeenCalled();
    // One lookup a page (before it went to a thread), none after.
    expect(first.cache.misses).toBe(8);
    const second = incrementalProcessor(cacheDir, keyParts);
    expect(stable(await threaded(second))).toEqual(stable(plain));
    expect(second.cache.hits).toBe(8);
  });
});
