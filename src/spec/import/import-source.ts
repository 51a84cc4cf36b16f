import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ClaimData } from '../../claims/context.js';
import { decodeText, looksBinary } from '../../sources/decode.js';
import { type Draft, draftSpec } from './draft.js';
import { csvGrid, gridToHtml, xlsxGrid } from './sheet.js';

export const IMPORT_TYPES = ['.html', '.htm', '.xhtml', '.csv', '.tsv', '.txt', '.xlsx'];

/** A configuration page or sheet as HTML with its configuration table. */
export async function sourceHtml(path: string): Promise<string> {
  const ext = extname(path).toLowerCase();
  const bytes = new Uint8Array(await readFile(path));
  if (ext === '.xlsx') return gridToHtml(await xlsxGrid(bytes));
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return gridToHtml(csvGrid(bytes));
  if (looksBinary(bytes))
    throw new Error(`${basename(path)} is not a configuration page or sheet (binary content)`);
  return decodeText(bytes, { html: true }).text;
}

/** `claimlint spec import`: a configuration page, CSV or XLSX sheet to a draft spec. */
export async function importSpec(
  path: string,
  data: ClaimData,
  options: { source: string; date: string; productName?: string },
): Promise<Draft> {
  const html = await sourceHtml(path);
  const fallbackId = basename(path, extname(path));
  return draftSpec(html, data, { ...options, fallbackId });
}
