import { compareFindings, runRules } from '../check/engine.js';
import { CROSS_DOCUMENT_RULES } from '../check/index.js';
import type { DocumentFacts } from '../check/rule.js';
import type { ClaimContext } from '../claims/context.js';
import { inPageOrder, summarize, withSkipped } from '../report/build.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { Claim, DocumentRecord, Finding, Report, SeverityOrOff } from '../types.js';

export interface MergeOptions {
  spec: NormalizedSpec;
  claimContext: ClaimContext;
  severities?: Record<string, SeverityOrOff>;
  overrides?: Record<string, SeverityOrOff>;
  /** documents' names for fingerprints (see EngineOptions.identity) */
  identity?: (uri: string) => string;
}

/** An image read as part of a page wins over the same file read on its own, as in a single run. */
const parentRank = (parentUri: string | undefined) => (parentUri ? `0${parentUri}` : '1');

function dedupe(findings: Finding[]): Finding[] {
  const byPrint = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byPrint.get(f.fingerprint);
    // The same image in two shards: keep the reading of the first page that shows it, as a
    // single run does.
    if (!prev || parentRank(f.parentUri) < parentRank(prev.parentUri)) byPrint.set(f.fingerprint, f);
  }
  return [...byPrint.values()];
}

/**
 * Shard reports to one report with exactly the findings of an unsharded run: documents and
 * findings are united (the same image shown by pages of two shards counts once), and the
 * cross-document rules run again over the claims of all shards.
 */
export function mergeReports(reports: Report[], options: MergeOptions): Report {
  const first = reports[0]!;
  const docs = new Map<string, DocumentRecord>();
  for (const d of reports
    .flatMap((r) => r.documents)
    .sort((a, b) => parentRank(a.parentUri).localeCompare(parentRank(b.parentUri)))) {
    if (!docs.has(d.uri)) docs.set(d.uri, d);
  }
  const crossIds = new Set(CROSS_DOCUMENT_RULES.map((r) => r.meta.id));
  const claims: Claim[] = reports.flatMap((r) => r.claims ?? []);
  const documents: DocumentFacts[] = [...docs.values()].map((record) => ({
    record,
    location: { line: 1, column: 1 },
    suppressionProblems: [],
  }));
  const cross = runRules(
    {
      spec: options.spec,
      claims,
      segments: [],
      documents,
      asOf: first.run.asOf,
      claimContext: options.claimContext,
      options: {},
    },
    {
      // A shard cannot see the other shards' documents: the rules that compare documents run again.
      rules: CROSS_DOCUMENT_RULES,
      ...(options.severities ? { severities: options.severities } : {}),
      ...(options.overrides ? { overrides: options.overrides } : {}),
      ...(options.identity ? { identity: options.identity } : {}),
    },
  );
  const findings = inPageOrder(
    dedupe([
      ...reports.flatMap((r) => r.findings.filter((f) => !crossIds.has(f.ruleId))),
      ...cross.findings,
    ]).sort(compareFindings),
  );
  const suppressed = dedupe([
    ...reports.flatMap((r) => (r.suppressed ?? []).filter((f) => !crossIds.has(f.ruleId))),
    ...cross.suppressed,
  ]).sort(compareFindings);
  const documentsOut = [...docs.values()].sort((a, b) => a.uri.localeCompare(b.uri));
  const startedAt = reports.map((r) => r.run.startedAt).sort()[0]!;
  return {
    schemaVersion: 1,
    tool: first.tool,
    spec: first.spec,
    run: {
      startedAt,
      durationMs: Math.max(...reports.map((r) => r.run.durationMs)),
      asOf: first.run.asOf,
      merged: reports.length,
    },
    documents: documentsOut,
    findings,
    summary: withSkipped(
      summarize(findings, documentsOut.length, suppressed.length),
      documentsOut.filter((d) => d.status === 'skipped').length,
    ),
    ...(suppressed.length ? { suppressed } : {}),
  };
}
