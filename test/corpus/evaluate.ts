// The claim-level evaluation of test/corpus (see its README): each document is scanned as a user
// would scan it, and what claimlint read and found is compared with what a careful reader annotated.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { RULES } from '../../src/check/index.js';
import { loadPacks, resolveSeverities } from '../../src/config/packs.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { scan } from '../../src/pipeline/scan.js';
import { loadSpec } from '../../src/spec/load.js';
import type { NormalizedSpec } from '../../src/spec/model.js';
import type { Claim, Finding } from '../../src/types.js';

export const CORPUS = dirname(fileURLToPath(import.meta.url));
export const REAL_PAGES = resolve(CORPUS, '../../../shared/real-pages');

export interface ExpectedClaim {
  feature: string;
  polarity?: 'asserted' | 'negated';
  value?: number;
  unit?: string;
  variants?: string[];
  product?: string;
  allVariants?: boolean;
}

export interface ExpectedFinding {
  rule: string;
  feature?: string;
  variant?: string;
  severity?: string;
  term?: string;
  product?: string;
}

export interface Annotation {
  specs: string[];
  otherProducts?: string[];
  asOf?: string;
  packs?: string[];
  claims: ExpectedClaim[] | 'unannotated';
  findings: ExpectedFinding[];
  realPage?: string;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface DocResult {
  id: string;
  path: string;
  claimMisses: ExpectedClaim[];
  claimExtras: Claim[];
  findingMisses: ExpectedFinding[];
  findingExtras: Finding[];
  claimsByKind: Record<string, Tally>;
  findingsByRule: Record<string, Tally>;
}

export interface EvalResult {
  documents: DocResult[];
  claims: Record<string, Tally>;
  findings: Record<string, Tally>;
  skipped: string[];
}

const add = (t: Record<string, Tally>, key: string, field: keyof Tally, n = 1) => {
  t[key] ??= { tp: 0, fp: 0, fn: 0 };
  t[key][field] += n;
};

export const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
export const recall = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);

export function total(t: Record<string, Tally>): Tally {
  const out = { tp: 0, fp: 0, fn: 0 };
  for (const v of Object.values(t)) {
    out.tp += v.tp;
    out.fp += v.fp;
    out.fn += v.fn;
  }
  return out;
}

/** The annotated documents: docs/*.expect.yaml beside their document, real/*.expect.yaml. */
export function listCorpus(): { id: string; annotation: Annotation; path: string | undefined }[] {
  const out: { id: string; annotation: Annotation; path: string | undefined }[] = [];
  for (const dir of ['docs', 'real']) {
    const folder = join(CORPUS, dir);
    if (!existsSync(folder)) continue;
    const files = readdirSync(folder).sort();
    for (const f of files.filter((x) => x.endsWith('.expect.yaml'))) {
      const annotation = parse(readFileSync(join(folder, f), 'utf8')) as Annotation;
      const base = f.slice(0, -'.expect.yaml'.length);
      const path = annotation.realPage
        ? resolve(REAL_PAGES, annotation.realPage)
        : files
            .filter((x) => x.startsWith(`${base}.`) && !x.endsWith('.expect.yaml'))
            .map((x) => join(folder, x))[0];
      out.push({ id: `${dir}/${base}`, annotation, path });
    }
  }
  return out;
}

const kindOf = (feature: string) => {
  const kind =
    bundledClaimData().catalog.get(feature.split('.')[0]!)?.kind ??
    bundledClaimData().catalog.get(feature)?.kind;
  if (feature.includes('.') || kind === 'offer' || kind === 'restriction') return 'offer';
  return kind === 'number' ? 'number' : 'equipment';
};

function variantSet(variants: string[] | undefined, spec: NormalizedSpec | undefined): string {
  const all = spec?.variants.map((v) => v.id) ?? [];
  const list = variants?.length ? variants : all;
  return [...new Set(list)].sort().join(',');
}

function claimMatches(e: ExpectedClaim, c: Claim, specs: NormalizedSpec[]): boolean {
  if (e.feature !== c.feature) return false;
  if ((e.polarity ?? 'asserted') !== c.polarity) return false;
  if (e.value !== undefined) {
    if (c.value === undefined) return false;
    if (Math.abs(c.value - e.value) > Math.max(0.5, Math.abs(e.value) * 0.01)) return false;
  }
  const product = e.product ?? (specs.length === 1 ? specs[0]!.product.id : undefined);
  const claimProduct = c.product ?? (specs.length === 1 ? specs[0]!.product.id : undefined);
  if (product !== claimProduct) return false;
  const spec = specs.find((s) => s.product.id === product);
  // "up to 650 km" / "from ¥219,800" without a trim is about the best / cheapest trim: the same claim
  // as "650 km on the Long Range" when that trim is the one.
  if (c.bound && !c.variants?.length && e.value !== undefined) return true;
  if (e.allVariants) return !!c.allVariants || variantSet(c.variants, spec) === variantSet(undefined, spec);
  return variantSet(e.variants, spec) === variantSet(c.variants, spec);
}

