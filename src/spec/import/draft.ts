import type { ClaimContext, ClaimData } from '../../claims/context.js';
import { buildClaimContext } from '../../claims/context.js';
import { extractClaims } from '../../claims/extract.js';
import { findUnit } from '../../data/catalog.js';
import { extractHtml } from '../../extract/html.js';
import type { Claim, Segment } from '../../types.js';
import { parseSpec } from '../parse.js';

export interface DraftOptions {
  /** what the spec is imported from, for the header comment */
  source: string;
  /** YYYY-MM-DD: the date in the header and the revision */
  date: string;
  /** fallback product id (the source file's name) when the product name has no Latin letters */
  fallbackId: string;
  productName?: string;
}

export interface UnmappedRow {
  label: string;
  cells: string[];
}

export interface Draft {
  yaml: string;
  variants: string[];
  features: string[];
  unmapped: UnmappedRow[];
  /** rows that mapped but were left out or merged, and why */
  notes: string[];
}

type Availability = 'standard' | 'optional' | 'absent';
const RANK: Record<Availability, number> = { absent: 0, optional: 1, standard: 2 };

/** A YAML scalar that stays a string whatever it holds (names with ':' or '#', "yes", ...). */
const str = (s: string) => JSON.stringify(s);

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The words every trim name starts with ("雅阁 2023款 ..." -> "雅阁"): the product's name. */
function commonName(names: string[]): string | undefined {
  if (names.length < 2) return undefined;
  let prefix = names[0]!;
  for (const n of names.slice(1)) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const words = prefix.trim().split(/\s+/);
  // Only whole words: "雅阁 20" (two trims of 2022 and 2023) is "雅阁".
  const whole = names.every((n) => n.length === prefix.length || /\s/.test(n[prefix.length] ?? ' '))
    ? words
    : words.slice(0, -1);
  return whole.join(' ').trim() || undefined;
}

interface Collected {
  availability: Map<string, Map<string, Set<Availability>>>;
  values: Map<string, Map<string, Set<number>>>;
  rowsOf: Map<string, Set<string>>;
}

/** One claim's contribution: availability per variant, or a value in the canonical unit. */
function collect(c: Claim, variants: string[], out: Collected, ctx: ClaimContext, label: string) {
  const kind = ctx.catalog.get(c.feature)?.kind;
  const targets = c.variants?.length ? c.variants : variants;
  out.rowsOf.set(c.feature, (out.rowsOf.get(c.feature) ?? new Set()).add(label));
  if (kind === 'number' && c.value !== undefined && c.polarity === 'asserted') {
    const unit = c.unit ? findUnit(c.unit) : undefined;
    const catalogUnit = ctx.catalog.get(c.feature)?.unit;
    // Values are written in the feature's canonical unit: "17.98万" is 179800 CNY.
    const canonical = unit && c.unit !== catalogUnit ? c.value * unit.factor : c.value;
    const value = Math.round(canonical * 1000) / 1000;
    const byVariant = out.values.get(c.feature) ?? new Map<string, Set<number>>();
    for (const v of targets) byVariant.set(v, (byVariant.get(v) ?? new Set()).add(value));
    out.values.set(c.feature, byVariant);
    return;
  }
  if (kind !== 'equipment') return;
  const a: Availability =
    c.polarity === 'negated' ? 'absent' : c.qualifier === 'optional' ? 'optional' : 'standard';
  const byVariant = out.availability.get(c.feature) ?? new Map<string, Set<Availability>>();
  for (const v of targets) byVariant.set(v, (byVariant.get(v) ?? new Set()).add(a));
  out.availability.set(c.feature, byVariant);
}

/** The configuration table segments of a page: the comparison grid if there is one. */
function tableSegments(segments: Segment[]): { segments: Segment[]; variants: string[] } {
  const grid = segments.filter((s) => s.table?.variantColumns && s.table.columnHeader);
  if (grid.length) {
    const variants = [...new Set(grid.map((s) => s.table!.columnHeader!))];
    return { segments: grid, variants };
  }
  return { segments: segments.filter((s) => s.table), variants: [] };
}

/**
 * A draft spec from a configuration table (a page's table or div grid, or a sheet turned into a
 * table): one variant per trim column, and each row read exactly as a scan reads it (the same
 * lexicon, marks ●/○/-, units from the row label), so that scanning the page against its draft
 * finds nothing. Rows that say nothing the lexicon knows are kept as comments.
 */
