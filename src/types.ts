// The data that flows through the pipeline (design.md "Pipeline"):
// Document -> Segment -> Claim -> Finding -> Report. Every stage after sources/ is a pure
// function of these shapes, so they are plain serialisable objects.

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** 'other': a file of a type claimlint does not read, listed as skipped */
export type DocumentKind = 'html' | 'markdown' | 'text' | 'image' | 'pdf' | 'docx' | 'other';

export type DocumentStatus = 'ok' | 'error' | 'skipped';

export interface ScanDocument {
  uri: string;
  kind: DocumentKind;
  bytes: Uint8Array;
  sha256: string;
  channel?: string;
  owner?: string;
  parentUri?: string;
  /** where in the parent the document was referenced (an image's element) */
  parentLocation?: TextLocation;
  mediaType?: string;
}

export interface TextLocation {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  selector?: string;
  /** a Word draft: the paragraph (block) number, which is also `line` */
  paragraph?: number;
}

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ImageLocation {
  /** a PDF: the page (1-based); bbox is then in PDF points from the page's top-left corner */
  page?: number;
  bbox: BBox;
  confidence?: number;
  width?: number;
  height?: number;
}

export type Location = TextLocation | ImageLocation;

export function isImageLocation(location: Location): location is ImageLocation {
  return 'bbox' in location;
}

export type SegmentSource = 'text' | 'heading' | 'alt' | 'title' | 'meta' | 'jsonld' | 'table' | 'ocr';

/** A table cell keeps its row label and the column header it sits under. */
export interface TableContext {
  rowLabel: string;
  columnHeader?: string;
  /** the table has one column per variant; columnHeader names the variant */
  variantColumns: boolean;
}

export interface Segment {
  uri: string;
  text: string;
  source: SegmentSource;
  location: Location;
  /** headings above the segment, nearest first */
  headings?: string[];
  /** the page's product/variant heading (h1 or title) */
  pageHeading?: string;
  table?: TableContext;
  /** offsets in `text` -> locations, for text assembled from several source nodes */
  pieces?: SegmentPiece[];
  /** rule ids suppressed for this segment, with the reason given */
  suppressions?: Suppression[];
  /** OCR words: where each sits in `text` and in the image */
  words?: OcrWord[];
  /** a heading's level (1-6; Markdown # count) */
  level?: number;
  /** ids of the elements that contain the segment, nearest first (cards, sections, articles) */
  blocks?: number[];
}

export interface OcrWord {
  offset: number;
  length: number;
  bbox: BBox;
  confidence: number;
}

export interface SegmentPiece {
  /** offset in Segment.text where this piece starts */
  offset: number;
  line: number;
  column: number;
}

export interface Suppression {
  rules: string[];
  reason: string;
  location: TextLocation;
  /** who approved the exception, and the day (YYYY-MM-DD) after which it stops suppressing */
  approvedBy?: string;
  expires?: string;
}

export type Polarity = 'asserted' | 'negated';
export type Qualifier = 'standard' | 'optional' | 'variant';

export interface Evidence {
  source: SegmentSource;
  /** the whole text of the segment the claim was found in */
  text: string;
  /** [start, end) of the words that carry the claim in `text` */
  span: [number, number];
  location: Location;
  /** a table cell's row label (and column header): what the cell's text is about */
  label?: string;
}

/** Why a claim was read the way it was: what `claimlint extract` shows. */
export interface ClaimReason {
  /** the lexicon term (or number cue) matched */
  term: string;
  /** the negation, question-answer or qualifier cue that set polarity or qualifier */
  cue?: string;
  /** where the variants came from */
  variantsFrom?:
    | 'clause'
    | 'sentence'
    | 'topic'
    | 'block'
    | 'heading'
    | 'page'
    | 'column'
    | 'row'
    | 'all-variants';
  /** where the product came from */
  productFrom?: 'clause' | 'sentence' | 'block' | 'heading' | 'page' | 'default';
  /** the claim was read from a heading's topic and its answer, or a question and its answer */
  via?: 'answer' | 'label';
}

