import type { AnyNode, Element } from 'domhandler';
import type { TextLocation } from '../types.js';
import type { SelectorIndex } from './selector-index.js';
import type { LineIndex } from './text-builder.js';

export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

export function elementChildren(el: Element): Element[] {
  return el.children.filter(isElement);
}

// A node's element neighbours through its sibling links: listing the parent's children instead is
// a pass over all of them for each node asked about, quadratic over a long list.

/** The nearest element before `node` under the same parent (text and comments skipped). */
export function previousElementOf(node: AnyNode): Element | undefined {
  for (let n = node.prev; n; n = n.prev) if (isElement(n)) return n;
  return undefined;
}

/** The nearest element after `node` under the same parent (text and comments skipped). */
export function nextElementOf(node: AnyNode): Element | undefined {
  for (let n = node.next; n; n = n.next) if (isElement(n)) return n;
  return undefined;
}

export function firstElementChild(el: Element): Element | undefined {
  for (const c of el.children) if (isElement(c)) return c;
  return undefined;
}

export function classes(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

/** Text content with white space folded. */
export function textOf(node: AnyNode): string {
  const out: string[] = [];
  const visit = (n: AnyNode) => {
    if (n.type === 'text') out.push((n as unknown as { data: string }).data);
    else if (isElement(n)) {
      if (SKIP_TAGS.has(n.name)) return;
      for (const c of n.children) visit(c);
      if (BLOCK_TAGS.has(n.name)) out.push(' ');
    }
  };
  visit(node);
  return out.join('').replace(/\s+/g, ' ').trim();
}

export const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'svg',
  'iframe',
  'object',
  'canvas',
  // A menu's links ("Finance", "Lease specials", the other models) name pages, they promote nothing.
  'nav',
]);

export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'label',
  'button',
  'option',
  'select',
  'textarea',
  'picture',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Visible: no hidden attribute, no display:none / visibility:hidden inline style, not aria-hidden. */
export function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  if (el.attribs['aria-hidden'] === 'true' && !HEADING_TAGS.has(el.name)) return true;
  const style = (el.attribs.style ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/**
 * Where a node sits in the source, [start, end) in UTF-16 offsets, from the parser's indices
 * (htmlparser2's end index is the node's last character).
 */
export function offsetsOf(node: AnyNode): { start: number; end: number } | undefined {
  const { startIndex, endIndex } = node;
  if (startIndex === null || endIndex === null) return undefined;
  return { start: startIndex, end: endIndex + 1 };
}

/**
 * Where a text node's data starts in the source, when the source spells it exactly (no entity was
 * decoded in it, so offsets into the data are offsets into the file); else undefined.
 */
export function rawStartOf(node: AnyNode, data: string, html: string): number | undefined {
  const at = offsetsOf(node);
  // Compared in place: slicing the source for each text node was a copy of most of the page.
  return at && at.end - at.start === data.length && html.startsWith(data, at.start) ? at.start : undefined;
}

export function locationOf(el: AnyNode, lines: LineIndex): { line: number; column: number } {
  const at = offsetsOf(el);
  return at ? lines.at(at.start) : { line: 1, column: 1 };
}

/** An id a selector can start from (`section#config`): one that needs no escaping in CSS. */
export function hasSelectorId(el: Element): boolean {
  const id = el.attribs.id;
  return !!id && SELECTOR_ID.test(id);
}
const SELECTOR_ID = /^[A-Za-z][\w-]*$/;

/** Where an element is: its line and column, and a CSS selector that finds it again. */
export function textLocation(el: Element, lines: LineIndex, selectors: SelectorIndex): TextLocation {
  return { ...locationOf(el, lines), selector: selectors.of(el) };
}
