import { checkZipExpansion, DEFAULT_ZIP_LIMITS, type ZipLimits } from '../util/zip-limits.js';
import type { load as Load } from './cheerio-load-parse5.js';

// Blocks that start a new paragraph number: each goes on its own line of the HTML, so that the
// HTML extraction's line numbers are the draft's paragraph numbers.
const BLOCK = /<(p|h[1-6]|li)(?=[\s>])/g;

/**
 * A Word draft (.docx) as HTML (mammoth), one paragraph per line: headings, paragraphs, list
 * items and table cells keep their structure, pictures are inlined as data: URIs and go through
 * OCR like a page's images. A file that is not a .docx (not a zip, no document part) throws, and
 * so does one that unzips past the limit: mammoth unzips it whole in memory, so the archive is
 * measured first (see checkZipExpansion).
 */
export async function docxToHtml(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  let html: string;
  try {
    checkZipExpansion(bytes, limits);
    // Loaded on first use: most runs have no Word draft.
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (error) {
    const reason = (error as Error)?.message ?? String(error);
    throw new Error(`not a readable Word document (.docx): ${reason.split('\n')[0]}`);
  }
  // Loaded on first use too: parse5 is start-up that a run without Word drafts never needs.
  const { load } = await import('./cheerio-load-parse5.js');
  const lines = headerRows(html, load)
    .replace(BLOCK, (m) => `\n${m}`)
    .replace(/^\n+/, '');
  return lines;
}

/**
 * Word tables rarely mark their header row: a table of three or more columns is read as a
 * comparison table whose first row names the columns (the trims), as it is written.
 */
function headerRows(html: string, load: typeof Load): string {
  const $ = load(html, null, false);
  $('table').each((_, table) => {
    const t = $(table);
    if (t.children('thead').length) return;
    const first = t.find('tr').first();
    if (first.children('td,th').length < 3) return;
    first.children('td').each((__, td) => {
      td.tagName = 'th';
    });
    t.prepend($('<thead></thead>').append(first));
  });
  return $.html();
}

/** Paragraph numbers for a Word draft's locations: the line of its one-paragraph-per-line HTML. */
export function paragraphOf<T extends { line: number }>(location: T): T & { paragraph: number } {
  return { ...location, paragraph: location.line };
}
