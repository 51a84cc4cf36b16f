import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import {
  elementChildren,
  firstElementChild,
  hasSelectorId,
  isElement,
  nextElementOf,
  previousElementOf,
} from '../../src/extract/dom.js';
import { extractHtml } from '../../src/extract/html.js';
import { bodyOf, parsePage } from '../../src/extract/parse-page.js';
import { SelectorIndex } from '../../src/extract/selector-index.js';
import { hasRealPages, htmlFiles, realPagesDir, repoRoot } from '../helpers/paths.js';

/**
 * The selector built from scratch, as extraction built it before the index (kept here as the
 * reference): walk up from the element, listing its parent's children of the same name at each level.
 */
function selectorOf(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && node.name !== 'html') {
    const current: Element = node;
    if (hasSelectorId(current)) {
      parts.unshift(`${current.name}#${current.attribs.id}`);
      break;
    }
    const parent = isElement(current.parent) ? current.parent : null;
    if (!parent) {
      parts.unshift(current.name);
      break;
    }
    const same = elementChildren(parent).filter((c) => c.name === current.name);
    parts.unshift(
      same.length > 1 ? `${current.name}:nth-of-type(${same.indexOf(current) + 1})` : current.name,
    );
    if (current.name === 'tr' && parent.name === 'table') parts.unshift('tbody');
    node = parent;
  }
  return parts.join(' > ');
}

/** Every element of a parsed page, with a body made for it when it has none (as extraction does). */
function elementsOf(html: string): Element[] {
  const root = parsePage(html);
  bodyOf(root, firstBody(root));
  const out: Element[] = [];
  const visit = (node: AnyNode) => {
    if (isElement(node)) out.push(node);
    for (const c of (node as Element).children ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** The first body element in document order, as extraction's element index finds it. */
function firstBody(node: AnyNode): Element | undefined {
  if (isElement(node) && node.name === 'body') return node;
  for (const c of (node as Element).children ?? []) {
    const found = firstBody(c);
    if (found) return found;
  }
  return undefined;
}

const pages: [string, string][] = [
  ...[0, 1, 2].map((i): [string, string] => [`generated ${i}`, generatePage(i, 20_000, i === 2)]),
  ...htmlFiles(join(repoRoot, 'test', 'corpus', 'docs')).map((f): [string, string] => [
    f,
    readFileSync(join(repoRoot, f), 'utf8'),
  ]),
  ...htmlFiles(join(repoRoot, 'examples')).map((f): [string, string] => [
    f,
    readFileSync(join(repoRoot, f), 'utf8'),
  ]),
  ...(hasRealPages
    ? htmlFiles(realPagesDir).map((f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')])
    : []),
  // Rows straight under <table>, ids a selector cannot start from, a fragment without <body>,
  // siblings of one name among others, text and comments between elements.
  [
    'edge cases',
    `<table><tr><td>a</td></tr><tr><td>b</td></tr></table><div id="1x"><p>x</p><p id="ok">y</p><!-- c --> t <p>z</p></div>
     <section id="s.s"><ul><li>1</li>text<li>2</li><!--x--><li>3</li></ul><span>s</span><ul><li>only</li></ul></section>`,
  ],
  ['deep nesting', `${'<div>'.repeat(3000)}deep${'</div>'.repeat(3000)}`],
];

describe('SelectorIndex', () => {
  it.each(pages)(
    'gives the from-scratch selector for every element of %s, in any order of asking',
    (_name, html) => {
      const elements = elementsOf(html);
      expect(elements.length).toBeGreaterThan(0);
      const expected = elements.map(selectorOf);
      // Children before parents (a deep chain filled at once) and parents before children (a cached base).
      const reversed = new SelectorIndex();
      const backwards = [...elements].reverse().map((el) => reversed.of(el));
      expect(backwards.reverse()).toEqual(expected);
      const forwards = new SelectorIndex();
      expect(elements.map((el) => forwards.of(el))).toEqual(expected);
    },
  );
});

describe('element neighbours through sibling links', () => {
  it.each(pages)('agree with the parent element list for every element of %s', (_name, html) => {
    for (const el of elementsOf(html)) {
      const siblings = isElement(el.parent) ? elementChildren(el.parent) : undefined;
      if (siblings) {
        const i = siblings.indexOf(el);
        expect(previousElementOf(el)).toBe(siblings[i - 1]);
        expect(nextElementOf(el)).toBe(siblings[i + 1]);
      }
      expect(firstElementChild(el)).toBe(elementChildren(el)[0]);
    }
  });
});

describe('selectors in an extraction', () => {
  it('a fragment gets its body part way through: selectors asked after it are computed on the new tree', () => {
    // The suppression attribute asks for the paragraph's selector before the body exists ("p"); its
    // segment, read after, names it under the body, as the from-scratch selector did when asked then.
    const html =
      '<p data-claimlint-ignore="unknown-feature">全景天窗</p><div><p>电动天窗</p></div>' +
      '<table><tr><th>项目</th><th>A</th><th>B</th></tr><tr><td>天窗</td><td>●</td><td>○</td></tr>' +
      '<tr><td>续航</td><td>330</td><td>400</td></tr></table>';
    const selectors = Object.fromEntries(
      extractHtml('f.html', html).segments.map((s) => [
        s.text,
        (s.location as { selector?: string }).selector,
      ]),
    );
    expect(selectors).toEqual({
      '●': 'table > tbody > tr:nth-of-type(2) > td:nth-of-type(2)',
      '○': 'table > tbody > tr:nth-of-type(2) > td:nth-of-type(3)',
      '330': 'table > tbody > tr:nth-of-type(3) > td:nth-of-type(2)',
      '400': 'table > tbody > tr:nth-of-type(3) > td:nth-of-type(3)',
      全景天窗: 'body > p',
      电动天窗: 'body > div > p',
    });
  });
});
