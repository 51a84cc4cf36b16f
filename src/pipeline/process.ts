import type { ClaimContext } from '../claims/context.js';
import { extractDocumentClaims } from '../claims/extract.js';
import { paragraphOf } from '../extract/docx.js';
import { extractHtml } from '../extract/html.js';
import { extractMarkdown } from '../extract/markdown.js';
import type { ExtractResult } from '../extract/model.js';
import { decodeText, looksBinary } from '../sources/decode.js';
import { type Claim, isImageLocation, type Location, type ScanDocument } from '../types.js';
import type { CheckedUnit } from './rules-by-unit.js';

export interface ProcessedDocument {
  extract: ExtractResult;
  claims: Claim[];
  /**
   * The page's rules already ran in the thread that extracted it (extract-worker.ts): its
   * findings and the claims the cross-document rules keep; its segments and claims are not sent.
   */
  checked?: CheckedUnit;
  /** the thread that extracted it found it in the results cache (a thread that runs the rules looks it up) */
  reused?: boolean;
}

/** A Word draft's locations name paragraphs (its HTML has one paragraph per line). */
const asParagraph = (l: Location): Location => (isImageLocation(l) ? l : paragraphOf(l));

/**
 * A document's extraction done elsewhere (and whether it was also stored in the results cache
 * there), or 'defer': do not extract it here.
 */
const preExtracted = new WeakMap<ScanDocument, { result: ProcessedDocument; stored: boolean } | 'defer'>();

class ExtractionDeferred extends Error {
  override name = 'ExtractionDeferred';
}

/**
 * Runs `fn`, a processor that ends in processTextDocument, for what it has without extracting:
 * its answer when something in front of extraction has one (a results cache hit), or undefined
 * when it would have extracted the document.
 */
export async function withoutExtraction<T>(doc: ScanDocument, fn: () => Promise<T>): Promise<T | undefined> {
  preExtracted.set(doc, 'defer');
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ExtractionDeferred) return undefined;
    throw error;
  } finally {
    preExtracted.delete(doc);
  }
}

/**
 * Runs `fn`, a processor that ends in processTextDocument (behind a results cache, say), with the
 * document already extracted elsewhere (in a thread, under the time budget): processTextDocument
 * then returns that extraction instead of doing the work again.
 */
export async function withExtraction<T>(
  doc: ScanDocument,
  extracted: ProcessedDocument,
  fn: () => Promise<T>,
  stored = false,
): Promise<T> {
  preExtracted.set(doc, { result: extracted, stored });
  try {
    return await fn();
  } finally {
    preExtracted.delete(doc);
  }
}

/**
 * The extraction a thread made and already wrote to the results cache: the cache in this thread
 * neither looks it up nor writes it again.
 */
export function storedElsewhere(doc: ScanDocument): ProcessedDocument | undefined {
  const done = preExtracted.get(doc);
  return done !== 'defer' && done?.stored ? done.result : undefined;
}

/**
 * A text document (HTML, Markdown, plain text) to claims. Throws only on undecodable input.
 * `converted` is the HTML a Word draft was converted to (src/extract/docx.ts).
 */
export function processTextDocument(
  doc: ScanDocument,
  ctx: ClaimContext,
  converted?: string,
): ProcessedDocument {
  const done = converted === undefined ? preExtracted.get(doc) : undefined;
  if (done === 'defer') throw new ExtractionDeferred('extracted elsewhere');
  if (done) return done.result;
  if (converted === undefined && looksBinary(doc.bytes)) throw new Error('not a text file (binary content)');
  const docx = converted !== undefined;
  const text =
    converted ?? decodeText(doc.bytes, { html: doc.kind === 'html', contentType: doc.mediaType }).text;
  const extract =
    doc.kind === 'html' || docx
      ? extractHtml(doc.uri, text)
      : extractMarkdown(doc.uri, text, { plainText: doc.kind === 'text' });
  if (docx) for (const s of extract.segments) s.location = asParagraph(s.location);
  const claims: Claim[] = extractDocumentClaims(extract.segments, ctx);
  for (const claim of claims) {
    if (doc.channel) claim.channel = doc.channel;
    if (docx) claim.evidence.location = asParagraph(claim.evidence.location);
  }
  return { extract, claims };
}
