import type { ClaimContext } from '../claims/context.js';
import type { NormalizedSpec } from '../spec/model.js';
import type {
  Claim,
  DocumentRecord,
  Evidence,
  Finding,
  Location,
  Segment,
  Severity,
  Suppression,
} from '../types.js';

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** one line: when the rule fires */
  description: string;
  /** docs/rules/<id>.md, relative to the package */
  docs: string;
  /** the pack that enables it by default */
  pack: string;
  /** checks claims against their product's spec: run once per product, with that product's claims */
  perProduct?: boolean;
  /**
   * compares documents with each other: runs once over the whole run's claims (and again when shard
   * reports are merged); every other rule reads one document, with the images it shows, at a time
   */
  crossDocument?: boolean;
}

/** What a document contributed to a run, beyond its claims. */
export interface DocumentFacts {
  record: DocumentRecord;
  /** where the document (or its referencing element) is: for input errors */
  location: Location;
  suppressionProblems: { location: Location; message: string; rules: string[] }[];
}

export interface RuleContext {
  /** the spec of the product being checked (per-product rules), else the run's first spec */
  spec: NormalizedSpec;
  /** every spec of the run (one per product) */
  specs?: NormalizedSpec[];
  claims: Claim[];
  /** every text segment of the run (prohibited-term reads the words, not the claims) */
  segments: Segment[];
  documents: DocumentFacts[];
  /** YYYY-MM-DD */
  asOf: string;
  claimContext: ClaimContext;
  /** extra data some rules read (packs, asset matches); keyed by rule id */
  options: Record<string, unknown>;
}

export type FindingDraft = Omit<Finding, 'ruleId' | 'severity' | 'fingerprint' | 'channel' | 'owner'> & {
  severity?: Severity;
  /** words that identify the finding across edits of the page (defaults to the evidence span) */
  identity?: string;
  /** suppressions in force where the finding is (defaults to those of the claim behind the evidence) */
  suppressions?: Suppression[];
};

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): FindingDraft[];
  /**
   * A cross-document rule: the part of one document's claims it can ever read, so that a run over
   * thousands of pages holds that and not every claim. `check` over what `keep` returns for each
   * document must give the same findings as over all the claims.
   */
  keep?(claims: Claim[]): Claim[];
}

/** The words a finding quotes; a table cell is quoted with its row label ("天窗类型: ●单天窗"). */
export function evidenceSpanText(e: Evidence | undefined): string {
  if (!e) return '';
  const words = e.text.slice(e.span[0], e.span[1]);
  return e.label ? `${e.label}: ${words || '(empty)'}` : words;
}
