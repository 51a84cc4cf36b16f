import { compareFindings, type EngineOptions, type EngineResult, runRules } from '../check/engine.js';
import type { AssetMatch } from '../check/image-reuse.js';
import { RULES } from '../check/index.js';
import type { DocumentFacts, Rule, RuleContext } from '../check/rule.js';
import type { Claim, Finding, Segment } from '../types.js';
import { internStrings } from './intern-strings.js';

/** A page with the images it shows (or a PDF with its pages' pictures, or a file on its own). */
interface Unit {
  claims: Placed[];
  segments: Segment[];
  documents: DocumentFacts[];
  matches: AssetMatch[];
  /** image jobs queued for the unit and not yet settled */
  pending: number;
  /** checked where it was extracted: its findings and kept claims, and where it stands in the run */
  checked?: { result: CheckedUnit; order: Order };
  /** its own document has been recorded */
  recorded: boolean;
}

/**
 * Where a claim stands in the run's order: documents' claims in the order they were read, then
 * images' claims in the order the images were queued, whenever each job finishes. The order
 * decides which pair of claims a cross-document finding quotes, and so its fingerprint.
 */
export type Order = readonly [band: number, index: number];

type Placed = { order: readonly [band: number, index: number, position: number]; claim: Claim };

const byOrder = (a: Placed, b: Placed) =>
  a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];

/** The unit a document belongs to: the page that shows it, else itself. */
const unitOf = (facts: DocumentFacts) => facts.record.parentUri ?? facts.record.uri;

export type Shared = Omit<RuleContext, 'claims' | 'segments' | 'documents' | 'options'> & {
  packs: unknown[];
};

/** A unit whose per-document rules ran where it was extracted (an extraction thread). */
export interface CheckedUnit {
  findings: Finding[];
  suppressed: Finding[];
  /** the claims the cross-document rules read, with their places in the unit's list */
  kept: { position: number; claim: Claim }[];
}

/** The run's rules that read one unit, and those that compare documents. */
export function splitRules(engine: EngineOptions): { perUnit: Rule[]; cross: Rule[] } {
  const rules = engine.rules ?? RULES;
  return {
    perUnit: rules.filter((r) => !r.meta.crossDocument),
    cross: rules.filter((r) => r.meta.crossDocument),
  };
}

/**
 * The per-document rules over one unit's claims (in the unit's order), segments and documents,
 * and the claims the cross-document rules keep of it. Pure: the scan's main thread and an
 * extraction thread both check units with it.
 */
export function checkUnit(
  shared: Shared,
  engine: EngineOptions,
  rules: { perUnit: Rule[]; cross: Rule[] },
  unit: { claims: Claim[]; segments: Segment[]; documents: DocumentFacts[]; matches: AssetMatch[] },
): CheckedUnit {
  const { packs, ...context } = shared;
  const { claims } = unit;
  const result = runRules(
    {
      ...context,
      claims,
      segments: unit.segments,
      documents: unit.documents,
      options: { packs, assetMatches: unit.matches },
    },
    { ...engine, rules: rules.perUnit },
  );
  const wanted = new Set(rules.cross.flatMap((r) => (r.keep ? r.keep(claims) : claims)));
  const kept: CheckedUnit['kept'] = [];
  claims.forEach((claim, position) => {
    if (wanted.has(claim)) kept.push({ position, claim });
  });
  return { findings: result.findings, suppressed: result.suppressed, kept };
}

/**
 * The rules of a run, a unit at a time: once a page and the images it shows are read, the rules
 * that read one document run on it and its segments and claims are let go; the cross-document
 * rules run at the end over what each unit kept for them (Rule.keep). A site of thousands of pages
 * then holds a few claims a page, not every segment and claim it read. The findings are those of
 * one run over everything (the per-document rules see exactly the unit's documents, as
 * missing-disclosure reads a page and its images as one).
 */
export class RulesByUnit {
  private readonly units = new Map<string, Unit>();
  private readonly kept: Placed[] = [];
  private readonly findings: Finding[] = [];
  private readonly suppressed: Finding[] = [];
  /** the strings of the claims kept to the end, one of each (a site repeats its URIs, words and selectors) */
  private readonly strings = new Map<string, string>();
  /** the run's rules that read one unit, and those that compare documents */
  private readonly perUnit: Rule[];
  private readonly cross: Rule[];

