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

type Shared = Omit<RuleContext, 'claims' | 'segments' | 'documents' | 'options'> & { packs: unknown[] };

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
    const rules = engine.rules ?? RULES;
    this.perUnit = rules.filter((r) => !r.meta.crossDocument);
    this.cross = rules.filter((r) => r.meta.crossDocument);
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
    unit.claims.sort(byOrder);
    const claims = unit.claims.map((c) => c.claim);
    const { packs, ...shared } = this.shared;
    const result = runRules(
      {
        ...shared,
        claims,
        segments: unit.segments,
        documents: unit.documents,
        options: { packs, assetMatches: unit.matches },
      },
      { ...this.engine, rules: this.perUnit },
    );
    for (const f of result.findings) this.findings.push(f);
    for (const f of result.suppressed) this.suppressed.push(f);
    const wanted = new Set(this.cross.flatMap((r) => (r.keep ? r.keep(claims) : claims)));
    for (const c of unit.claims) if (wanted.has(c.claim)) this.kept.push(internStrings(c, this.strings));
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
