import type { AnyNode, Element } from 'domhandler';
import type { Segment, SegmentSource, Suppression, TextLocation } from '../types.js';
import {
  BLOCK_TAGS,
  HEADING_TAGS,
  isElement,
  isHidden,
  locationOf,
  nextElementOf,
  offsetsOf,
  previousElementOf,
  rawStartOf,
  SKIP_TAGS,
  textLocation,
  textOf,
} from './dom.js';
import { indexElements } from './element-index.js';
import { imageRefs } from './html-images.js';
import { findSpecTables } from './html-tables.js';
import { jsonLdSegments } from './jsonld.js';
import type { ExtractResult, SuppressionProblem } from './model.js';
import { bodyOf, parsePage, textContent } from './parse-page.js';
import { SelectorIndex } from './selector-index.js';
import { parseSuppressionComment, parseSuppressionSpec } from './suppressions.js';
import { LineIndex, TextBuilder } from './text-builder.js';

interface WalkState {
  headings: (string | undefined)[];
  suppressions: Suppression[];
}

/**
 * Visible text of a page as blocks (headings, paragraphs, list items, cells), each with its
 * line, column and selector; img alt/title, meta and JSON-LD; and spec tables, real or div grids,
 * whose cells keep their row label and column header. Never throws on malformed markup:
 * htmlparser2 recovers from it, closing what HTML closes implicitly (a paragraph before a block, a
 * cell before the next); where its tree differs from a browser's (no implied <tbody>, no foster
 * parenting), the visible text is the same and selectors are written for the browser's tree.
 */
