import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { pack, unpack } from '../../src/cache/result-codec.js';
import { decodeResult, encodeResult } from '../../src/cache/results-cache.js';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { processTextDocument } from '../../src/pipeline/process.js';
import { forRules } from '../../src/pipeline/segment-for-rules.js';
import { loadSpec } from '../../src/spec/load.js';
import type { DocumentKind } from '../../src/types.js';
import { CORPUS, listCorpus } from '../corpus/evaluate.js';

const KINDS: Record<string, DocumentKind> = { '.html': 'html', '.md': 'markdown', '.txt': 'text' };

describe('packed results', () => {
  it('decode to what was encoded: every corpus document, as extracted and as the rules read it', async () => {
    let checked = 0;
    for (const doc of listCorpus()) {
      const kind = doc.path ? KINDS[extname(doc.path)] : undefined;
      if (!kind) continue;
      const specs = await Promise.all(doc.annotation.specs.map((s) => loadSpec(join(CORPUS, 'specs', s))));
      const ctx = buildClaimContext(bundledClaimData(), specs, {
        otherProducts: doc.annotation.otherProducts ?? [],
      });
      const bytes = readFileSync(doc.path!);
      const result = processTextDocument({ uri: doc.id, kind, bytes, sha256: doc.id }, ctx);
      for (const r of [result, forRules(result)]) expect(decodeResult(encodeResult(r)), doc.id).toEqual(r);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('write the URI, heading and evidence texts once, and keep what differs from them', async () => {
    const ctx = buildClaimContext(bundledClaimData(), [
      await loadSpec(join(CORPUS, 'specs', 'aion-ut-super.yaml')),
    ]);
    const result = processTextDocument(
      { uri: 'site/page-7.html', kind: 'html', bytes: Buffer.from(generatePage(7)), sha256: 'x' },
      ctx,
    );
    // Something that differs from the page's own: a segment of another URI and heading, a claim
    // whose evidence is no segment's text, and one at another selector.
    result.extract.segments.push({ ...result.extract.segments[1]!, uri: 'other.html', pageHeading: 'Other' });
    const first = result.claims[0]!;
    result.claims.push(
      { ...first, evidence: { ...first.evidence, text: 'not a segment' } },
      { ...first, evidence: { ...first.evidence, location: { line: 1, column: 1, selector: 'main > p' } } },
    );
    const packed = pack(result);
    expect(unpack(structuredClone(packed))).toEqual(result);
    expect(serialize(packed).length).toBeLessThan(serialize(result).length * 0.8);
    expect(packed.result.claims.filter((c) => typeof c.evidence.text === 'number').length).toBe(
      result.claims.length - 1,
    );
  });
});
