import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { expectValidReport } from '../helpers/report-schema.js';

describe('claimlint scan on examples/us-dealer (end to end, built CLI)', () => {
  it('finds the lease and finance ads lacking disclosures, the wrong payment, the mislabelled cycle, the other currency and the expired rebate; the compliant pages give nothing', () => {
    const r = runCli([
      'scan',
      '--config',
      'examples/us-dealer/claimlint.config.yaml',
      '--as-of',
      '2026-11-15',
      '-f',
      'json',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    const found = report.findings.map(
      (f) => `${f.uri.replace(/^.*pages\//, '')} ${f.ruleId} ${f.feature} ${f.severity}`,
    );
    expect(found).toEqual([
      'finance.html missing-disclosure reg-z.down_payment error',
      'lease-banner.html missing-disclosure reg-m.due_at_signing error',
      'lease-wrong-payment.html value-mismatch lease.monthly_payment error',
      'model-overview.html value-mismatch range_km error',
      'model-overview.html value-mismatch price info',
      'model-overview.html offer-expired rebate error',
    ]);
    expect(report.documents.map((d) => d.uri.replace(/^.*pages\//, '')).sort()).toContain(
      'lease-special.html',
    );
    expect(report.findings.find((f) => f.feature === 'range_km')?.message).toContain('mislabelled cycle');
  });
});
