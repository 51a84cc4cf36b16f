import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { buildClaimContext, type ClaimContext } from '../../src/claims/context.js';
import { extractDocumentClaims } from '../../src/claims/document.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { extractHtml } from '../../src/extract/html.js';
import { extractMarkdown } from '../../src/extract/markdown.js';
import { loadSpec } from '../../src/spec/load.js';
import type { NormalizedSpec } from '../../src/spec/model.js';
import type { Segment } from '../../src/types.js';
import { CORPUS, listCorpus } from '../corpus/evaluate.js';
import { segment, testSpec } from '../helpers/claims.js';

// claims/segment-memo.ts reads a segment once per run and hands its claims to every later segment
// with the same text and reading. These tests read whole documents both ways, remembered and
// afresh, and expect the same claims: the corpus (written and real pages), generated site pages
// (the same copy under other section titles), and each document a second time under another URI.

const fresh = (ctx: ClaimContext): ClaimContext => ({ ...ctx, rememberReadings: false });

function segmentsOf(path: string, uri: string): Segment[] | undefined {
  const ext = extname(path);
  const text = readFileSync(path, 'utf8');
  if (ext === '.html' || ext === '.htm') return extractHtml(uri, text).segments;
  if (ext === '.md') return extractMarkdown(uri, text).segments;
  if (ext === '.txt') return extractMarkdown(uri, text, { plainText: true }).segments;
  return undefined;
}

/** A new context: spec objects of its own, so no earlier test's remembered readings are in it. */
async function contextOf(specFiles: string[], otherProducts: string[] = []): Promise<ClaimContext> {
  const specs: NormalizedSpec[] = await Promise.all(specFiles.map((s) => loadSpec(join(CORPUS, 'specs', s))));
  return buildClaimContext(bundledClaimData(), specs, { otherProducts });
}

describe('remembered readings', () => {
  const corpus = listCorpus().filter((d) => d.path && segmentsOf(d.path, 'probe') !== undefined);

  it('reads every corpus document as a fresh reading does, three times over and under other URIs', async () => {
    expect(corpus.length).toBeGreaterThan(40);
    const contexts = new Map<string, ClaimContext>();
    let compared = 0;
    // A reading is kept the second time it is met and handed on from the third.
    for (const pass of ['first', 'again', 'third']) {
      for (const doc of corpus) {
        const key = JSON.stringify([doc.annotation.specs, doc.annotation.otherProducts ?? []]);
        let ctx = contexts.get(key);
        if (!ctx) {
          ctx = await contextOf(doc.annotation.specs, doc.annotation.otherProducts);
          contexts.set(key, ctx);
        }
        const uri = pass === 'first' ? doc.id : `${pass}/${doc.id}`;
        const expected = extractDocumentClaims(segmentsOf(doc.path!, uri)!, fresh(ctx));
        const got = extractDocumentClaims(segmentsOf(doc.path!, uri)!, ctx);
        expect(got, `${pass}: ${doc.id}`).toEqual(expected);
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('reads generated site pages (the same copy under other section titles) as a fresh reading does', async () => {
    const ctx = await contextOf(['aion-ut-super.yaml']);
    for (let i = 0; i < 40; i++) {
      const html = generatePage(i, 20_000);
      const expected = extractDocumentClaims(extractHtml(`page-${i}.html`, html).segments, fresh(ctx));
      const got = extractDocumentClaims(extractHtml(`page-${i}.html`, html).segments, ctx);
      expect(got, `page ${i}`).toEqual(expected);
    }
  });

  it('keeps apart the same words under headings that name different variants', () => {
    const ctx = buildClaimContext(bundledClaimData(), testSpec());
    const read = (headings: string[]) =>
      extractDocumentClaims([segment('座椅加热为标配。', { headings })], ctx).map((c) => c.variants);
    expect(read(['长续航版'])).toEqual([['lr']]);
    expect(read(['标准续航版'])).toEqual([['std']]);
    // A heading that names no variant does not change the reading: one entry serves both.
    expect(read(['亮点 1'])).toEqual(read(['亮点 2']));
    expect(read(['亮点 1'])).toEqual(
      extractDocumentClaims([segment('座椅加热为标配。', { headings: ['亮点 3'] })], fresh(ctx)).map(
        (c) => c.variants,
      ),
    );
    // Read under "亮点 1" and "亮点 2", the reading is kept; under "亮点 4" it is handed on (its
    // shared parts are the kept, frozen ones), which a key holding every heading would not do.
    const handedOn = extractDocumentClaims([segment('座椅加热为标配。', { headings: ['亮点 4'] })], ctx);
    expect(handedOn.length).toBeGreaterThan(0);
    expect(handedOn.every((c) => Object.isFrozen(c.why))).toBe(true);
  });

  it('keeps apart the same cell under other row labels and column headers', () => {
    const ctx = buildClaimContext(bundledClaimData(), testSpec());
    const cell = (rowLabel: string, columnHeader: string) =>
      segment('●', { source: 'table', table: { rowLabel, columnHeader, variantColumns: true } });
    const read = (c: ReturnType<typeof cell>, context: ClaimContext) =>
      extractDocumentClaims([c], context).map((x) => [x.feature, x.variants, x.evidence.label]);
    const cells = [
      cell('座椅加热', '长续航版'),
      cell('座椅加热', '标准续航版'),
      cell('天窗', '长续航版'),
      cell('座椅加热', '长续航版'),
    ];
    const remembered = cells.map((c) => read(c, ctx));
    expect(remembered).toEqual(cells.map((c) => read(c, fresh(ctx))));
    expect(remembered[0]).toEqual([['heated_seats', ['lr'], '座椅加热']]);
    expect(remembered[1]).toEqual([['heated_seats', ['std'], '座椅加热']]);
    expect(remembered[2]![0]![0]).toBe('sunroof');
  });

  it('gives each segment claims of its own: a change to one never reaches the next page', () => {
    const ctx = buildClaimContext(bundledClaimData(), testSpec());
    const text = '长续航版标配座椅加热，CLTC续航430公里。';
    const first = extractDocumentClaims([segment(text, { uri: 'a.html' })], ctx);
    const second = extractDocumentClaims(
      [segment(text, { uri: 'b.html', location: { line: 9, column: 3 } })],
      ctx,
    );
    expect(second.map((c) => c.uri)).toEqual(first.map(() => 'b.html'));
    expect(second.map((c) => c.evidence.location)).toEqual(first.map(() => ({ line: 9, column: 3 })));
    second[0]!.polarity = 'negated';
    second[0]!.channel = 'dealer';
    const third = extractDocumentClaims([segment(text, { uri: 'c.html' })], ctx);
    expect(third).toEqual(first.map((c) => ({ ...c, uri: 'c.html' })));
    // What the claims share is frozen: changing it in place throws rather than changing page c's.
    expect(() => {
      (second[0]!.why as { term: string }).term = 'changed';
    }).toThrow(TypeError);
  });
});
