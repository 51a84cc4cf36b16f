import { type AnyNode, type Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * A page for extraction: parsed by htmlparser2 with each node's start and end offsets. parse5,
 * cheerio's default, builds the tree the HTML standard prescribes but takes 4-5x as long on a
 * product page with source locations, and extraction reads thousands of pages a run. What
 * htmlparser2 does not do (implied html/head/body, foster-parented table content, a list item
 * closing an open paragraph) does not change which text is visible.
 *
 * The tree is the one cheerio's htmlparser2 loader (`cheerio/slim`) gives, without cheerio around
 * it: its `load` defines a class for each page it loads, and every page's tree then outlived the
 * young generation's collections (most likely held through those classes' shapes, which V8 keeps
 * in its old generation), and was copied and promoted. Through cheerio, 60-75 % of what parsing
 * allocated survived a scavenge (pauses of ~20 ms); without it, 2 %, and a scan of 10,000 pages
 * takes 0.84-0.86x the time (BENCHMARKS.md, eighth session).
 */
export function parsePage(html: string): Document {
  return parseDocument(html, {
    xmlMode: false,
    withStartIndices: true,
    withEndIndices: true,
    decodeEntities: true,
  });
}

/**
 * The text of a node and everything in it, script and style included, as cheerio's `.text()` (and
 * domutils' `textContent`) read it: the title, a JSON-LD script.
 */
export function textContent(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type === 'comment' || !('children' in node)) return '';
  let out = '';
  for (const child of (node as { children: AnyNode[] }).children) out += textContent(child);
  return out;
}

/**
 * The page's `<body>` (`found`: its first body element, if any). A fragment or a page without one
 * gets one around what is not `<head>`, as an HTML parser that follows the standard would make:
 * the walk, the selectors ("body > p") and the cards beside each other then read a fragment as
 * they read a page.
 */
export function bodyOf(root: Document, found: Element | undefined): Element {
  if (found) return found;
  // By type and name, not instanceof: htmlparser2 builds nodes from its own copy of domhandler.
  const named = (c: AnyNode, name: string) => c.type === 'tag' && (c as Element).name === name;
  const html = root.children.find((c): c is Element => named(c, 'html'));
  const parent: Document | Element = html ?? root;
  const inside = parent.children.filter((c) => !named(c, 'head'));
  const body = new Element('body', {}, inside);
  let previous: AnyNode | null = null;
  for (const child of inside) {
    child.parent = body;
    child.prev = previous;
    if (previous) previous.next = child;
    previous = child;
  }
  if (previous) previous.next = null;
  const moved = new Set(inside);
  const kept = parent.children.filter((c) => !moved.has(c));
  body.parent = parent;
  body.prev = kept.at(-1) ?? null;
  if (body.prev) body.prev.next = body;
  parent.children = [...kept, body];
  return body;
}