export function extractHtml(uri: string, html: string): ExtractResult {
  const root = parsePage(html);
  const lines = new LineIndex(html);
  let selectors = new SelectorIndex();
  const segments: Segment[] = [];
  const suppressionProblems: SuppressionProblem[] = [];
  const allSuppressions: Suppression[] = [];
  const warnings: ExtractResult['warnings'] = [];

  const elements = indexElements(root);
  const titleEl = elements.named('title')[0];
  const title = titleEl ? textContent(titleEl).replace(/\s+/g, ' ').trim() : '';
  const h1 = elements.named('h1')[0];
  const pageHeading = (h1 ? textOf(h1) : '') || title;

  // Every element a segment sits in, nearest first: the cards and sections that say which product
  // a claim is about (claims/document.ts).
  const elementIds = new Map<Element, number>();
  const blocksOf = (el: Element): number[] => {
    const out: number[] = [];
    for (let node: AnyNode | null = el; node && isElement(node); node = node.parent) {
      let id = elementIds.get(node);
      if (id === undefined) {
        id = elementIds.size + 1;
        elementIds.set(node, id);
      }
      out.push(id);
    }
    return out;
  };

  const push = (seg: Omit<Segment, 'uri'>) => {
    if (seg.text.trim()) segments.push({ uri, pageHeading, ...seg });
  };

  // <head>: title and the descriptions that search results and link previews show.
  if (title && titleEl)
    push({ text: title, source: 'title', location: textLocation(titleEl, lines, selectors) });
  for (const el of elements.named('meta')) {
    const name = (el.attribs.name ?? el.attribs.property ?? '').toLowerCase();
    if (
      ['description', 'og:title', 'og:description', 'twitter:title', 'twitter:description'].includes(name)
    ) {
      push({ text: el.attribs.content ?? '', source: 'meta', location: textLocation(el, lines, selectors) });
    }
  }
  // script[type="application/ld+json"]: the type is compared without case, as in a selector.
  for (const el of elements.named('script')) {
    if (el.attribs.type?.toLowerCase() !== 'application/ld+json') continue;
    const { segments: found, error } = jsonLdSegments(textContent(el));
    const location = textLocation(el, lines, selectors);
    if (error) warnings.push({ message: `JSON-LD could not be read: ${error}`, location });
    for (const text of found) push({ text, source: 'jsonld', location });
  }

  const tables = findSpecTables(root);
  const owned = new Set<Element>();
  for (const t of tables) for (const el of t.owned) owned.add(el);

  // Suppressions: a comment before an element, or an attribute on it, covers its subtree.
  const elementSuppressions = new Map<Element, Suppression[]>();
  const addSuppression = (el: Element, parsed: ReturnType<typeof parseSuppressionSpec>) => {
    if (!parsed) return;
    if ('problem' in parsed) suppressionProblems.push(parsed.problem);
    else {
      allSuppressions.push(parsed.ok);
      elementSuppressions.set(el, [...(elementSuppressions.get(el) ?? []), parsed.ok]);
    }
  };
  const collectSuppressions = (node: AnyNode) => {
    if (!isElement(node) && node.type !== 'root') return;
    const children = (node as Element).children;
    children.forEach((child) => {
      if (child.type === 'comment') {
        const parsed = parseSuppressionComment((child as unknown as { data: string }).data, {
          ...locationOf(child, lines),
        });
        if (!parsed) return;
        const next = nextElementOf(child);
        if (next) addSuppression(next, parsed);
        else if ('problem' in parsed) suppressionProblems.push(parsed.problem);
      } else if (isElement(child)) {
        const attr = child.attribs['data-claimlint-ignore'];
        if (attr !== undefined)
          addSuppression(child, parseSuppressionSpec(attr, textLocation(child, lines, selectors)));
        collectSuppressions(child);
      }
    });
  };
  collectSuppressions(root);

  const suppressionsOf = (el: Element): Suppression[] => {
    const out: Suppression[] = [];
    for (let n: AnyNode | null = el; n && isElement(n); n = n.parent)
      out.push(...(elementSuppressions.get(n) ?? []));
    return out;
  };

  // Spec tables: one segment per cell, under the headings before the table ("<h3>Essential</h3><dl>…").
  const headingsAt = headingsBefore(root, new Set(tables.map((t) => t.root)));
  for (const table of tables) {
    const tableHeadings = headingsAt.get(table.root) ?? [];
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const builder = new TextBuilder(lines);
        appendText(cell.el, builder, html);
        const location = textLocation(cell.el, lines, selectors);
        const sup = suppressionsOf(cell.el);
        segments.push({
          uri,
          text: builder.text,
          source: 'table',
          location,
          pieces: builder.pieces,
          pageHeading,
          blocks: blocksOf(cell.el),
          ...(tableHeadings.length ? { headings: tableHeadings } : {}),
          table: {
            rowLabel: row.label,
            ...(cell.header !== undefined ? { columnHeader: cell.header } : {}),
            variantColumns: table.variantColumns,
          },
          ...(sup.length ? { suppressions: sup } : {}),
        });
      }
    }
  }

  // Everything else: blocks of inline text in document order.
  const state: WalkState = { headings: [], suppressions: [] };
  const found = elements.named('body')[0];
  const body = bodyOf(root, found);
  // A fragment's body was just made around it: the tree changed, so the selectors asked from here
  // on are computed on the new tree (the head's, the tables' and the suppressions' were not).
  if (!found) selectors = new SelectorIndex();
  let builder = new TextBuilder(lines);
  let blockEl: Element | undefined;
  let blockSource: SegmentSource = 'text';
  let blockLevel: number | undefined;

  const flush = () => {
    if (!builder.empty && blockEl) {
      const location: TextLocation = builder.pieces[0]
        ? { line: builder.pieces[0].line, column: builder.pieces[0].column, selector: selectors.of(blockEl) }
        : textLocation(blockEl, lines, selectors);
      const headings = state.headings.filter((h): h is string => !!h).reverse();
      const sup = suppressionsOf(blockEl);
      const text = builder.text;
      segments.push({
        uri,
        text,
        source: blockSource,
        location,
        pieces: builder.pieces,
        pageHeading,
        blocks: blocksOf(blockEl),
        ...(blockSource === 'heading' && blockLevel ? { level: blockLevel } : {}),
        ...(headings.length && blockSource !== 'heading' ? { headings } : {}),
        ...(sup.length ? { suppressions: sup } : {}),
      });
    }
    builder = new TextBuilder(lines);
  };

  const walk = (node: Element, container: Element) => {
    let previous: AnyNode | undefined;
    for (const child of node.children) {
      // Two inline elements side by side are two pieces laid out apart ("<span>Term</span><span>36
      // months</span>" in a flex row): a space keeps "Term" and "36" two words.
      if (isElement(child) && previous && isElement(previous) && !BLOCK_TAGS.has(child.name)) builder.space();
      if (child.type !== 'comment') previous = child;
      if (child.type === 'text') {
        const data = (child as unknown as { data: string }).data;
        if (!blockEl) blockEl = container;
        const raw = rawStartOf(child, data, html);
        const at = raw === undefined ? offsetsOf(child) : undefined;
        builder.append(data, raw, at ? lines.at(at.start) : undefined);
        continue;
      }
      if (!isElement(child)) continue;
      const el = child;
      if (SKIP_TAGS.has(el.name) || isHidden(el) || owned.has(el)) {
        if (owned.has(el) || BLOCK_TAGS.has(el.name)) flush();
        continue;
      }
      if (el.name === 'img' || el.name === 'area' || el.name === 'input') {
        for (const attr of ['alt', 'title'] as const) {
          const value = el.attribs[attr]?.trim();
          if (!value) continue;
          const sup = suppressionsOf(el);
          segments.push({
            uri,
            text: value,
            source: attr,
            location: textLocation(el, lines, selectors),
            pageHeading,
            blocks: blocksOf(el),
            ...(state.headings.some(Boolean)
              ? { headings: state.headings.filter((h): h is string => !!h).reverse() }
              : {}),
            ...(sup.length ? { suppressions: sup } : {}),
          });
        }
        continue;
      }
      if (el.name === 'br') {
        flush();
        blockEl = container;
        continue;
      }
      // An element with its own suppression is its own block, so the suppression covers exactly it.
      const isBlock = BLOCK_TAGS.has(el.name) || elementSuppressions.has(el);
      if (!isBlock) {
        if (el.attribs.title?.trim()) {
          segments.push({
            uri,
            text: el.attribs.title.trim(),
            source: 'title',
            location: textLocation(el, lines, selectors),
            pageHeading,
          });
        }
        walk(el, container);
        continue;
      }
      flush();
      const heading = HEADING_TAGS.has(el.name);
      const savedBlock = blockEl;
      const savedSource = blockSource;
      const savedLevel = blockLevel;
      blockEl = el;
      blockSource = heading ? 'heading' : 'text';
      blockLevel = heading ? Number(el.name[1]) : undefined;
      // A card among cards ("<div class=col><h3>Essential</h3>…</div><div class=col>…"): its heading
      // names the card, not what follows the cards.
      const cardHeadings = isRepeatedCard(el) ? [...state.headings] : undefined;
      walk(el, el);
      flush();
      if (cardHeadings) state.headings = cardHeadings;
      blockLevel = savedLevel;
      if (heading) {
        const level = Number(el.name[1]);
        state.headings[level - 1] = textOf(el);
        state.headings.length = level;
      }
      blockEl = savedBlock;
      blockSource = savedSource;
      if (BLOCK_TAGS.has(el.name)) builder.space();
    }
  };
  blockEl = body;
  walk(body, body);
  flush();

  return {
    segments,
    images: imageRefs(elements, lines, selectors),
    suppressionProblems,
    suppressions: allSuppressions,
    warnings,
  };
}

