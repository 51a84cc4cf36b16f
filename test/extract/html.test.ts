import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.js';
import { fixture } from '../helpers/paths.js';

const html = readFileSync(fixture(import.meta.url, 'product.html'), 'utf8');
const result = extractHtml('product.html', html);
const texts = result.segments.map((s) => `${s.source}:${s.text}`);

describe('HTML extraction', () => {
  it('reads head metadata and JSON-LD', () => {
    expect(texts).toContain('title:Test Car | Official');
    expect(texts).toContain('meta:A compact EV with heated seats.');
    expect(texts).toContain('meta:Test Car, priced from 49,900 yuan');
    expect(texts).toContain('jsonld:CLTC续航: 430 km');
    expect(texts).toContain('jsonld:price 59900 CNY');
  });

  it('skips script, style, template, noscript and hidden elements', () => {
    expect(texts.filter((t) => t.includes('全景天窗'))).toEqual([]);
    expect(texts.some((t) => t.includes('hidden sunroof'))).toBe(false);
  });

  it('keeps blocks whole, with inline markup folded in', () => {
    expect(texts).toContain('text:Heated seats and a panoramic sunshade.');
    expect(texts).toContain('text:标配座椅加热');
  });

  it('reads a definition list as label/value rows', () => {
    const cell = result.segments.find((s) => s.table?.rowLabel === '天窗');
    expect(cell).toMatchObject({ text: '无', source: 'table', table: { variantColumns: false } });
    expect(texts).not.toContain('text:天窗');
  });

  it('gives every segment a line, column and selector', () => {
    const seg = result.segments.find((s) => s.text === 'Heated seats and a panoramic sunshade.')!;
    const line = html.split('\n').findIndex((l) => l.includes('Heated seats and')) + 1;
    expect(seg.location).toMatchObject({ line, column: 8 });
    expect((seg.location as { selector: string }).selector).toMatch(/section > p$/);
    expect(seg.headings).toEqual(['Comfort', 'Test Car 长续航版']);
    expect(seg.pageHeading).toBe('Test Car 长续航版');
  });

  it('reads img alt and title, and the images a page shows', () => {
    expect(texts).toContain('alt:电动天窗');
    expect(texts).toContain('title:roof');
    expect(result.images.map((i) => [i.via, i.url])).toEqual([
      ['srcset', 'a-1080.jpg'],
      ['css', 'bg.png'],
    ]);
  });

  it('finds the head elements and images the CSS selectors found, in the same order', () => {
    const page = `<html><head><title>A <b>car</b></title><meta property="og:image" content="og.png">
      <script type="Application/LD+JSON">{"@type":"Product","name":"Test Car"}</script>
      <script type="text/javascript">var x = 1;</script></head>
      <body><h2>Second</h2><div><h1>First <i>h1</i></h1><h1>Other</h1></div>
      <picture><source srcset="p-480.webp 480w, p-960.webp 960w"><img src="p.jpg" alt="pic"></picture>
      <source srcset="loose.webp 2x"><svg><title>icon</title></svg>
      <span style="background: url(&quot;span.png&quot;) no-repeat">x</span>
      <div hidden><img src="hidden.png"></div><img data-src="lazy.png"></body></html>`;
    const r = extractHtml('p.html', page);
    expect(
      r.segments.filter((s) => s.source === 'title' || s.source === 'jsonld').map((s) => s.text),
    ).toEqual([
      // A title's content is text, markup and all, as a browser's tab shows it.
      'A <b>car</b>',
      'Test Car',
    ]);
    expect(r.segments[0]!.pageHeading).toBe('First h1');
    expect(r.images.map((i) => [i.via, i.url])).toEqual([
      ['img', 'p.jpg'],
      ['img', 'hidden.png'],
      ['img', 'lazy.png'],
      ['picture', 'p-960.webp'],
      ['css', 'span.png'],
      ['og:image', 'og.png'],
    ]);
    // A fragment without <body> is read as a page's body.
    expect(extractHtml('f.html', '<p>只有一段</p>').segments.map((s) => s.text)).toEqual(['只有一段']);
  });

  it('reads a comparison table: each cell under its column header', () => {
    const cells = result.segments.filter((s) => s.table?.variantColumns);
    expect(cells.map((c) => [c.table!.rowLabel, c.table!.columnHeader, c.text])).toEqual([
      ['座椅加热', '标准续航版', '○'],
      ['座椅加热', '长续航版', '●'],
      ['长(mm)', '标准续航版', '4270'],
      ['长(mm)', '长续航版', '4270'],
    ]);
  });

  it('reads a label/value table', () => {
    const cell = result.segments.find((s) => s.table?.rowLabel === '电池容量')!;
    expect(cell.table).toMatchObject({ rowLabel: '电池容量' });
    expect(cell.text).toBe('44.1kWh');
  });

  it('survives malformed markup', () => {
    const r = extractHtml('bad.html', '<div><p>全景天窗<table><tr><td>x</div></span></p><<<>>>&&&;');
    expect(r.segments.some((s) => s.text.includes('全景天窗'))).toBe(true);
  });
});
