import { decodeText } from '../../sources/decode.js';
import { checkZipExpansion } from '../../util/zip-limits.js';

/** A configuration sheet as rows of cell texts: the first row names the trims. */
export type Grid = string[][];

/** RFC 4180 CSV (quotes, doubled quotes, line breaks in quotes); `,` `;` or tab, whichever the header uses. */
export function parseCsv(text: string): Grid {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].sort(
    (a, b) => firstLine.split(b).length - firstLine.split(a).length,
  )[0]!;
  const rows: Grid = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim()));
}

/** A CSV file's bytes (UTF-8 with or without BOM, UTF-16, or GB18030 as Excel saves it in China). */
export function csvGrid(bytes: Uint8Array): Grid {
  let text: string;
  try {
    text = decodeText(bytes, { contentType: 'text/csv' }).text;
    // Not UTF-8 (no BOM said otherwise): Excel in China saves CSV as GB18030.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return parseCsv(text);
}

/** The first worksheet of an .xlsx workbook that has a header row and data rows. */
export async function xlsxGrid(bytes: Uint8Array): Promise<Grid> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs unzips the whole workbook in memory: a zip bomb is refused before it does.
    checkZipExpansion(bytes);
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new Error(`not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  for (const sheet of workbook.worksheets) {
    const grid: Grid = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '');
      grid.push(cells);
    });
    if (grid.length >= 2) return grid.filter((r) => r.some((c) => c.trim()));
  }
  throw new Error('the workbook has no sheet with a header row and data rows');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A sheet as an HTML table (header row of trims, one row per feature), so that it is read by the
 * same table extraction as a configuration page. A row with only a label is a section title.
 */
export function gridToHtml(grid: Grid): string {
  const width = Math.max(...grid.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array(width - r.length).fill('')].map((c) => c.trim());
  const [header, ...rows] = grid.map(pad);
  if (!header || width < 2) throw new Error('the sheet needs a label column and at least one trim column');
  const body = rows
    .filter((r) => r.slice(1).some(Boolean) || !r[0])
    .map((r) => `<tr>${r.map((c, i) => (i ? `<td>${esc(c)}</td>` : `<th>${esc(c)}</th>`)).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${header.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
}
