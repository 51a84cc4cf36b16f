import type { BaselineEntry, Finding, Report } from '../types.js';

export interface Baseline {
  schemaVersion: 1;
  createdAt?: string;
  spec?: { product?: string; revision?: string };
  entries: BaselineEntry[];
}

export const REASON_TODO = 'TODO: say why this finding is acceptable';

/** A baseline that accepts every finding of a report, each with a reason to fill in. */
export function createBaseline(report: Report, createdAt: string, previous?: Baseline): Baseline {
  const reasons = new Map((previous?.entries ?? []).map((e) => [e.fingerprint, e.reason]));
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of report.findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      uri: f.uri,
      ...(f.feature ? { feature: f.feature } : {}),
      message: f.message,
      // Keep reasons already written when the baseline is regenerated.
      reason: reasons.get(f.fingerprint) ?? REASON_TODO,
    });
  }
  return {
    schemaVersion: 1,
    createdAt,
    spec: { product: report.spec.product, revision: report.spec.revision },
    entries,
  };
}

/**
 * Hides the findings a baseline accepts (matched by fingerprint: rule, document, feature and the
 * claim's words, never a line number) and lists the entries that matched nothing: stale, the
 * problem was fixed or the page changed, so the entry can go.
 */
export function applyBaseline(
  findings: Finding[],
  baseline: Baseline,
): { kept: Finding[]; accepted: Finding[]; stale: BaselineEntry[] } {
  const byFingerprint = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const used = new Set<string>();
  const kept: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) {
    if (byFingerprint.has(f.fingerprint)) {
      used.add(f.fingerprint);
      accepted.push(f);
    } else {
      kept.push(f);
    }
  }
  const stale = baseline.entries.filter((e) => !used.has(e.fingerprint));
  return { kept, accepted, stale };
}

/** The report as a baseline leaves it: counts follow the kept findings. */
export function withBaseline(report: Report, baseline: Baseline, path?: string): Report {
  const { kept, accepted, stale } = applyBaseline(report.findings, baseline);
  const count = (s: string) => kept.filter((f) => f.severity === s).length;
  return {
    ...report,
    findings: kept,
    summary: {
      ...report.summary,
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      baselined: accepted.length,
    },
    baseline: { ...(path ? { path } : {}), accepted: accepted.length, stale },
  };
}
