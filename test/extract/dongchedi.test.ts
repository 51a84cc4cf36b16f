import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { extractHtml } from '../../src/extract/html.js';
import { scan } from '../../src/pipeline/scan.js';
import { parseSpec } from '../../src/spec/parse.js';
import { fixture, hasRealPages, realPagesDir } from '../helpers/paths.js';

const page = join(realPagesDir, 'dongchedi-accord.html');
const specFile = fixture(import.meta.url, 'dongchedi-accord.spec.yaml');

// The saved page is not part of the repository; CI has it in ../shared.
describe.skipIf(!hasRealPages)(
  'a real configuration page: Dongchedi, Honda Accord, 13 trims in a div grid',
  () => {
    it('finds the grid: one column per trim, labelled by the trim name', () => {
      const r = extractHtml('dcd', readFileSync(page, 'utf8'));
      const headers = new Set(
        r.segments.filter((s) => s.table?.variantColumns).map((s) => s.table!.columnHeader),
      );
      expect(headers.size).toBe(13);
      expect(headers).toContain('雅阁 2023款 锐·T动 260TURBO 舒适版');
      const price = r.segments.find((s) => s.table?.rowLabel === '官方指导价');
      expect(price?.text).toBe('17.98万');
    });

    it('a spec that differs in one sunroof, one lane keeping assist and one price gives exactly those findings', async () => {
      const spec = parseSpec(readFileSync(specFile, 'utf8'), specFile);
      const report = await scan({
        cwd: realPagesDir,
        inputs: [page],
        spec,
        asOf: '2025-12-01',
        data: bundledClaimData(),
        toolVersion: 'test',
        severities: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])),
      });
      const serious = report.findings.filter((f) => f.severity !== 'info');
      expect(serious.map((f) => [f.ruleId, f.feature, f.variant])).toEqual([
        ['value-mismatch', 'price', '雅阁 2022款 锐·混动 2.0L 锐领版'],
        ['feature-absent', 'lane_keep_assist', '雅阁 2022款 260TURBO 幻夜·尊贵版'],
        ['feature-absent', 'sunroof', '雅阁 2023款 锐·T动 260TURBO 舒适版'],
      ]);
      expect(serious[0]).toMatchObject({
        claimed: '219,800 CNY',
        expected: '229,800 CNY',
        specPath: 'features.price',
      });
      expect(serious[2]?.message).toContain('天窗类型: 单天窗');
      // The spec leaves out power and torque on purpose (engine and motor figures side by side):
      // that is all the page says that the spec does not.
      expect(report.findings.filter((f) => f.severity === 'info').map((f) => f.feature)).toEqual([
        'motor_power_kw',
        'torque_nm',
      ]);
    });

    it('the spec that agrees with the page everywhere gives no errors or warnings', async () => {
      const text = readFileSync(specFile, 'utf8')
        .replace('  sunroof:\n    standard: [ t2,', '  sunroof:\n    standard: [ t1, t2,')
        .replace(
          '  lane_keep_assist:\n    standard: [ t2, t3, t4, t9,',
          '  lane_keep_assist:\n    standard: [ t2, t3, t4, t8, t9,',
        )
        .replace('t11: 229800', 't11: 219800');
      const spec = parseSpec(text, specFile);
      const ctx = buildClaimContext(bundledClaimData(), spec);
      expect(ctx.variants.inText('雅阁 2022款 260TURBO 舒适版')).toEqual(['t6']);
      const report = await scan({
        cwd: realPagesDir,
        inputs: [page],
        spec,
        asOf: '2025-12-01',
        data: bundledClaimData(),
        toolVersion: 'test',
      });
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    });
  },
);
