import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import {
  BUDGETED_BYTES,
  DocumentBudgetError,
  ExtractPool,
  textExtractor,
} from '../../src/pipeline/extract-pool.js';
import { processTextDocument } from '../../src/pipeline/process.js';
import { loadSpec } from '../../src/spec/load.js';
import type { Report, ScanDocument } from '../../src/types.js';
import { runCliAsync } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';

/**
 * Issue 15 item 2: a document that takes too long to extract is an input-error, not a stalled run.
 * The budgets here are far below what the large page needs on any machine (it holds hundreds of
 * thousands of claims), so the outcome does not depend on the machine's speed.
 */
const LINE = '<p>长续航版CLTC续航500公里，全景天窗，座椅加热，电池月租399元。</p>\n';
const largePage = () => LINE.repeat(Math.ceil((8 * 1024 * 1024) / Buffer.byteLength(LINE)));

const doc = (uri: string, html: string): ScanDocument => ({
  uri,
  kind: 'html',
  bytes: new Uint8Array(Buffer.from(html)),
  sha256: '',
});

describe('the per-document time budget', () => {
  it('a large page over the budget is abandoned in its thread; the next documents are extracted', async () => {
    const data = bundledClaimData();
    const specs = [await loadSpec(demoSpec)];
    const ctx = buildClaimContext(data, specs, { otherProducts: [] });
    const extractor = textExtractor({ documents: 3, data, specs, otherProducts: [], ctx, budgetMs: 50 });
    try {
      const large = doc('large.html', largePage());
      expect(large.bytes.byteLength).toBeGreaterThan(BUDGETED_BYTES);
      await expect(extractor.process(large)).rejects.toThrow(DocumentBudgetError);
      await expect(extractor.process(doc('large-2.html', largePage()))).rejects.toThrow(
        /extracting the document took longer than 0\.05 s \(config documentTimeoutSeconds\)/,
      );
      const small = await extractor.process(doc('small.html', '<p>全景天窗</p>'));
      expect(small.claims.map((c) => c.feature)).toEqual(['sunroof']);
    } finally {
      await extractor.close();
    }
  });

  it('the documents sent ahead to a thread ended over its budget are extracted by its replacement', async () => {
    const data = bundledClaimData();
    const specs = [await loadSpec(demoSpec)];
    const ctx = buildClaimContext(data, specs, { otherProducts: [] });
    const fallback = textExtractor({ documents: 1, data, specs, otherProducts: [], ctx, workers: 1 });
    // One thread: the small pages wait in its port behind the large one when it is ended.
    const pool = new ExtractPool(1, { data, specs, otherProducts: [] }, fallback, 1000);
    try {
      const results = await Promise.allSettled([
        pool.process(doc('large.html', largePage())),
        pool.process(doc('small-1.html', '<p>全景天窗</p>')),
        pool.process(doc('small-2.html', '<p>座椅加热</p>')),
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(DocumentBudgetError) });
      const features = results
        .slice(1)
        .map((r) => (r.status === 'fulfilled' ? r.value.claims[0]?.feature : r.reason));
      expect(features).toEqual(['sunroof', 'heated_seats']);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a large page within the budget gives what in-thread extraction gives, through the processor in front', async () => {
    const data = bundledClaimData();
    const specs = [await loadSpec(demoSpec)];
    const ctx = buildClaimContext(data, specs, { otherProducts: [] });
    const seen: string[] = [];
    // A processor in front of extraction (a results cache, an audit bundle) still sees the page.
    const inThread = (d: ScanDocument, c: typeof ctx) => {
      seen.push(d.uri);
      return processTextDocument(d, c);
    };
    const extractor = textExtractor({ documents: 1, data, specs, otherProducts: [], ctx, inThread });
    // Large by its script (which is not text), quick to extract.
    const html = `<script>${'var a = 1;\n'.repeat(Math.ceil(BUDGETED_BYTES / 11))}</script>\n<p>全景天窗</p>\n`;
    try {
      const threaded = await extractor.process(doc('large.html', html));
      const direct = processTextDocument(doc('large.html', html), ctx);
      expect(threaded.claims).toEqual(direct.claims);
      expect(threaded.claims.map((c) => c.feature)).toEqual(['sunroof']);
      // Consulted for what it has, then given the extraction to keep.
      expect(new Set(seen)).toEqual(new Set(['large.html']));
    } finally {
      await extractor.close();
    }
  });

  it('a large page a results cache in front already has is answered from it, without a thread', async () => {
    const data = bundledClaimData();
    const specs = [await loadSpec(demoSpec)];
    const ctx = buildClaimContext(data, specs, { otherProducts: [] });
    const cached = processTextDocument(doc('small.html', '<p>全景天窗</p>'), ctx);
    // A cache that has the large page: with a budget no thread could meet, only the cache can answer.
    const inThread = (d: ScanDocument, c: typeof ctx) =>
      d.uri === 'large.html' ? cached : processTextDocument(d, c);
    const extractor = textExtractor({
      documents: 1,
      data,
      specs,
      otherProducts: [],
      ctx,
      inThread,
      budgetMs: 50,
    });
    try {
      expect(await extractor.process(doc('large.html', largePage()))).toBe(cached);
    } finally {
      await extractor.close();
    }
  });

  it('scan: the page over the budget is an input-error, the others are checked, the run ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-budget-'));
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'documentTimeoutSeconds: 0.05\n');
    writeFileSync(join(dir, 'large.html'), largePage());
    writeFileSync(join(dir, 'small.html'), '<p>全景天窗</p>\n');
    const r = await runCliAsync(
      ['scan', 'large.html', 'small.html', '-s', demoSpec, '--no-ocr', '-q', '-f', 'json'],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.documents.find((d) => d.uri === 'large.html')).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/took longer than 0\.05 s/),
    });
    expect(report.findings.filter((f) => f.uri === 'small.html').map((f) => f.ruleId)).toContain(
      'feature-absent',
    );
  }, 120_000);

  it('a config with a budget that is not a positive number is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-budget-'));
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'documentTimeoutSeconds: 0\n');
    writeFileSync(join(dir, 'small.html'), '<p>全景天窗</p>\n');
    const r = await runCliAsync(['scan', 'small.html', '-s', demoSpec, '--no-ocr', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/documentTimeoutSeconds/);
  });
});
