import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/check/engine.js';
import type { DocumentFacts } from '../../src/check/rule.js';
import { extractDocumentClaims } from '../../src/claims/extract.js';
import { extractHtml } from '../../src/extract/html.js';
import { RulesByUnit } from '../../src/pipeline/rules-by-unit.js';
import type { Claim, Segment } from '../../src/types.js';
import { contextFor, testSpec } from '../helpers/claims.js';
import { DEMO_LIKE_SPEC } from '../helpers/specs.js';

const spec = testSpec(DEMO_LIKE_SPEC);
const ctx = contextFor(spec);

interface Doc {
  uri: string;
  html: string;
  /** the page that shows it: an image's reading */
  parentUri?: string;
}

function read(doc: Doc): { facts: DocumentFacts; claims: Claim[]; segments: Segment[] } {
  const extract = extractHtml(doc.uri, doc.html);
  return {
    facts: {
      record: {
        uri: doc.uri,
        kind: doc.parentUri ? 'image' : 'html',
        sha256: '',
        status: 'ok',
        ...(doc.parentUri ? { parentUri: doc.parentUri } : {}),
      },
      location: { line: 1, column: 1 },
      suppressionProblems: [],
    },
    claims: extractDocumentClaims(extract.segments, ctx),
    segments: extract.segments,
  };
}

const shared = { spec, specs: [spec], asOf: '2025-12-01', claimContext: ctx, packs: [] };

// Pages, then pictures (an image reading belongs to the page that shows it).
const pages: Doc[] = [
  { uri: 'a.html', html: '<p>电池租赁方案，月租399元起。</p><p>This model has no heat pump.</p>' },
  { uri: 'b.html', html: '<p>标配热泵空调</p>' },
  { uri: 'c.html', html: '<p>电池租赁月租399元。</p><p>标配热泵空调，冬季续航更长。</p>' },
];
const pictures: Doc[] = [
  // a.html's banner states the cap and the fee: its page is not missing the disclosure.
  {
    uri: 'a-banner.png',
    parentUri: 'a.html',
    html: '<p>每月3000公里基础里程，超出部分按0.2元/公里收取。</p>',
  },
  { uri: 'c-banner.png', parentUri: 'c.html', html: '<p>配备热泵空调</p>' },
];

/** What one run over everything finds. */
function allAtOnce() {
  const all = [...pages, ...pictures].map(read);
  return runRules(
    {
      ...shared,
      claims: all.flatMap((d) => d.claims),
      segments: all.flatMap((d) => d.segments),
      documents: all.map((d) => d.facts),
      options: { packs: [], assetMatches: [] },
    },
    {},
  );
}

describe('RulesByUnit', () => {
  it('finds what one run over everything finds, whatever order the pictures finish in', () => {
    const expected = allAtOnce();
    expect(expected.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['missing-disclosure', 'inconsistent-claim', 'unknown-feature']),
    );
    // c.html's rental lacks its terms; a.html's banner states them; c.html's banner contradicts a.html.
    expect(expected.findings.filter((f) => f.ruleId === 'missing-disclosure').map((f) => f.uri)).toEqual([
      'c.html',
    ]);
    expect(expected.findings.some((f) => f.ruleId === 'inconsistent-claim' && f.uri === 'c-banner.png')).toBe(
      true,
    );
    for (const finishing of [pictures, [...pictures].reverse()]) {
      const rules = new RulesByUnit(shared, {});
      const documents: DocumentFacts[] = [];
      pages.forEach((page, i) => {
        const r = read(page);
        rules.add(page.uri, { claims: r.claims, segments: r.segments }, [0, i]);
        for (const p of pictures) if (p.parentUri === page.uri) rules.expect(page.uri);
        documents.push(r.facts);
        rules.record(r.facts);
      });
      for (const p of finishing) {
        const r = read(p);
        rules.add(p.parentUri!, { claims: r.claims, segments: r.segments }, [1, pictures.indexOf(p)]);
        rules.record(r.facts);
        rules.settle(p.parentUri!);
      }
      documents.push(...pictures.map((p) => read(p).facts));
      const { kept, ...found } = rules.finish(documents);
      expect(found).toEqual(expected);
      // What it held to the end: claims that can contradict another, one of each a document repeats.
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((c) => c.value === undefined || c.polarity === 'asserted')).toBe(true);
    }
  });

  it('checks a page once its pictures are read, not before', () => {
    const rules = new RulesByUnit(shared, {});
    const page = read(pages[0]!);
    rules.add('a.html', { claims: page.claims, segments: page.segments }, [0, 0]);
    rules.expect('a.html');
    rules.record(page.facts);
    // The banner with the disclosure is still being read: the page has not been checked without it.
    const banner = read(pictures[0]!);
    rules.add('a.html', { claims: banner.claims, segments: banner.segments }, [1, 0]);
    rules.record(banner.facts);
    rules.settle('a.html');
    const { findings } = rules.finish([page.facts, banner.facts]);
    expect(findings.filter((f) => f.ruleId === 'missing-disclosure')).toEqual([]);
  });
});
