import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { scan } from '../../src/pipeline/scan.js';
import { scanDocuments } from '../../src/pipeline/scan-documents.js';
import { testSpec } from '../helpers/claims.js';

// The in-memory entry (for `serve`) must give the report `scan` gives for the same bytes.
const dir = join(import.meta.dirname, '../../examples/aion-ut-super/pages/aion');
const severities = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity]));
const common = {
  spec: testSpec(),
  asOf: '2025-12-01',
  data: bundledClaimData(),
  toolVersion: 'test',
  severities,
};

describe('scanDocuments', () => {
  it('reports what scan reports for the same page, apart from timing', async () => {
    const fromFile = await scan({ ...common, cwd: dir, inputs: ['community.html'] });
    const bytes = new Uint8Array(readFileSync(join(dir, 'community.html')));
    const fromMemory = await scanDocuments([{ uri: fromFile.documents[0]!.uri, bytes }], common);
    expect(fromFile.findings.length).toBeGreaterThan(0);
    expect(fromMemory.findings).toEqual(fromFile.findings);
    expect(fromMemory.documents).toEqual(fromFile.documents);
    expect(fromMemory.summary).toEqual(fromFile.summary);
    expect(fromMemory.findings.some((f) => f.feature === 'sunroof')).toBe(true);
  });

  it('turns an undecodable document into an error record, not a crash', async () => {
    const report = await scanDocuments(
      [{ uri: 'draft.txt', kind: 'text', bytes: new Uint8Array([0, 1, 2, 0, 255, 0]) }],
      common,
    );
    expect(report.documents[0]!.status).toBe('error');
  });
});
