import { createHash } from 'node:crypto';
import { isExpired } from '../baseline/expiry.js';
import { normalizeText } from '../claims/normalize-text.js';
import type { Claim, Finding, Location, Severity, SeverityOrOff, Suppression } from '../types.js';
import { isImageLocation } from '../types.js';
import { collate } from '../util/collate.js';
import { RULES } from './index.js';
import type { DocumentFacts, FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';

export interface EngineOptions {
  /** severities the enabled packs give; 'off' (or absent, when given) disables */
  severities?: Record<string, SeverityOrOff>;
  /** the config's `rules:` overrides: win over everything but the low-confidence downgrade */
  overrides?: Record<string, SeverityOrOff>;
  rules?: Rule[];
  /** OCR: a finding resting on words below this confidence is dropped (default 60) */
  minConfidence?: number;
  /** OCR: below this it is a warning marked for review (default 80) */
  reviewBelow?: number;
  /**
   * A document's name for fingerprints, when it differs from its uri: the path inside its git
   * repository, so that a baseline matches in a checkout at another absolute path.
   */
  identity?: (uri: string) => string;
}

export interface EngineResult {
  findings: Finding[];
  suppressed: Finding[];
}

/**
 * Stable across runs and across edits elsewhere in the page: rule, document, feature, variant and
 * the normalised words of the claim, never a line number.
 */
export function fingerprint(
  ruleId: string,
  draft: FindingDraft,
  product?: string,
  identity: (uri: string) => string = (uri) => uri,
): string {
  const words = normalizeText(draft.identity ?? evidenceSpanText(draft.evidence))
    .text.replace(/\s+/g, ' ')
    .trim();
  const parts = [
    ruleId,
    identity(draft.uri),
    draft.feature ?? '',
    draft.variant ?? '',
    draft.claimed ?? '',
    words,
  ];
  // Only a run over several products names the product: one-product fingerprints stay as they were.
  if (product) parts.push(product);
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    collate(a.uri, b.uri) ||
    lineOf(a.location) - lineOf(b.location) ||
    columnOf(a.location) - columnOf(b.location) ||
    collate(a.ruleId, b.ruleId) ||
    collate(a.feature ?? '', b.feature ?? '') ||
    collate(a.fingerprint, b.fingerprint)
  );
}

function lineOf(l: Location): number {
  return isImageLocation(l) ? Math.round(l.bbox.y0) : l.line;
}
function columnOf(l: Location): number {
  return isImageLocation(l) ? Math.round(l.bbox.x0) : l.column;
}

function suppressedBy(ruleId: string, suppressions: Suppression[] | undefined): Suppression | undefined {
  return suppressions?.find(
    (s) => s.rules.includes(ruleId) || s.rules.includes('all') || s.rules.includes('*'),
  );
}

/**
 * The suppressions of the claim each evidence belongs to (the last claim holding it, as a map of
 * every claim's evidence would give), listing only evidence whose claim has some: at 10,000 pages
 * the cross-document run holds some 300,000 claims, almost none of them suppressed.
 */
function evidenceSuppressions(claims: readonly Claim[]): Map<Claim['evidence'], Claim['suppressions']> {
  const out = new Map<Claim['evidence'], Claim['suppressions']>();
  for (const c of claims) {
    if (c.suppressions) out.set(c.evidence, c.suppressions);
    else if (out.size && out.has(c.evidence)) out.delete(c.evidence);
  }
  return out;
}

