import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { load } from '../../src/extract/cheerio-load.js';

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
