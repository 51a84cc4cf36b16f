import type { ClaimContext } from '../claims/context.js';
import { extractDocumentClaims } from '../claims/extract.js';
import { extractHtml } from '../extract/html.js';
import { extractMarkdown } from '../extract/markdown.js';
import type { ExtractResult } from '../extract/model.js';
import { decodeText, looksBinary } from '../sources/decode.js';
import type { Claim, ScanDocument } from '../types.js';

export interface ProcessedDocument {
  extract: ExtractResult;
  claims: Claim[];
}

/** A text document (HTML, Markdown, plain text) to claims. Throws only on undecodable input. */
export function processTextDocument(doc: ScanDocument, ctx: ClaimContext): ProcessedDocument {
  if (looksBinary(doc.bytes)) throw new Error('not a text file (binary content)');
  const { text } = decodeText(doc.bytes, { html: doc.kind === 'html', contentType: doc.mediaType });
  const extract =
    doc.kind === 'html'
      ? extractHtml(doc.uri, text)
      : extractMarkdown(doc.uri, text, { plainText: doc.kind === 'text' });
  const claims: Claim[] = extractDocumentClaims(extract.segments, ctx);
  if (doc.channel) for (const claim of claims) claim.channel = doc.channel;
  return { extract, claims };
}
