import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.js';

const texts = (html: string) => extractHtml('page.html', html).segments.map((s) => s.text);

describe('inline elements side by side are separate words', () => {
  it.each([
    ['<div><span class="k">Term</span><span class="v">36 months</span></div>', ['Term 36 months']],
    ['<div><span>续航</span><b>500km</b></div>', ['续航 500km']],
    // Text between them is kept as written.
    ['<p><b>Heated</b> seats</p>', ['Heated seats']],
    ['<p>full<b>-</b>width</p>', ['full-width']],
  ])('%s', (html, expected) => expect(texts(html)).toEqual(expected));
});
