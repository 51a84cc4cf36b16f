import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { generatePage } from '../../bench/generate-pages.js';
import { parsePage, textContent } from '../../src/extract/parse-page.js';
import { hasRealPages, htmlFiles, realPagesDir, repoRoot } from '../helpers/paths.js';

/**
 * Pages are parsed by htmlparser2 directly, no longer through cheerio's loader (`cheerio/slim`),
 * whose class per loaded page kept every page's tree alive through V8's young-generation
 * collections (README, "Parsing"). Extraction must read the same tree as before, and title and
 * JSON-LD text as cheerio's `.text()` gave it.
 */
const OPTIONS = {
  xml: { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true },
};

const pages: [string, string][] = [
  ...[0, 1, 2].map((i): [string, string] => [`generated ${i}`, generatePage(i, 20_000, i === 2)]),
  ...[...htmlFiles(join(repoRoot, 'test', 'corpus', 'docs')), ...htmlFiles(join(repoRoot, 'examples'))].map(
    (f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')],
  ),
  ...(hasRealPages
    ? htmlFiles(realPagesDir).map((f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')])
    : []),
  [
    'entities, CDATA, comments, a script and a fragment',
    `<title> A &amp; B <!-- c --> </title><script type="application/ld+json">{"name":"X &lt; Y"}</script>
     <p>a<![CDATA[ b ]]>c<!-- d -->&nbsp;e</p><table><tr><td>1</td></tr></table><br/><img alt="x">`,
  ],
];

/** Every node as the walks read it: type, name, attributes, text, offsets, in document order. */
function shape(node: AnyNode, out: unknown[] = []): unknown[] {
  const n = node as AnyNode & { name?: string; attribs?: unknown; data?: string; children?: AnyNode[] };
  out.push([n.type, n.name, n.attribs, n.data, n.startIndex, n.endIndex]);
  for (const c of n.children ?? []) shape(c, out);
  return out;
}

function elements(node: AnyNode, name: string, out: Element[] = []): Element[] {
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
    if ((node as Element).name === name) out.push(node as Element);
  }
  for (const c of (node as Element).children ?? []) elements(c, name, out);
  return out;
}

describe('parsePage', () => {
  it.each(pages)('gives the tree cheerio/slim gave for %s', (_name, html) => {
    const ours = parsePage(html);
    const $ = load(html, OPTIONS as never);
    expect(shape(ours)).toEqual(shape($.root()[0]!));
  });

  it.each(pages)('reads title and script text as cheerio .text() did, in %s', (_name, html) => {
    const ours = parsePage(html);
    const $ = load(html, OPTIONS as never);
    for (const name of ['title', 'script']) {
      const mine = elements(ours, name).map(textContent);
      const theirs = $(name)
        .toArray()
        .map((el) => $(el).text());
      expect(mine).toEqual(theirs);
    }
  });

  it("does not go through cheerio's loader (a class per page kept each page's tree alive)", () => {
    for (const file of ['parse-page.ts', 'html.ts', 'html-tables.ts', 'dom.ts', 'element-index.ts']) {
      const source = readFileSync(join(repoRoot, 'src', 'extract', file), 'utf8');
      expect(source, file).not.toMatch(/from ['"]cheerio/);
    }
  });
});
