import type { NormalizedSpec } from '../spec/model.js';
import type { Claim, DocumentRecord, Finding, Report, SpecRef } from '../types.js';

export interface ReportInput {
  toolVersion: string;
  spec: NormalizedSpec;
  /** every spec of a run over several products */
  specs?: NormalizedSpec[];
  documents: DocumentRecord[];
  findings: Finding[];
  suppressed: Finding[];
  startedAt: Date;
  durationMs: number;
  asOf: string;
  shard?: { index: number; total: number };
  /** a shard's claims, so that `merge` can run the cross-document rules over all shards */
  claims?: Claim[];
}

export function summarize(findings: Finding[], documents: number, suppressed: number): Report['summary'] {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return { error: count('error'), warning: count('warning'), info: count('info'), documents, suppressed };
}

export function specRef(spec: NormalizedSpec): SpecRef {
  return {
    product: spec.product.id,
    revision: spec.revision,
    sha256: spec.sha256,
    ...(spec.path ? { path: spec.path } : {}),
  };
}

/** The report every formatter reads. Deterministic apart from run timing. */
export function buildReport(input: ReportInput): Report {
  // An image shown by several pages is one document (the first page that shows it is its parent).
  const byUri = new Map<string, DocumentRecord>();
  for (const d of input.documents) if (!byUri.has(d.uri)) byUri.set(d.uri, d);
  const documents = [...byUri.values()].sort((a, b) => a.uri.localeCompare(b.uri));
  return {
    schemaVersion: 1,
    tool: { name: 'claimlint', version: input.toolVersion },
    spec: specRef(input.spec),
    ...(input.specs && input.specs.length > 1 ? { specs: input.specs.map(specRef) } : {}),
    run: {
      startedAt: input.startedAt.toISOString(),
      durationMs: Math.round(input.durationMs),
      asOf: input.asOf,
      ...(input.shard ? { shard: input.shard } : {}),
    },
    documents,
    findings: input.findings,
    summary: summarize(input.findings, documents.length, input.suppressed.length),
    ...(input.suppressed.length ? { suppressed: input.suppressed } : {}),
    ...(input.claims ? { claims: input.claims } : {}),
  };
}
