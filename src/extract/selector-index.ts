import type { Element } from 'domhandler';
import { hasSelectorId, isElement } from './dom.js';

/**
 * Short CSS selectors that find a document's elements again: from the nearest ancestor with an id
 * that needs no escaping ("section#config > table > tbody > tr:nth-of-type(2) > td:nth-of-type(3)"),
 * else from the top, without `html`. Each element's is computed once, from its parent's and one
 * step, and a parent's element children are numbered (nth-of-type) in one pass: building each
 * selector from scratch, listing every sibling at every level, was quadratic over a long list and
 * a fifth of what extracting a generated page allocated. The DOM must not change while an index is
 * in use (html.ts starts a new one when it makes a fragment's body).
 */
export class SelectorIndex {
  private readonly selectors = new Map<Element, string>();
  /** each numbered element's step under its parent ("li:nth-of-type(3)", "tbody > tr") */
  private readonly steps = new Map<Element, string>();

  of(el: Element): string {
    const known = this.selectors.get(el);
    if (known !== undefined) return known;
    // Up to the nearest element whose selector is known or that starts one, then back down: a loop,
    // not recursion, so a deeply nested hostile page cannot overflow the stack.
    const chain: Element[] = [];
    let base = '';
    for (let node: Element | null = el; node; ) {
      const cached = this.selectors.get(node);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      if (node.name === 'html') break;
      chain.push(node);
      if (hasSelectorId(node) || !isElement(node.parent)) break;
      node = node.parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      const parent = node.parent;
      let selector: string;
      if (hasSelectorId(node)) selector = `${node.name}#${node.attribs.id}`;
      else if (!isElement(parent)) selector = node.name;
      else {
        const step = this.stepOf(node, parent);
        selector = base ? `${base} > ${step}` : step;
      }
      this.selectors.set(node, selector);
      base = selector;
    }
    return base;
  }

  private stepOf(el: Element, parent: Element): string {
    let step = this.steps.get(el);
    if (step === undefined) {
      this.number(parent);
      step = this.steps.get(el)!;
    }
    return step;
  }

  private number(parent: Element): void {
    const counts = new Map<string, number>();
    for (const c of parent.children) if (isElement(c)) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const c of parent.children) {
      if (!isElement(c)) continue;
      const n = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, n);
      const step = counts.get(c.name)! > 1 ? `${c.name}:nth-of-type(${n})` : c.name;
      // A row written straight under <table> sits in a <tbody> in a browser's DOM (the parser here
      // does not add it): the selector must find the row where the browser put it.
      this.steps.set(c, c.name === 'tr' && parent.name === 'table' ? `tbody > ${step}` : step);
    }
  }
}