export function draftSpec(html: string, data: ClaimData, options: DraftOptions): Draft {
  const extracted = extractHtml(options.source, html);
  const { segments, variants: names } = tableSegments(extracted.segments);
  if (!segments.length)
    throw new Error('no configuration table found (a <table>, a definition list or a div grid)');
  const ids = names.map((_, i) => `v${i + 1}`);
  const productName =
    options.productName || commonName(names) || extracted.segments[0]?.pageHeading || options.fallbackId;
  const productId = slug(productName) || slug(options.fallbackId) || 'product';
  const variantYaml = names.map((n, i) => `  - { id: ${ids[i]}, name: ${str(n)} }`).join('\n');
  const head = [
    'schemaVersion: 1',
    `product: { id: ${productId}, name: ${str(productName)} }`,
    `revision: ${str(`imported-${options.date}`)}`,
    'currency: CNY',
    ...(names.length ? ['variants:', variantYaml] : []),
  ];
  // The variants alone, so that cells are read against them as a scan would.
  const skeleton = parseSpec(`${head.join('\n')}\nfeatures: {}\n`, options.source);
  const ctx = buildClaimContext(data, skeleton);

  const collected: Collected = { availability: new Map(), values: new Map(), rowsOf: new Map() };
  const rows = new Map<string, { cells: string[]; mapped: boolean }>();
  const all = ids.length ? ids : ['*'];
  for (const s of segments) {
    const label = s.table!.rowLabel;
    const row = rows.get(label) ?? { cells: [], mapped: false };
    row.cells.push(s.text);
    rows.set(label, row);
    for (const c of extractClaims(s, ctx)) {
      collect(c, all, collected, ctx, label);
      row.mapped = true;
    }
  }

  const notes: string[] = [];
  const features: string[] = [];
  const lines: string[] = [];
  const variantList = (vs: string[]) => `[${vs.join(', ')}]`;
  const keys = [...new Set([...collected.availability.keys(), ...collected.values.keys()])].sort();
  for (const key of keys) {
    const from = [...(collected.rowsOf.get(key) ?? [])].join(', ');
    const values = collected.values.get(key);
    if (values) {
      const conflict = [...values.entries()].find(([, set]) => set.size > 1);
      if (conflict) {
        notes.push(
          `${key}: left out: rows ${from} give different values (${[...conflict[1]].join(' / ')}) for one trim`,
        );
        continue;
      }
      const per = all.filter((v) => values.has(v)).map((v) => [v, [...values.get(v)!][0]!] as const);
      const unit = ctx.catalog.get(key)?.unit;
      const unitYaml = unit && findUnit(unit) ? `, unit: ${str(unit)}` : '';
      const same = per.length === all.length && per.every(([, n]) => n === per[0]![1]);
      const value =
        same || !ids.length ? String(per[0]![1]) : `{ ${per.map(([v, n]) => `${v}: ${n}`).join(', ')} }`;
      lines.push(`  ${key}: { value: ${value}${unitYaml} } # from ${from}`);
      features.push(key);
      continue;
    }
    const byVariant = collected.availability.get(key)!;
    const best = (v: string): Availability => {
      const set = byVariant.get(v);
      if (!set) return 'absent';
      return [...set].sort((a, b) => RANK[b] - RANK[a])[0]!;
    };
    if (all.some((v) => (byVariant.get(v)?.size ?? 0) > 1))
      notes.push(`${key}: rows ${from} disagree for some trims: the draft takes the most generous reading`);
    const standard = all.filter((v) => best(v) === 'standard');
    const optional = all.filter((v) => best(v) === 'optional');
    let value: string;
    if (standard.length === all.length) value = 'standard';
    else if (optional.length === all.length) value = 'optional';
    else if (!standard.length && !optional.length) value = 'absent';
    else
      value = `{ ${[standard.length ? `standard: ${variantList(standard)}` : '', optional.length ? `optional: ${variantList(optional)}` : ''].filter(Boolean).join(', ')} }`;
    lines.push(`  ${key}: ${value} # from ${from}`);
    features.push(key);
  }

  const unmapped = [...rows.entries()]
    .filter(([, r]) => !r.mapped)
    .map(([label, r]) => ({ label, cells: r.cells }));
  const comment = (s: string) => s.replace(/\s+/g, ' ').slice(0, 160);
  const yaml = [
    `# Drafted by \`claimlint spec import\` from ${options.source} on ${options.date}.`,
    '# Every value is what the source says; review it before it becomes the authoritative spec.',
    ...(notes.length ? ['#', '# Notes:', ...notes.map((n) => `#   ${comment(n)}`)] : []),
    ...head,
    lines.length ? 'features:' : 'features: {}',
    ...lines,
    ...(unmapped.length
      ? [
          '',
          `# ${unmapped.length} rows not mapped to a feature key. To check one, add a custom key with its words:`,
          '#   rear_fog_lamp: { availability: standard, terms: { zh: [后雾灯] } }',
          ...unmapped.map((r) => `#   ${comment(`${r.label}: ${r.cells.join(' | ')}`)}`),
        ]
      : []),
    '',
  ].join('\n');
  return { yaml, variants: names, features, unmapped, notes };
}
