import type { Document, Element } from 'domhandler';
import {
  classes,
  elementChildren,
  firstElementChild,
  isElement,
  isHidden,
  SKIP_TAGS,
  textOf,
} from './dom.js';

export interface TableCell {
  el: Element;
  /** the text of the column header this cell sits under */
  header?: string;
}

export interface TableRow {
  label: string;
  labelEl: Element;
  cells: TableCell[];
}

export interface SpecTable {
  root: Element;
  rows: TableRow[];
  /** one column per variant (a comparison table), rather than label/value pairs */
  variantColumns: boolean;
  /** every element the table owns: the generic text walk skips them */
  owned: Set<Element>;
}

function allElements(root: Document | Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    if (SKIP_TAGS.has(el.name) || isHidden(el)) return;
    out.push(el);
    for (const c of elementChildren(el)) visit(c);
  };
  for (const c of root.children) if (isElement(c)) visit(c);
  return out;
}

function markOwned(el: Element, owned: Set<Element>) {
  owned.add(el);
  for (const c of elementChildren(el)) markOwned(c, owned);
}

/** Header text of a column: a trim's title attribute or heading, not the buttons around it. */
function headerText(cell: Element): string {
  const stack = [cell];
  while (stack.length) {
    const el = stack.shift()!;
    if (el.attribs.title && el.name === 'a') return el.attribs.title.trim();
    if (/^h[1-6]$/.test(el.name)) return textOf(el);
    stack.push(...elementChildren(el));
  }
  return textOf(cell);
}

