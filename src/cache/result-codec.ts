import type { ProcessedDocument } from '../pipeline/process.js';
import type { Claim, Evidence, Segment } from '../types.js';

// V8's serialisation writes a string out in full each time it meets it (it shares objects, not
// strings). A page's result repeats a few strings hundreds of times: its URI in every segment and
// claim, its heading in every segment, and in each claim's evidence the whole text and selector of
// the segment it was read from. Packed, each of those is a small number that points at its one
// copy; a page's result is then about a third smaller to encode, store and decode, and the claims
// decoded share their segments' strings. Exact: unpack(pack(r)) deep-equals r.

/** Stands for the result's URI or page heading. */
const SAME = 0;

interface PackedEvidence extends Omit<Evidence, 'text'> {
  text: string | number;
}

interface Packed {
  packed: 1;
  uri: string | undefined;
  pageHeading: string | undefined;
  result: ProcessedDocument;
}

const isPacked = (v: unknown): v is Packed => (v as Packed | undefined)?.packed === 1;

export function pack(result: ProcessedDocument): Packed {
  const { segments } = result.extract;
  const uri = segments[0]?.uri ?? result.claims[0]?.uri;
  const pageHeading = segments[0]?.pageHeading;
  const byText = new Map<string, number>();
  segments.forEach((s, i) => {
    if (!byText.has(s.text)) byText.set(s.text, i);
  });
  const packedSegments = segments.map((s) => {
    if (s.uri !== uri && (pageHeading === undefined || s.pageHeading !== pageHeading)) return s;
    const copy = { ...s } as Record<string, unknown>;
    if (s.uri === uri) copy.uri = SAME;
    if (pageHeading !== undefined && s.pageHeading === pageHeading) copy.pageHeading = SAME;
    return copy as unknown as Segment;
  });
  const claims = result.claims.map((c) => {
    const copy = { ...c } as Record<string, unknown>;
    if (c.uri === uri) copy.uri = SAME;
    // (A result from elsewhere may hold a claim without evidence: it is kept as it is.)
    const at = c.evidence ? byText.get(c.evidence.text) : undefined;
    if (at !== undefined) {
      const evidence: PackedEvidence = { ...c.evidence, text: at + 1 };
      const location = c.evidence.location as { selector?: unknown };
      const own = segments[at]!.location as { selector?: unknown };
      if (typeof location.selector === 'string' && location.selector === own.selector)
        evidence.location = { ...c.evidence.location, selector: SAME } as unknown as Evidence['location'];
      copy.evidence = evidence;
    }
    return copy as unknown as Claim;
  });
  return {
    packed: 1,
    uri,
    pageHeading,
    result: { ...result, extract: { ...result.extract, segments: packedSegments }, claims },
  };
}

/** The result `pack` was given. Changes the packed objects in place: they are fresh from decoding. */
export function unpack(value: unknown): ProcessedDocument {
  if (!isPacked(value)) return value as ProcessedDocument;
  const { uri, pageHeading, result } = value;
  const segments = result.extract.segments as unknown as Record<string, unknown>[];
  for (const s of segments) {
    if (s.uri === SAME) s.uri = uri;
    if (s.pageHeading === SAME) s.pageHeading = pageHeading;
  }
  for (const c of result.claims as unknown as Record<string, unknown>[]) {
    if (c.uri === SAME) c.uri = uri;
    const evidence = c.evidence as PackedEvidence | undefined;
    if (typeof evidence?.text === 'number') {
      const segment = result.extract.segments[evidence.text - 1]!;
      evidence.text = segment.text;
      const location = evidence.location as { selector?: unknown };
      if (location.selector === SAME)
        location.selector = (segment.location as { selector?: string }).selector;
    }
  }
  return result;
}