export interface Claim {
  uri: string;
  feature: string;
  /** the product (spec id, or another product's name) the claim is about; absent = the run's only spec */
  product?: string;
  why?: ClaimReason;
  polarity: Polarity;
  value?: number;
  unit?: string;
  /** the value as written on the page, e.g. "9.98万" */
  valueText?: string;
  /** "up to N": compared against the best variant; "from N": against the lowest price */
  bound?: 'upTo' | 'from';
  /** a stated range ("21.98-28.98万元", "330/430 km"): the line-up's lowest and highest values */
  range?: [number, number];
  /** test cycle named with a range ("CLTC") */
  cycle?: string;
  /** extra numeric context, e.g. a state-of-charge window "30%-80%" */
  window?: [number, number];
  /** a list value (invoicing cities) */
  items?: string[];
  qualifier?: Qualifier;
  /** spec variant ids the claim is about; absent = every variant */
  variants?: string[];
  /** the variant as the page names it, when it does not match a spec variant */
  variantLabel?: string;
  /** true when the page says it applies to every variant ("全系标配") */
  allVariants?: boolean;
  /** relative error allowed by a unit conversion, added to the spec tolerance */
  conversionSlack?: number;
  evidence: Evidence;
  suppressions?: Suppression[];
  channel?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** the spec product id the finding is about */
  product?: string;
  feature?: string;
  variant?: string;
  claimed?: string;
  expected?: string;
  specPath?: string;
  uri: string;
  parentUri?: string;
  channel?: string;
  owner?: string;
  location: Location;
  evidence?: Evidence;
  /** a human should confirm: the claim rests on low-confidence OCR */
  review?: boolean;
  related?: { uri: string; channel?: string; location?: Location; text?: string }[];
  /** image-reuse: the registered asset the image matched */
  asset?: { file: string; distance: number; depicts?: string[] };
  fingerprint: string;
}

export interface DocumentRecord {
  uri: string;
  kind: DocumentKind;
  sha256: string;
  status: DocumentStatus;
  channel?: string;
  owner?: string;
  parentUri?: string;
  error?: string;
}

export interface SpecRef {
  product: string;
  revision: string;
  sha256: string;
  path?: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  /** the (first) spec checked; `specs` lists every spec of a run that checks several products */
  spec: SpecRef;
  specs?: SpecRef[];
  run: {
    startedAt: string;
    durationMs: number;
    asOf: string;
    shard?: { index: number; total: number };
    /** number of shard reports merged into this one */
    merged?: number;
    /** documents whose extraction was reused from the results cache (unchanged since a run before) */
    reused?: number;
  };
  documents: DocumentRecord[];
  findings: Finding[];
  summary: {
    error: number;
    warning: number;
    info: number;
    documents: number;
    /** documents listed but not read (a type claimlint does not read, OCR off, ...) */
    skipped?: number;
    suppressed: number;
    baselined?: number;
  };
  suppressed?: Finding[];
  /** findings a baseline accepted, and baseline entries that matched nothing */
  baseline?: {
    path?: string;
    accepted: number;
    stale: BaselineEntry[];
    /** entries past their expiry date: they no longer hide their finding */
    expired?: BaselineEntry[];
    /** entries still holding the placeholder reason */
    unexplained?: BaselineEntry[];
  };
  /** findings a baseline accepted, with who accepted them and until when */
  accepted?: AcceptedFinding[];
  /** a shard's claims, for cross-document rules when shards are merged */
  claims?: Claim[];
}

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  uri: string;
  feature?: string;
  message?: string;
  reason?: string;
  approvedBy?: string;
  /** YYYY-MM-DD: from the day after, the entry no longer hides its finding */
  expires?: string;
}

export interface AcceptedFinding extends Finding {
  acceptance: { reason?: string; approvedBy?: string; expires?: string };
}
