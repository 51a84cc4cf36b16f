import type { DocumentFacts } from '../check/rule.js';
import type { ClaimContext } from '../claims/context.js';
import { extractClaims } from '../claims/extract.js';
import { pdfSegments } from '../extract/pdf/layout.js';
import { DEFAULT_PDF_LIMITS, type PdfLimits, readPdf } from '../extract/pdf/read.js';
import type { Claim, ImageLocation, ScanDocument, Segment } from '../types.js';
import type { ImageTask } from './images.js';

export interface PdfOutcome {
  segments: Segment[];
  claims: Claim[];
  /** rendered pages and pictures, for the OCR path (they come back as segments of the PDF) */
  ocrTasks: ImageTask[];
  /** pages that could not be read (no text layer while OCR is off) */
  notes: DocumentFacts[];
}

const boxOf = (c: Claim) => c.evidence.location as ImageLocation;
const overlaps = (a: ImageLocation, b: ImageLocation) =>
  a.page === b.page &&
  Math.min(a.bbox.x1, b.bbox.x1) > Math.max(a.bbox.x0, b.bbox.x0) &&
  Math.min(a.bbox.y1, b.bbox.y1) > Math.max(a.bbox.y0, b.bbox.y0);

/**
 * What OCR reads in a picture that the text layer already says at the same place is not claimed
 * twice: a scanned page with an invisible OCR text layer, or text set over a photo.
 */
function sayTwice(textClaims: Claim[]) {
  return (c: Claim) =>
    textClaims.some(
      (t) =>
        t.feature === c.feature &&
        t.polarity === c.polarity &&
        t.value === c.value &&
        overlaps(boxOf(t), boxOf(c)),
    );
}

/** A claim from the text layer is not OCR: it carries no confidence. */
function withoutConfidence(claim: Claim): Claim {
  const loc = claim.evidence.location as ImageLocation;
  if (claim.evidence.source === 'ocr' || loc.confidence === undefined) return claim;
  const { confidence: _confidence, ...rest } = loc;
  return { ...claim, evidence: { ...claim.evidence, location: rest } };
}

/**
 * A PDF to claims: the text layer read in reading order, with page and box; pages without a text
 * layer and pictures on the other pages rendered and handed to the OCR path, whose findings land
 * on the PDF at the right page. Throws (an input error) when the PDF cannot be read at all.
 */
export async function processPdf(
  doc: ScanDocument,
  ctx: ClaimContext,
  options: {
    limits?: PdfLimits;
    /** read text in pictures */
    ocr: boolean;
    /** render pictures at all: for OCR, or to match them with the asset registry */
    render: boolean;
  },
): Promise<PdfOutcome> {
  const content = await readPdf(doc.bytes, options.limits ?? DEFAULT_PDF_LIMITS, options.render);
  const segments = pdfSegments(doc.uri, content.pages);
  const claims = segments.flatMap((s) =>
    extractClaims(s, ctx).map((c) => {
      const claim = withoutConfidence(c);
      return doc.channel ? { ...claim, channel: doc.channel } : claim;
    }),
  );
  const pageHeading = segments[0]?.pageHeading;
  const sizes = new Map(content.pages.map((p) => [p.page, p]));
  const owner = {
    ...(doc.channel ? { channel: doc.channel } : {}),
    ...(doc.owner ? { owner: doc.owner } : {}),
  };
  const counts = new Map<number, number>();
  const ocrTasks = content.renders.map((r): ImageTask => {
    const page = sizes.get(r.page)!;
    const k = (counts.get(r.page) ?? 0) + 1;
    counts.set(r.page, k);
    const bbox = {
      x0: Math.round(r.region.x0),
      y0: Math.round(r.region.y0),
      x1: Math.round(r.region.x1),
      y1: Math.round(r.region.y1),
    };
    return {
      uri: r.why === 'no text layer' ? `${doc.uri}#page=${r.page}` : `${doc.uri}#page=${r.page}&picture=${k}`,
      load: async () => r.png,
      parentUri: doc.uri,
      parentLocation: { page: r.page, bbox, width: page.width, height: page.height },
      ...(pageHeading ? { pageHeading } : {}),
      ...owner,
      exclude: sayTwice(claims.filter((c) => boxOf(c).page === r.page)),
      pdf: {
        uri: doc.uri,
        page: r.page,
        x0: r.region.x0,
        y0: r.region.y0,
        scale: r.scale,
        width: page.width,
        height: page.height,
      },
    };
  });
  const notes: DocumentFacts[] = options.ocr
    ? []
    : content.pagesWithoutText.map((n) => {
        const page = sizes.get(n)!;
        return {
          record: {
            uri: `${doc.uri}#page=${n}`,
            kind: 'image',
            sha256: '',
            status: 'skipped',
            parentUri: doc.uri,
            error: `page ${n} has no text layer (a picture or a scan) and OCR is off: not read`,
            ...owner,
          },
          location: {
            page: n,
            bbox: { x0: 0, y0: 0, x1: page.width, y1: page.height },
            width: page.width,
            height: page.height,
          },
          suppressionProblems: [],
        };
      });
  return { segments, claims, ocrTasks, notes };
}