function appendText(el: Element, builder: TextBuilder, html: string) {
  for (const child of el.children) {
    if (child.type === 'text') {
      const data = (child as unknown as { data: string }).data;
      builder.append(data, rawStartOf(child, data, html));
    } else if (isElement(child) && !SKIP_TAGS.has(child.name) && !isHidden(child)) {
      appendText(child, builder, html);
      if (BLOCK_TAGS.has(child.name)) builder.space();
    }
  }
}

/** The headings in force where each of `targets` starts (nearest first), in document order. */
function headingsBefore(root: AnyNode, targets: Set<Element>): Map<Element, string[]> {
  const out = new Map<Element, string[]>();
  if (!targets.size) return out;
  const stack: (string | undefined)[] = [];
  const visit = (node: AnyNode) => {
    if (!isElement(node)) {
      for (const c of (node as { children?: AnyNode[] }).children ?? []) visit(c);
      return;
    }
    if (targets.has(node)) out.set(node, stack.filter((h): h is string => !!h).reverse());
    if (HEADING_TAGS.has(node.name)) {
      const level = Number(node.name[1]);
      stack[level - 1] = textOf(node);
      stack.length = level;
      return;
    }
    for (const c of node.children) visit(c);
  };
  visit(root);
  return out;
}

/** An element whose sibling before or after it has the same tag and class: one of a row of cards. */
function isRepeatedCard(el: Element): boolean {
  if (!el.attribs.class || !isElement(el.parent)) return false;
  const key = (e: Element | undefined) => (e ? `${e.name}.${e.attribs.class ?? ''}` : '');
  return key(previousElementOf(el)) === key(el) || key(nextElementOf(el)) === key(el);
}
