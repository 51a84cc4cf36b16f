import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../src/extract/markdown.js';

const md = `# Test Car 长续航版

Intro paragraph
over two lines.

## 配置

- 标配**座椅加热**
- [OTA升级](https://example.com)

| 配置 | 标准续航版 | 长续航版 |
|---|---|---|
| 天窗 | - | - |
| 座椅加热 | ○ | ● |

<!-- claimlint-disable-next-line feature-absent -- facelift -->
全景天窗

![电动天窗](roof.png)
`;

describe('Markdown extraction', () => {
  const r = extractMarkdown('page.md', md);
  it('reads headings, paragraphs and list items with their lines', () => {
    const find = (t: string) => r.segments.find((s) => s.text === t);
    expect(find('Test Car 长续航版')).toMatchObject({ source: 'heading', location: { line: 1, column: 3 } });
    expect(find('Intro paragraph over two lines.')?.location).toMatchObject({ line: 3 });
    expect(find('标配座椅加热')).toMatchObject({
      location: { line: 8, column: 3 },
      headings: ['配置', 'Test Car 长续航版'],
    });
    expect(find('OTA升级')).toBeTruthy();
  });

  it('reads pipe tables as comparison tables', () => {
    const cells = r.segments.filter((s) => s.table);
    expect(cells.map((c) => [c.table!.rowLabel, c.table!.columnHeader, c.text, c.location])).toEqual([
      ['天窗', '标准续航版', '-', { line: 13, column: 8 }],
      ['天窗', '长续航版', '-', { line: 13, column: 12 }],
      ['座椅加热', '标准续航版', '○', { line: 14, column: 10 }],
      ['座椅加热', '长续航版', '●', { line: 14, column: 14 }],
    ]);
  });

  it('applies a suppression comment to the next block only', () => {
    const sup = r.segments.find((s) => s.text === '全景天窗')?.suppressions;
    expect(sup).toEqual([
      { rules: ['feature-absent'], reason: 'facelift', location: { line: 16, column: 1 } },
    ]);
    expect(r.segments.find((s) => s.source === 'alt')?.suppressions).toBeUndefined();
  });

  it('lists images', () => {
    expect(r.images).toEqual([
      { url: 'roof.png', via: 'markdown', alt: '电动天窗', location: { line: 19, column: 1 } },
    ]);
  });

  it('reads plain text line by line', () => {
    const t = extractMarkdown('a.txt', '第一行：全景天窗\n第二行 # not a heading\n', { plainText: true });
    expect(t.segments.map((s) => [s.text, s.location])).toEqual([
      ['第一行：全景天窗', { line: 1, column: 1 }],
      ['第二行 # not a heading', { line: 2, column: 1 }],
    ]);
  });
});
