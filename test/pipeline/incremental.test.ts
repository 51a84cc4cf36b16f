import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { incrementalProcessor } from '../../src/pipeline/incremental.js';
import * as processModule from '../../src/pipeline/process.js';
import { scan } from '../../src/pipeline/scan.js';
import { loadSpec } from '../../src/spec/load.js';
import type { NormalizedSpec } from '../../src/spec/model.js';
import type { Report } from '../../src/types.js';
import { demoSpec } from '../helpers/paths.js';

// Count real extractions: the cache must answer an unchanged document without calling the extractor.
vi.mock('../../src/pipeline/process.js', async (original) => {
  const actual = await original<typeof import('../../src/pipeline/process.js')>();
  return { ...actual, processTextDocument: vi.fn(actual.processTextDocument) };
});
const extractor = vi.mocked(processModule.processTextDocument);

function site(): { dir: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-incremental-'));
  writeFileSync(join(dir, 'a.html'), '<body><h1>AION UT super</h1><p>电动天窗，续航330公里</p></body>\n');
  writeFileSync(join(dir, 'b.md'), '# AION UT super\n\n全景天窗\n');
  return { dir, cache: join(dir, '.cache') };
}

async function run(
  dir: string,
  cache: string,
  spec: NormalizedSpec,
): Promise<{ report: Report; hits: number }> {
  const incremental = incrementalProcessor(cache, { toolVersion: 'test', rulesHash: 'rules', specs: [spec] });
  const report = await scan({
    cwd: dir,
    inputs: ['a.html', 'b.md'],
    spec,
    asOf: '2025-12-01',
    data: bundledClaimData(),
    toolVersion: 'test',
    processText: incremental.process,
  });
  return { report, hits: incremental.cache.hits };
}

const comparable = (r: Report) => ({
  findings: r.findings,
  documents: r.documents,
  suppressed: r.suppressed,
});

describe('incremental runs (results cache)', () => {
  it('a second run over an unchanged site extracts nothing and finds the same', async () => {
    const { dir, cache } = site();
    const spec = await loadSpec(demoSpec);
    extractor.mockClear();
    const first = await run(dir, cache, spec);
    expect(extractor).toHaveBeenCalledTimes(2);
    expect(first.hits).toBe(0);
    expect(first.report.findings.length).toBeGreaterThan(0);

    extractor.mockClear();
    const second = await run(dir, cache, spec);
    expect(extractor).not.toHaveBeenCalled();
    expect(second.hits).toBe(2);
    expect(comparable(second.report)).toEqual(comparable(first.report));

    // One page edited: only that page is extracted again.
    writeFileSync(join(dir, 'b.md'), '# AION UT super\n\n标配全景天窗\n');
    extractor.mockClear();
    const third = await run(dir, cache, spec);
    expect(extractor).toHaveBeenCalledTimes(1);
    expect(extractor.mock.calls[0]?.[0].uri).toBe('b.md');
    expect(third.hits).toBe(1);
  });

  it('a new spec revision re-checks the claims without extracting again', async () => {
    const { dir, cache } = site();
    const specFile = join(dir, 'spec.yaml');
    writeFileSync(specFile, readFileSync(demoSpec, 'utf8'));
    const before = await run(dir, cache, await loadSpec(specFile));
    expect(before.report.findings.filter((f) => f.feature === 'sunroof').length).toBeGreaterThan(0);

    writeFileSync(
      specFile,
      readFileSync(demoSpec, 'utf8')
        .replace('revision: "2025-11-28"', 'revision: "2025-12-15"')
        .replace('  sunroof: absent', '  sunroof: standard'),
    );
    extractor.mockClear();
    const after = await run(dir, cache, await loadSpec(specFile));
    expect(extractor).not.toHaveBeenCalled();
    expect(after.hits).toBe(2);
    expect(after.report.spec.revision).toBe('2025-12-15');
    expect(after.report.findings.filter((f) => f.feature === 'sunroof')).toEqual([]);
  });

  it('new feature words in the spec change what is extracted, so they miss the cache', async () => {
    const { dir, cache } = site();
    const spec = await loadSpec(demoSpec);
    await run(dir, cache, spec);
    const changed = { ...spec, product: { ...spec.product, aliases: [...spec.product.aliases, 'UT Plus'] } };
    extractor.mockClear();
    const again = await run(dir, cache, changed);
    expect(again.hits).toBe(0);
    expect(extractor).toHaveBeenCalledTimes(2);
  });
});
