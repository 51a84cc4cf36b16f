import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { load } from '../../src/extract/cheerio-load-parse5.js';
import { extractHtml } from '../../src/extract/html.js';

describe('cheerio load without the main entry', () => {
  it('parses like cheerio.load, with source locations (parse5)', () => {
    const html = '<!doctype html><title>t</title><p class="a">one<br>two</p><table><td>x</table>';
    const options = { sourceCodeLocationInfo: true } as cheerio.CheerioOptions;
    const ours = load(html, options);
    const theirs = cheerio.load(html, options);
    expect(ours.html()).toBe(theirs.html());
    // parse5 inserts the tbody and tr an HTML5 parser would; htmlparser2 would not.
    expect(ours('table > tbody > tr > td').text()).toBe('x');
    const p = ours('p').get(0) as unknown as { sourceCodeLocation?: { startLine: number } };
    expect(p.sourceCodeLocation?.startLine).toBe(1);
  });
});

describe('a page for extraction (htmlparser2 with offsets)', () => {
  const texts = (html: string) => extractHtml('t.html', html).segments.map((s) => s.text);
  const selectors = (html: string) =>
    extractHtml('t.html', html).segments.map((s) => (s.location as { selector: string }).selector);

  it.each([
    ['a fragment', '<p>电动天窗</p><p>全景天窗</p>'],
    ['a page without <body>', '<html><head><title>T</title></head><p>电动天窗</p><p>全景天窗</p></html>'],
    ['a page with <body>', '<html><body><p>电动天窗</p><p>全景天窗</p></body></html>'],
  ])('%s is read inside a body, as a standard parser would put it', (_, html) => {
    expect(texts(html).filter((t) => t !== 'T')).toEqual(['电动天窗', '全景天窗']);
    expect(selectors(html).filter((s) => s.startsWith('body'))).toEqual([
      'body > p:nth-of-type(1)',
      'body > p:nth-of-type(2)',
    ]);
  });

  it('names a row written straight under <table> inside the <tbody> a browser puts it in', () => {
    expect(selectors('<table><tr><td>天窗</td></tr><tr><td>座椅加热</td></tr></table>')).toEqual([
      'body > table > tbody > tr:nth-of-type(1) > td',
      'body > table > tbody > tr:nth-of-type(2) > td',
    ]);
    expect(selectors('<table><tbody><tr><td>天窗</td></tr></tbody></table>')).toEqual([
      'body > table > tbody > tr > td',
    ]);
  });

  it('skips a top-level script and title as it skips them in <head>', () => {
    expect(texts('<title>标题</title><script>var sunroof = 1;</script><p>全景天窗</p>')).toEqual([
      '标题',
      '全景天窗',
    ]);
  });

  it('gives each text its line and column from the parser offsets, entities decoded', () => {
    const page = extractHtml('t.html', '<body>\n  <p>A &amp; B</p>\n  <ul><li>座椅加热</li></ul>\n</body>');
    expect(page.segments.map((s) => [s.text, s.location])).toEqual([
      ['A & B', { line: 2, column: 6, selector: 'body > p' }],
      ['座椅加热', { line: 3, column: 11, selector: 'body > ul > li' }],
    ]);
  });
});