function findingMatches(e: ExpectedFinding, f: Finding, specs: NormalizedSpec[]): boolean {
  if (e.rule !== f.ruleId) return false;
  if (e.feature && e.feature !== f.feature) return false;
  if (e.severity && e.severity !== f.severity) return false;
  if (e.product && f.product && e.product !== f.product) return false;
  if (e.term) {
    const words = f.evidence ? f.evidence.text.slice(f.evidence.span[0], f.evidence.span[1]) : f.message;
    if (!words.includes(e.term) && !f.message.includes(e.term)) return false;
  }
  if (e.variant) {
    const names = specs.flatMap((s) => s.variants.filter((v) => v.id === e.variant).map((v) => v.name));
    const text = f.variant ?? '';
    if (!text.includes(e.variant) && !names.some((n) => text.includes(n))) return false;
  }
  return true;
}

/** A table row states one claim whatever the number of columns marked: one claim naming the columns. */
function mergeRows(claims: Claim[], specs: NormalizedSpec[]): Claim[] {
  const rows = new Map<string, Claim>();
  const out: Claim[] = [];
  for (const c of claims) {
    if (c.evidence.source !== 'table' || !c.variants?.length) {
      out.push(c);
      continue;
    }
    const key = [
      c.evidence.label ?? '',
      c.feature,
      c.polarity,
      c.qualifier ?? '',
      c.value ?? '',
      c.product ?? '',
    ].join('|');
    const row = rows.get(key);
    if (!row) {
      const copy = { ...c, variants: [...c.variants] };
      rows.set(key, copy);
      out.push(copy);
    } else row.variants = [...new Set([...row.variants!, ...c.variants])];
  }
  for (const c of rows.values()) {
    const spec = specs.find((s) => s.product.id === c.product) ?? (specs.length === 1 ? specs[0] : undefined);
    if (spec && c.variants!.length === spec.variants.length) delete c.variants;
  }
  return out;
}

/** Claims about the run's products, once each (a page that says it twice claims it once). */
function distinctClaims(all: Claim[], specs: NormalizedSpec[]): Claim[] {
  const ids = new Set(specs.map((s) => s.product.id));
  const seen = new Set<string>();
  const claims = mergeRows(all, specs);
  return claims.filter((c) => {
    if (c.product && !ids.has(c.product)) return false;
    const key = [
      c.feature,
      c.polarity,
      c.value ?? '',
      (c.variants ?? []).slice().sort().join(','),
      c.product ?? '',
      c.allVariants ? 'all' : '',
    ].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function evaluateDocument(id: string, annotation: Annotation, path: string): Promise<DocResult> {
  const specs = await Promise.all(annotation.specs.map((s) => loadSpec(join(CORPUS, 'specs', s))));
  const packs = await loadPacks(annotation.packs ?? ['recommended']);
  let claims: Claim[] = [];
  const report = await scan({
    cwd: CORPUS,
    inputs: [path],
    spec: specs[0]!,
    specs,
    otherProducts: annotation.otherProducts ?? [],
    asOf: annotation.asOf ?? '2025-12-15',
    data: bundledClaimData(),
    toolVersion: 'eval',
    packs,
    severities: resolveSeverities(
      packs,
      {},
      RULES.map((r) => r.meta.id),
    ),
    onRead: (read) => {
      claims = read.claims;
    },
  });
  const result: DocResult = {
    id,
    path,
    claimMisses: [],
    claimExtras: [],
    findingMisses: [],
    findingExtras: [],
    claimsByKind: {},
    findingsByRule: {},
  };
  if (annotation.claims !== 'unannotated') {
    const remaining = distinctClaims(claims, specs);
    for (const e of annotation.claims ?? []) {
      const i = remaining.findIndex((c) => claimMatches(e, c, specs));
      if (i >= 0) {
        remaining.splice(i, 1);
        add(result.claimsByKind, kindOf(e.feature), 'tp');
      } else {
        result.claimMisses.push(e);
        add(result.claimsByKind, kindOf(e.feature), 'fn');
      }
    }
    for (const c of remaining) {
      result.claimExtras.push(c);
      add(result.claimsByKind, kindOf(c.feature), 'fp');
    }
  }
  const found = [...report.findings];
  for (const e of annotation.findings ?? []) {
    const i = found.findIndex((f) => findingMatches(e, f, specs));
    if (i >= 0) {
      found.splice(i, 1);
      add(result.findingsByRule, e.rule, 'tp');
    } else {
      result.findingMisses.push(e);
      add(result.findingsByRule, e.rule, 'fn');
    }
  }
  for (const f of found) {
    result.findingExtras.push(f);
    add(result.findingsByRule, f.ruleId, 'fp');
  }
  return result;
}

export async function evaluateCorpus(filter?: (id: string) => boolean): Promise<EvalResult> {
  const out: EvalResult = { documents: [], claims: {}, findings: {}, skipped: [] };
  for (const { id, annotation, path } of listCorpus()) {
    if (filter && !filter(id)) continue;
    if (!path || !existsSync(path)) {
      out.skipped.push(id);
      continue;
    }
    const r = await evaluateDocument(id, annotation, path);
    out.documents.push(r);
    for (const [k, t] of Object.entries(r.claimsByKind))
      for (const f of ['tp', 'fp', 'fn'] as const) add(out.claims, k, f, t[f]);
    for (const [k, t] of Object.entries(r.findingsByRule))
      for (const f of ['tp', 'fp', 'fn'] as const) add(out.findings, k, f, t[f]);
  }
  return out;
}
