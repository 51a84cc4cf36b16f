import type { AnyNode, Document, Element } from 'domhandler';
import { isElement } from './dom.js';

/**
 * A page's elements by tag name, in document order, and those with a `style` attribute. One walk
 * serves every lookup extraction makes (the title, the first h1, meta tags, JSON-LD scripts, images,
 * picture sources, inline styles, the body); each `$('img')`-style query walked the whole tree again
 * through a CSS selector engine, a tenth of a page's extraction. Hidden and skipped elements are in
 * it, as they were for the queries.
 */
export interface ElementIndex {
  /** elements with this (lower-case) tag name */
  named(name: string): Element[];
  /** elements with a style attribute */
  styled: Element[];
}

const NONE: Element[] = [];

export function indexElements(root: Document | Element): ElementIndex {
  const byName = new Map<string, Element[]>();
  const styled: Element[] = [];
  // Children are pushed in reverse so the stack pops them in document order; no recursion, so a
  // page nested thousands of levels deep is indexed as any other.
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    const list = byName.get(node.name);
    if (list) list.push(node);
    else byName.set(node.name, [node]);
    if (node.attribs.style !== undefined) styled.push(node);
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { named: (name) => byName.get(name) ?? NONE, styled };
}
