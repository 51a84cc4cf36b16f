import { type Claim, type DocumentRecord, isImageLocation, type Location, type Segment } from '../types.js';
import { locationText } from './location-text.js';

/** What `claimlint extract` shows: what was read, before anything is checked. */
export interface Reading {
  tool: { name: string; version: string };
  specs: { product: string; revision: string }[];
  documents: DocumentRecord[];
  segments: Segment[];
  claims: Claim[];
}

interface SegmentOut {
  text: string;
  source: Segment['source'];
  location: Segment['location'];
  headings?: string[];
  claims: ClaimOut[];
}

type ClaimOut = Omit<Claim, 'uri' | 'evidence' | 'suppressions' | 'channel'> & { words: string };

function claimOut(c: Claim): ClaimOut {
  const { uri: _uri, evidence, suppressions: _s, channel: _c, ...rest } = c;
  return { ...rest, words: evidence.text.slice(evidence.span[0], evidence.span[1]) };
}

/** Segments of each document with the claims read from them, in document order. */
function byDocument(reading: Reading) {
  const docs = new Map<string, SegmentOut[]>();
  const index = new Map<string, SegmentOut>();
  for (const s of reading.segments) {
    const out: SegmentOut = {
      text: s.text,
      source: s.source,
      location: s.location,
      ...(s.headings?.length ? { headings: s.headings } : {}),
      claims: [],
    };
    const list = docs.get(s.uri) ?? [];
    docs.set(s.uri, list);
    list.push(out);
    const key = `${s.uri}\0${s.source}\0${s.text}`;
    if (!index.has(key)) index.set(key, out);
  }
  for (const c of reading.claims) {
    // A claim read from part of a segment (a cell of a "Label: a / b / c" line) goes with the
    // segment on its line; never dropped.
    const line = (l: Location) => (isImageLocation(l) ? undefined : l.line);
    const list = docs.get(c.uri) ?? [];
    const seg =
      index.get(`${c.uri}\0${c.evidence.source}\0${c.evidence.text}`) ??
      list.find((s) => line(s.location) !== undefined && line(s.location) === line(c.evidence.location));
    if (seg) seg.claims.push(claimOut(c));
    else {
      docs.set(c.uri, list);
      list.push({
        text: c.evidence.text,
        source: c.evidence.source,
        location: c.evidence.location,
        claims: [claimOut(c)],
      });
    }
  }
  return docs;
}

function json(reading: Reading): string {
  const docs = byDocument(reading);
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      tool: reading.tool,
      specs: reading.specs,
      documents: reading.documents.map((d) => ({ ...d, segments: docs.get(d.uri) ?? [] })),
    },
    null,
    2,
  )}\n`;
}

const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function describeClaim(c: ClaimOut, products: boolean): string {
  const bound = c.bound === 'upTo' ? 'up to ' : c.bound === 'from' ? 'from ' : '';
  const value = c.value !== undefined ? ` = ${bound}${c.value}${c.unit ? ` ${c.unit}` : ''}` : '';
  const cycle = c.cycle ? ` (${c.cycle})` : '';
  const items = c.items ? ` [${c.items.join(', ')}]` : '';
  const polarity = c.polarity === 'negated' ? 'NOT ' : '';
  const qualifier = c.qualifier ? ` ${c.qualifier}` : '';
  const scope: string[] = [];
  if (products && c.product)
    scope.push(`product ${c.product}${c.why?.productFrom ? ` (${c.why.productFrom})` : ''}`);
  if (c.allVariants) scope.push('every variant (said so)');
  else if (c.variants?.length) scope.push(`variants ${c.variants.join(',')} (${c.why?.variantsFrom ?? '?'})`);
  else if (c.variantLabel) scope.push(`column "${c.variantLabel}"`);
  const why: string[] = [];
  if (c.why?.term) why.push(`term "${c.why.term}"`);
  if (c.why?.cue) why.push(`cue "${c.why.cue}"`);
  if (c.why?.via) why.push(`via ${c.why.via}`);
  return `${polarity}${c.feature}${qualifier}${value}${cycle}${items}  "${clip(c.words, 40)}"${scope.length ? `  ${scope.join(' · ')}` : ''}${why.length ? `  [${why.join(', ')}]` : ''}`;
}

function table(reading: Reading, options: { segments: boolean }): string {
  const docs = byDocument(reading);
  const products = reading.specs.some((s) => s.product);
  const lines: string[] = [];
  let claims = 0;
  for (const d of reading.documents) {
    lines.push(`${d.uri}  (${d.kind}, ${d.status}${d.error ? `: ${d.error}` : ''})`);
    for (const s of docs.get(d.uri) ?? []) {
      if (!s.claims.length && !options.segments) continue;
      const where = `${locationText(s.location)} ${s.source}`;
      const conf =
        'confidence' in s.location && s.location.confidence !== undefined
          ? ` (conf ${Math.round(s.location.confidence)})`
          : '';
      lines.push(`  ${where}${conf}  ${clip(s.text, 90)}`);
      for (const c of s.claims) {
        claims++;
        lines.push(`      → ${describeClaim(c, products)}`);
      }
    }
    lines.push('');
  }
  lines.push(`${claims} claims in ${reading.documents.length} documents`);
  return `${lines.join('\n')}\n`;
}

export function formatReading(
  reading: Reading,
  format: 'table' | 'json',
  options: { segments: boolean; cwd: string },
) {
  return format === 'json' ? json(reading) : table(reading, options);
}