/** Runs the enabled rules; pure apart from hashing. */
export function runRules(ctx: RuleContext, options: EngineOptions = {}): EngineResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const seen = new Set<string>();
  const channels = new Map(ctx.documents.map((d) => [d.record.uri, d.record]));
  const suppressionsOf = evidenceSuppressions(ctx.claims);
  // Each claim is checked against its own product's spec; a claim about a product the run has no
  // spec for (another model's card) is read but never checked.
  const specs = ctx.specs?.length ? ctx.specs : [ctx.spec];
  const several = specs.length > 1;
  const byId = new Map(specs.map((s) => [s.product.id, s]));
  const claimsOf = new Map(specs.map((s) => [s, [] as RuleContext['claims']]));
  for (const c of ctx.claims) {
    const spec = c.product ? byId.get(c.product) : several ? undefined : specs[0];
    if (spec) claimsOf.get(spec)!.push(c);
  }
  const checked = specs.flatMap((s) => claimsOf.get(s)!);
  const run: Run = { ctx, options, findings, suppressed, seen, channels, suppressionsOf, several };
  const runs = (rule: Rule): { spec: RuleContext['spec']; claims: RuleContext['claims'] }[] =>
    rule.meta.perProduct
      ? specs.map((spec) => ({ spec, claims: claimsOf.get(spec)! }))
      : [{ spec: specs[0]!, claims: checked }];
  for (const rule of options.rules ?? RULES) {
    const override = options.overrides?.[rule.meta.id];
    const packSeverity = options.severities ? (options.severities[rule.meta.id] ?? 'off') : undefined;
    if (override === 'off' || (override === undefined && packSeverity === 'off')) continue;
    const drafts = runs(rule).flatMap(({ spec, claims }) =>
      rule
        .check({ ...ctx, spec, specs, claims })
        .map((draft) => ({ draft, product: rule.meta.perProduct ? spec.product.id : undefined })),
    );
    for (const { draft, product } of drafts) record(run, rule, draft, product, override, packSeverity);
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  return {
    findings: mergeRepeats(mergeTableRows(findings)),
    // Each suppression is its own decision with its own reason: they are listed one by one.
    suppressed: mergeTableRows(suppressed),
  };
}

/** What `record` reads and adds to while the rules of one `runRules` call run. */
interface Run {
  ctx: RuleContext;
  options: EngineOptions;
  findings: Finding[];
  suppressed: Finding[];
  /** fingerprint@location of the findings recorded */
  seen: Set<string>;
  channels: Map<string, DocumentFacts['record']>;
  suppressionsOf: ReturnType<typeof evidenceSuppressions>;
  several: boolean;
}

/**
 * A rule's draft made a finding, and recorded as found or suppressed. A function of its own, not
 * a loop inside `runRules`: drafts come in as many key lists as there are rules, and when one V8
 * had not met arrived it compiled again the function that read it, which was the whole of
 * `runRules` (its compiling over a 1,000-page scan 0.49-0.62 s as `--trace-opt` times it, 0.31-0.37
 * s since; `runRules` is still compiled again once a thread, where it calls a rule's check).
 */
