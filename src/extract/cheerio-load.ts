import type * as cheerio from 'cheerio';
import { load as loadWithHtmlparser2 } from 'cheerio/slim';
import { type AnyNode, type Document, Element } from 'domhandler';

/**
 * A page for extraction: parsed by htmlparser2 (through cheerio, so selectors work the same) with
 * each node's start and end offsets. parse5, cheerio's default, builds the tree the HTML standard
 * prescribes but takes 4-5x as long on a product page with source locations, and extraction reads
 * thousands of pages a run. What htmlparser2 does not do (implied html/head/body, foster-parented
 * table content, a list item closing an open paragraph) does not change which text is visible.
 * `cheerio/slim` is cheerio's loader with htmlparser2 and dom-serializer only: its main entry also
 * loads parse5, and undici, whatwg-mimetype and encoding-sniffer for `fromURL`, start-up a scan of
 * pages never uses.
 */
export function loadPage(html: string): cheerio.CheerioAPI {
  return loadWithHtmlparser2(html, {
    xml: { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true },
  } as cheerio.CheerioOptions);
}

/**
 * The page's `<body>` (`found`: its first body element, if any). A fragment or a page without one
 * gets one around what is not `<head>`, as an HTML parser that follows the standard would make:
 * the walk, the selectors ("body > p") and the cards beside each other then read a fragment as
 * they read a page.
 */
export function bodyOf($: cheerio.CheerioAPI, found: Element | undefined): Element {
  if (found) return found;
  const root = $.root()[0] as Document;
  // By type and name, not instanceof: cheerio's parser builds nodes from its own copy of domhandler.
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