// ---- <table> ---------------------------------------------------------------------------------

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element) => {
    for (const c of elementChildren(el)) {
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

/** Cells of a row with colspan expanded, so that cell i sits under header i. */
function expandedCells(row: Element): Element[] {
  const out: Element[] = [];
  for (const c of elementChildren(row)) {
    if (c.name !== 'td' && c.name !== 'th') continue;
    const span = Math.min(Number.parseInt(c.attribs.colspan ?? '1', 10) || 1, 50);
    for (let i = 0; i < span; i++) out.push(c);
  }
  return out;
}

function fromHtmlTable(table: Element): SpecTable | undefined {
  const rows = tableRows(table);
  if (rows.length < 1) return undefined;
  const grid = rows.map(expandedCells);
  const width = Math.max(...grid.map((r) => r.length));
  if (width < 2) return undefined;
  const first = grid[0]!;
  const headerRow =
    rows[0]!.parent && isElement(rows[0]!.parent) && rows[0]!.parent.name === 'thead'
      ? true
      : first.length === width && first.slice(1).every((c) => c.name === 'th') && first.length > 2;
  // Label/value tables (th + td, or two columns) have no column headers.
  const variantColumns = headerRow && width > 2;
  const headers = headerRow ? first.map((c) => headerText(c)) : [];
  const owned = new Set<Element>();
  markOwned(table, owned);
  const out: TableRow[] = [];
  grid.forEach((cells, i) => {
    if (headerRow && i === 0) return;
    if (cells.length < 2) return;
    const labelEl = cells[0]!;
    const label = textOf(labelEl);
    // A section row spanning the whole table is a sub-heading, not a feature.
    if (cells.every((c) => c === labelEl)) return;
    const seen = new Set<Element>();
    const tableCells: TableCell[] = [];
    cells.slice(1).forEach((el, j) => {
      if (el === labelEl) return;
      const header = headers[j + 1];
      if (seen.has(el) && !variantColumns) return;
      seen.add(el);
      tableCells.push({ el, ...(header ? { header } : {}) });
    });
    out.push({ label, labelEl, cells: tableCells });
  });
  return { root: table, rows: out, variantColumns, owned };
}

// ---- div grids -------------------------------------------------------------------------------

interface Candidate {
  el: Element;
  cells: Element[];
  key: string;
}

/** The class all children share ("table_col__3Pc3_"): what makes a div a row of cells. */
function rowKey(el: Element): string | undefined {
  const kids = elementChildren(el);
  if (kids.length < 2) return undefined;
  const tag = kids[0]!.name;
  if (!kids.every((k) => k.name === tag)) return undefined;
  let common = new Set(classes(kids[0]!));
  for (const k of kids.slice(1)) {
    const own = new Set(classes(k));
    common = new Set([...common].filter((c) => own.has(c)));
    if (!common.size) return undefined;
  }
  return `${tag}.${[...common].sort()[0]}`;
}

/** Column index of a cell: an explicit index in its style or data attributes, else its position. */
function columnIndex(cell: Element, position: number): number {
  const style = cell.attribs.style ?? '';
  const m = /--[\w-]*col[\w-]*index\s*:\s*(\d+)/i.exec(style);
  if (m) return Number(m[1]);
  const data = cell.attribs['data-col'] ?? cell.attribs['data-column'] ?? cell.attribs['data-index'];
  if (data && /^\d+$/.test(data)) return Number(data);
  return position;
}

function labelFor(row: Element, key: string): { el: Element; text: string } | undefined {
  // A nested row (several values of one feature) takes the label of the row it is nested in.
  let node: Element | null = row;
  while (node && isElement(node.parent)) {
    const parent: Element = node.parent;
    const firstSibling = firstElementChild(parent);
    if (firstSibling && firstSibling !== node && rowKey(parent) === key) {
      return { el: firstSibling, text: textOf(firstSibling) };
    }
    node = parent;
  }
  return undefined;
}

function fromGrids(root: Document): SpecTable[] {
  const candidates: Candidate[] = [];
  for (const el of allElements(root)) {
    if (el.name === 'table' || el.name === 'tr' || el.name === 'ul' || el.name === 'ol') continue;
    const key = rowKey(el);
    if (key) candidates.push({ el, cells: elementChildren(el), key });
  }
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const same = byKey.get(c.key);
    if (same) same.push(c);
    else byKey.set(c.key, [c]);
  }

  const tables: SpecTable[] = [];
  for (const [key, rows] of byKey) {
    // The width most rows share is the grid's: label column + one column per variant.
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
    const [width, count] = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (width < 3 || count < 3) continue;
    const main = rows.filter((r) => r.cells.length === width);
    const labels = main.map((r) => textOf(r.cells[0]!));
    // Labels are short names ("天窗类型"), not paragraphs: otherwise this is a card layout.
    if (labels.filter((l) => l.length > 0 && l.length <= 40).length < main.length / 2) continue;
    // A repeated legend ("●标配 ○选装 无" under every section title) has one label over and over.
    if (new Set(labels).size < Math.max(2, main.length / 2)) continue;
    const header = main[0]!;
    const headers = new Map<number, string>();
    header.cells.forEach((cell, i) => {
      headers.set(columnIndex(cell, i), headerText(cell));
    });
    const variantColumns = [...headers.entries()].filter(([i, t]) => i > 0 && t).length >= 2;
    const owned = new Set<Element>();
    for (const r of rows) markOwned(r.el, owned);
    const out: TableRow[] = [];
    for (const r of rows) {
      if (r === header) continue;
      let labelEl: Element;
      let label: string;
      let cells: Element[];
      let firstIndex: number;
      if (r.cells.length === width) {
        labelEl = r.cells[0]!;
        label = textOf(labelEl);
        cells = r.cells.slice(1);
        firstIndex = 1;
      } else if (r.cells.length === width - 1) {
        const found = labelFor(r.el, key);
        if (!found) continue;
        labelEl = found.el;
        label = found.text;
        cells = r.cells;
        firstIndex = 1;
      } else {
        continue;
      }
      if (!label) continue;
      out.push({
        label,
        labelEl,
        cells: cells.map((el, j) => {
          const h = headers.get(columnIndex(el, j + firstIndex));
          return { el, ...(h ? { header: h } : {}) };
        }),
      });
    }
    if (out.length) tables.push({ root: header.el, rows: out, variantColumns, owned });
  }
  return tables;
}

/**
 * A definition list is a list of label/value rows: "<dt>天窗</dt><dd>无</dd>" says the car has no
 * sunroof, which neither line says on its own.
 */
function fromDefinitionList(dl: Element): SpecTable | undefined {
  const rows: TableRow[] = [];
  let label: Element | undefined;
  for (const c of elementChildren(dl)) {
    // <div> groups around dt/dd pairs are allowed by HTML.
    const items = c.name === 'div' ? elementChildren(c) : [c];
    for (const item of items) {
      if (item.name === 'dt') label = item;
      else if (item.name === 'dd' && label)
        rows.push({ label: textOf(label), labelEl: label, cells: [{ el: item }] });
    }
  }
  if (!rows.length) return undefined;
  const owned = new Set<Element>();
  markOwned(dl, owned);
  return { root: dl, rows, variantColumns: false, owned };
}

/** Spec tables of a page: real tables, definition lists and the div grids configuration sites use. */
export function findSpecTables(root: Document): SpecTable[] {
  const tables: SpecTable[] = [];
  for (const el of allElements(root)) {
    const t = el.name === 'table' ? fromHtmlTable(el) : el.name === 'dl' ? fromDefinitionList(el) : undefined;
    if (t) tables.push(t);
  }
  tables.push(...fromGrids(root));
  return tables;
}
