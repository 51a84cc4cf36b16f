import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ClaimData } from '../../claims/context.js';
import { decodeText, looksBinary } from '../../sources/decode.js';
import type { Fetcher } from '../../sources/http/fetcher.js';
import { type Draft, draftSpec } from './draft.js';
import { csvGrid, gridToHtml, xlsxGrid } from './sheet.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A configuration page or sheet as HTML with its configuration table. */
export async function sourceHtml(bytes: Uint8Array, name: string, contentType?: string): Promise<string> {
  const ext = extname(name.split(/[?#]/)[0] ?? name).toLowerCase();
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (ext === '.xlsx' || type === XLSX_TYPE) return gridToHtml(await xlsxGrid(bytes));
  if (['.csv', '.tsv', '.txt'].includes(ext) || type === 'text/csv' || type === 'text/tab-separated-values')
    return gridToHtml(csvGrid(bytes));
  if (looksBinary(bytes))
    throw new Error(`${basename(name)} is not a configuration page or sheet (binary content)`);
  return decodeText(bytes, { html: true, ...(contentType ? { contentType } : {}) }).text;
}

/**
 * `claimlint spec import`: a configuration page, CSV or XLSX sheet, a file or a URL (fetched
 * under the crawler's rules), to a draft spec.
 */
export async function importSpec(
  source: string,
  data: ClaimData,
  options: { path?: string; fetcher?: Fetcher; date: string; productName?: string },
): Promise<Draft> {
  let html: string;
  if (/^https?:\/\//i.test(source)) {
    if (!options.fetcher) throw new Error('fetching a URL needs a fetcher');
    const res = await options.fetcher.fetch(source);
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
    html = await sourceHtml(res.bytes, new URL(res.finalUrl).pathname, res.contentType);
  } else {
    const path = options.path ?? source;
    html = await sourceHtml(new Uint8Array(await readFile(path)), path);
  }
  const name = basename(source.split(/[?#]/)[0]!.replace(/\/+$/, '')) || 'product';
  const fallbackId = basename(name, extname(name));
  return draftSpec(html, data, {
    source,
    date: options.date,
    fallbackId,
    ...(options.productName ? { productName: options.productName } : {}),
  });
}
