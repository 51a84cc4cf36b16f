import type { NormalizedSpec } from '../spec/model.js';
import {
  type Claim,
  type DocumentRecord,
  type Finding,
  isImageLocation,
  type Report,
  type SpecRef,
} from '../types.js';
import { collate } from '../util/collate.js';
import { redactDeep } from './safe-text.js';

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

/**
 * Findings of a PDF in page order: the engine orders a document's findings by line, or for a box
 * by its top edge, which on a PDF says nothing of the page. A stable sort keeps its order within
 * each page.
 */
export function inPageOrder(findings: Finding[]): Finding[] {
  const page = (f: Finding) => (isImageLocation(f.location) ? (f.location.page ?? 0) : 0);
  return [...findings].sort((a, b) => collate(a.uri, b.uri) || page(a) - page(b));
}

/** "12 documents, 2 skipped": the count only appears when something was skipped. */
export function withSkipped(summary: Report['summary'], skipped: number): Report['summary'] {
  return skipped ? { ...summary, skipped } : summary;
}

/**
 * The report every formatter reads. Deterministic apart from run timing. Credentials written into
 * a URL (an input given as https://user:pass@host/, and every page and image under it) are
 * redacted from every string.
 */
export function buildReport(input: ReportInput): Report {
  return redactDeep(assemble(input));
}

function assemble(input: ReportInput): Report {
  // An image shown by several pages is one document (the first page that shows it is its parent).
  const byUri = new Map<string, DocumentRecord>();
  for (const d of input.documents) if (!byUri.has(d.uri)) byUri.set(d.uri, d);
  const documents = [...byUri.values()].sort((a, b) => collate(a.uri, b.uri));
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
    findings: inPageOrder(input.findings),
    summary: withSkipped(
      summarize(input.findings, documents.length, input.suppressed.length),
      documents.filter((d) => d.status === 'skipped').length,
    ),
    ...(input.suppressed.length ? { suppressed: input.suppressed } : {}),
    ...(input.claims ? { claims: input.claims } : {}),
  };
}