  constructor(
    private readonly shared: Shared,
    private readonly engine: EngineOptions,
  ) {
    ({ perUnit: this.perUnit, cross: this.cross } = splitRules(engine));
  }

  private unit(key: string): Unit {
    let unit = this.units.get(key);
    if (!unit) {
      unit = { claims: [], segments: [], documents: [], matches: [], pending: 0, recorded: false };
      this.units.set(key, unit);
    }
    return unit;
  }

  /** What a unit's documents read. */
  add(key: string, read: { claims?: Claim[]; segments?: Segment[]; match?: AssetMatch }, order: Order): void {
    const unit = this.unit(key);
    read.claims?.forEach((claim, i) => {
      unit.claims.push({ order: [order[0], order[1], i], claim });
    });
    if (read.segments) for (const s of read.segments) unit.segments.push(s);
    if (read.match) unit.matches.push(read.match);
  }

  /** A page whose rules ran in the thread that extracted it (it shows no image the run reads). */
  addChecked(key: string, result: CheckedUnit, order: Order): void {
    this.unit(key).checked = { result, order };
  }

  /** A document's record: its unit is complete once its own document is recorded and its images settled. */
  record(facts: DocumentFacts): void {
    const key = unitOf(facts);
    const unit = this.unit(key);
    unit.documents.push(facts);
    if (!facts.record.parentUri) unit.recorded = true;
    this.settleIfDone(key, unit);
  }

  /** An image job queued for the unit. */
  expect(key: string): void {
    this.unit(key).pending++;
  }

  /** An image job of the unit finished (what it read was added first). */
  settle(key: string): void {
    const unit = this.unit(key);
    unit.pending--;
    this.settleIfDone(key, unit);
  }

  private settleIfDone(key: string, unit: Unit): void {
    if (unit.recorded && unit.pending <= 0) this.check(key, unit);
  }

  private check(key: string, unit: Unit): void {
    this.units.delete(key);
    const done = unit.checked;
    if (done) {
      this.take(done.result, (position) => [done.order[0], done.order[1], position]);
      // What the thread could not see: the records of the images the page shows (a run that reads
      // no text in images: they add no claim, segment or match) and the page's own record, should
      // it have failed after extraction. Its suppression problems were the thread's to report.
      const images = unit.documents.filter((d) => d.record.parentUri);
      const page = unit.documents.filter((d) => !d.record.parentUri);
      if (!images.length && page.every((d) => d.record.status === 'ok') && !unit.claims.length) return;
      unit.documents = [...page.map((d) => ({ ...d, suppressionProblems: [] })), ...images];
    }
    unit.claims.sort(byOrder);
    const result = checkUnit(
      this.shared,
      this.engine,
      { perUnit: this.perUnit, cross: this.cross },
      { ...unit, claims: unit.claims.map((c) => c.claim) },
    );
    this.take(result, (position) => unit.claims[position]!.order);
  }

  private take(result: CheckedUnit, orderOf: (position: number) => Placed['order']): void {
    for (const f of result.findings) this.findings.push(f);
    for (const f of result.suppressed) this.suppressed.push(f);
    for (const { position, claim } of result.kept)
      this.kept.push(internStrings({ order: orderOf(position), claim }, this.strings));
  }

  /**
   * Every unit's rules (a unit left open is checked now), then the cross-document rules over all
   * documents. `kept`: the claims they read, in the run's order (what a shard report carries for merge).
   */
  finish(documents: DocumentFacts[]): EngineResult & { kept: Claim[] } {
    for (const [key, unit] of [...this.units]) this.check(key, unit);
    this.kept.sort(byOrder);
    const kept = this.kept.map((c) => c.claim);
    const { packs, ...shared } = this.shared;
    const cross = runRules(
      {
        ...shared,
        claims: kept,
        segments: [],
        documents,
        options: { packs, assetMatches: [] },
      },
      { ...this.engine, rules: this.cross },
    );
    return {
      findings: [...this.findings, ...cross.findings].sort(compareFindings),
      suppressed: [...this.suppressed, ...cross.suppressed].sort(compareFindings),
      kept,
    };
  }
}
