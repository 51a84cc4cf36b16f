import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { processTextDocument } from '../../src/pipeline/process.js';
import { contextFor, testSpec } from '../helpers/claims.js';

/** Extraction and claims of one page, in milliseconds (the fastest of `runs`). */
function cost(bytes: number, runs: number): number {
  const ctx = contextFor(testSpec());
  const doc = {
    uri: 'page.html',
    kind: 'html' as const,
    bytes: new Uint8Array(Buffer.from(generatePage(1, bytes))),
    sha256: '',
  };
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    processTextDocument(doc, ctx);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('page size', () => {
  // A ratio, not a timing: a page ten times larger must cost about ten times as much, not a hundred.
  it('a 1 MB page costs less than 20x a 100 KB page', () => {
    cost(100_000, 1); // warm up the JIT
    const small = cost(100_000, 3);
    const large = cost(1_000_000, 1);
    expect(large / small).toBeLessThan(20);
  }, 60_000);
});
