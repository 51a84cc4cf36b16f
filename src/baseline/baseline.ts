import type { AcceptedFinding, BaselineEntry, Finding, Report } from '../types.js';
import { isExpired } from './expiry.js';

export interface Baseline {
  schemaVersion: 1;
  createdAt?: string;
  spec?: { product?: string; revision?: string };
  entries: BaselineEntry[];
}

export const REASON_TODO = 'TODO: say why this finding is acceptable';

/** A baseline that accepts every finding of a report, each with a reason to fill in. */
export function createBaseline(report: Report, createdAt: string, previous?: Baseline): Baseline {
  const kept = new Map((previous?.entries ?? []).map((e) => [e.fingerprint, e]));
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
      // Keep reasons (and who approved them, until when) already written when the baseline is regenerated.
      reason: kept.get(f.fingerprint)?.reason ?? REASON_TODO,
      ...approvalOf(kept.get(f.fingerprint)),
    });
  }
  return {
    schemaVersion: 1,
    createdAt,
    spec: { product: report.spec.product, revision: report.spec.revision },
    entries,
  };
}

function approvalOf(e: BaselineEntry | undefined): { approvedBy?: string; expires?: string } {
  return {
    ...(e?.approvedBy ? { approvedBy: e.approvedBy } : {}),
    ...(e?.expires ? { expires: e.expires } : {}),
  };
}

export function isPlaceholderReason(reason: string | undefined): boolean {
  return !reason?.trim() || reason.trim() === REASON_TODO || /^TODO\b/.test(reason.trim());
}

/**
 * Hides the findings a baseline accepts (matched by fingerprint: rule, document, feature and the
 * claim's words, never a line number) and lists the entries that matched nothing: stale, the
 * problem was fixed or the page changed, so the entry can go.
 */
export function applyBaseline(
  findings: Finding[],
  baseline: Baseline,
  asOf: string,
): {
  kept: Finding[];
  accepted: AcceptedFinding[];
  stale: BaselineEntry[];
  expired: BaselineEntry[];
  unexplained: BaselineEntry[];
} {
  const byFingerprint = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const used = new Set<string>();
  const kept: Finding[] = [];
  const accepted: AcceptedFinding[] = [];
  for (const f of findings) {
    const entry = byFingerprint.get(f.fingerprint);
    if (entry) used.add(f.fingerprint);
    // An expired entry no longer hides its finding: the exception was granted until a date.
    if (entry && !isExpired(entry.expires, asOf)) {
      accepted.push({
        ...f,
        acceptance: { ...(entry.reason ? { reason: entry.reason } : {}), ...approvalOf(entry) },
      });
    } else {
      kept.push(f);
    }
  }
  const stale = baseline.entries.filter((e) => !used.has(e.fingerprint));
  const expired = baseline.entries.filter((e) => used.has(e.fingerprint) && isExpired(e.expires, asOf));
  const unexplained = baseline.entries.filter(
    (e) => used.has(e.fingerprint) && isPlaceholderReason(e.reason),
  );
  return { kept, accepted, stale, expired, unexplained };
}

/**
 * The baseline without entries that matched nothing in `report` or have expired on `asOf`: what
 * `claimlint baseline --prune` writes.
 */
export function pruneBaseline(
  baseline: Baseline,
  report: Report,
  asOf: string,
): { baseline: Baseline; removed: { stale: BaselineEntry[]; expired: BaselineEntry[] } } {
  const present = new Set([...report.findings, ...(report.accepted ?? [])].map((f) => f.fingerprint));
  const staleInReport = new Set((report.baseline?.stale ?? []).map((e) => e.fingerprint));
  const stale: BaselineEntry[] = [];
  const expired: BaselineEntry[] = [];
  const entries: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    if (isExpired(e.expires, asOf)) expired.push(e);
    else if (!present.has(e.fingerprint) || staleInReport.has(e.fingerprint)) stale.push(e);
    else entries.push(e);
  }
  return { baseline: { ...baseline, entries }, removed: { stale, expired } };
}

/** The report as a baseline leaves it: counts follow the kept findings. */
export function withBaseline(report: Report, baseline: Baseline, path?: string): Report {
  const { kept, accepted, stale, expired, unexplained } = applyBaseline(
    report.findings,
    baseline,
    report.run.asOf,
  );
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
    baseline: {
      ...(path ? { path } : {}),
      accepted: accepted.length,
      stale,
      ...(expired.length ? { expired } : {}),
      ...(unexplained.length ? { unexplained } : {}),
    },
    ...(accepted.length ? { accepted } : {}),
  };
}