function record(
  run: Run,
  rule: Rule,
  draft: FindingDraft,
  product: string | undefined,
  override: SeverityOrOff | undefined,
  packSeverity: SeverityOrOff | undefined,
): void {
  const { ctx, options, channels, several } = run;
  // Words the OCR is unsure of make no finding; words it is not quite sure of make one for review.
  const confidence = isImageLocation(draft.location) ? draft.location.confidence : undefined;
  if (confidence !== undefined && draft.evidence?.source === 'ocr') {
    if (confidence < (options.minConfidence ?? 60)) return;
    if (confidence < (options.reviewBelow ?? 80)) draft.review = true;
  }
  let severity = (override ?? draft.severity ?? packSeverity ?? rule.meta.severity) as Severity;
  // A finding that rests on low-confidence OCR is for a human to confirm, not a hard failure.
  if (draft.review && severity === 'error') severity = 'warning';
  const doc = channels.get(draft.uri);
  const { identity: _identity, severity: _severity, suppressions: _suppressions, ...rest } = draft;
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity,
    ...(product ? { product } : {}),
    ...rest,
    ...(doc?.parentUri && !rest.parentUri ? { parentUri: doc.parentUri } : {}),
    ...(doc?.channel ? { channel: doc.channel } : {}),
    ...(doc?.owner ? { owner: doc.owner } : {}),
    fingerprint: fingerprint(rule.meta.id, draft, several ? product : undefined, options.identity),
  };
  // The same problem found twice (a rule run once per product over shared text) is one finding.
  // Same fingerprint at another place (a PDF page, a repeated banner) stays a finding of its own.
  const at = `${finding.fingerprint}@${JSON.stringify(finding.location)}`;
  if (run.seen.has(at)) return;
  run.seen.add(at);
  const claimSuppressions =
    draft.suppressions ?? (draft.evidence ? run.suppressionsOf.get(draft.evidence) : undefined);
  const suppression = suppressedBy(rule.meta.id, claimSuppressions);
  if (suppression && !isExpired(suppression.expires, ctx.asOf)) run.suppressed.push(finding);
  else {
    // An expired approval stops hiding the finding, and says so, so the reader knows why it is back.
    if (suppression?.expires)
      finding.message += ` (its suppression expired on ${suppression.expires}${suppression.approvedBy ? `, approved by ${suppression.approvedBy}` : ''})`;
    run.findings.push(finding);
  }
}

/** Rules whose finding is about what a document claims: the same claim made twice is one problem. */
const PER_DOCUMENT = new Set([
  'feature-absent',
  'feature-variant',
  'feature-denied',
  'value-mismatch',
  'unknown-feature',
]);

/**
 * One problem, one finding: a document that makes the same wrong claim in its gallery, its list and
 * its footer gets one finding at the first place, listing the others as related locations.
 */
export function mergeRepeats(findings: Finding[]): Finding[] {
  return mergeInto(
    findings,
    (f) => {
      if (!PER_DOCUMENT.has(f.ruleId)) return undefined;
      // A PDF's pages are read as separate pieces of copy: a page keeps its own finding.
      const page = isImageLocation(f.location) ? (f.location.page ?? '') : '';
      return [
        f.ruleId,
        f.product ?? '',
        f.uri,
        page,
        f.feature ?? '',
        f.variant ?? '',
        f.claimed ?? '',
        f.expected ?? '',
        f.severity,
      ].join('\0');
    },
    (earlier, f) => {
      earlier.related = [
        ...(earlier.related ?? []),
        {
          uri: f.uri,
          location: f.location,
          ...(f.evidence ? { text: f.evidence.text.slice(f.evidence.span[0], f.evidence.span[1]) } : {}),
        },
      ];
    },
  );
}

/** Findings with the same key (none: kept as they are) become the first of them, `merge` folding the rest in. */
function mergeInto(
  findings: Finding[],
  keyOf: (f: Finding) => string | undefined,
  merge: (first: Finding, f: Finding) => void,
): Finding[] {
  const first = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = keyOf(f);
    const earlier = key === undefined ? undefined : first.get(key);
    if (earlier) merge(earlier, f);
    else {
      if (key !== undefined) first.set(key, f);
      out.push(f);
    }
  }
  return out;
}

/**
 * One problem, one finding: a spec-table row that claims the same wrong thing in several variant
 * columns is one finding naming those variants, at the first cell.
 */
export function mergeTableRows(findings: Finding[]): Finding[] {
  return mergeInto(
    findings,
    (f) => {
      const e = f.evidence;
      if (e?.source !== 'table' || !e.label || !f.variant) return undefined;
      return [
        f.ruleId,
        f.product ?? '',
        f.uri,
        f.feature ?? '',
        e.label,
        f.claimed ?? '',
        f.expected ?? '',
        f.severity,
      ].join('\0');
    },
    (first, f) => {
      const variants = [...new Set([...first.variant!.split(', '), ...f.variant!.split(', ')])].join(', ');
      first.message = first.message.replace(first.variant!, variants);
      first.variant = variants;
    },
  );
}
