import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type CrawledPage, crawl } from '../../src/sources/http/crawler.js';
import { parseSitemap } from '../../src/sources/http/sitemap.js';
import { testFetcher, useFixtureServer } from './server.js';

/** Issue 15 item 3: decompression bombs around the byte cap; item 9: what a sitemap holds that is not read. */
const server = useFixtureServer();
const fetcher = testFetcher;

async function crawlFrom(start: string): Promise<CrawledPage[]> {
  const pages: CrawledPage[] = [];
  const f = fetcher();
  try {
    await crawl(
      [start],
      { depth: 0, sameOrigin: true, maxPages: 20, ignoreRobots: true, fetcher: f },
      (p) => {
        pages.push(p);
      },
    );
  } finally {
    await f.close();
  }
  return pages;
}

describe('decompression is capped', () => {
  it('a gzip content-encoding that unzips past the byte cap is cut off while it streams', async () => {
    const f = fetcher({ maxBytes: 1024 * 1024 });
    await expect(f.fetch(`${server.base}/gzip-bomb`)).rejects.toThrow(/response larger than 1 MiB/);
    await f.close();
  });

  it('a .xml.gz sitemap that unzips past 50 MiB is an error for that sitemap, not a dead process', async () => {
    const pages = await crawlFrom(`${server.base}/bomb.xml.gz`);
    expect(pages).toEqual([
      { url: `${server.base}/bomb.xml.gz`, error: expect.stringMatching(/unzips to more than 50 MiB/) },
    ]);
  });

  it('parseSitemap takes the cap as a parameter and refuses before holding the whole output', () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(() => parseSitemap(new Uint8Array(bomb), 1024 * 1024)).toThrow(/unzips to more than 1 MiB/);
  });
});

describe('what a sitemap holds that is not read is reported', () => {
  it('a file: entry is reported at the sitemap; the http entries are fetched', async () => {
    const pages = await crawlFrom(`${server.base}/sitemap-file-entry.xml`);
    const errors = pages.filter((p) => p.error);
    expect(errors).toEqual([
      {
        url: `${server.base}/sitemap-file-entry.xml`,
        error: expect.stringMatching(
          /1 <loc> entry is not an absolute http\(s\) URL .*"file:\/\/\/etc\/passwd"/,
        ),
      },
    ]);
    expect(pages.filter((p) => p.result).map((p) => new URL(p.url).pathname)).toEqual([
      '/products/roof.html',
    ]);
  });

  it('a truncated sitemap with relative entries does not silently give nothing', async () => {
    const pages = await crawlFrom(`${server.base}/sitemap-truncated.xml`);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.error).toMatch(/not an absolute http\(s\) URL.*"\/products\/roof\.html"/);
    expect(pages[0]!.error).toMatch(/truncated/);
  });

  it.each([
    ['<urlset></urlset>', /lists no page/],
    ['<rss><channel></channel></rss>', /not a sitemap/],
    ['<sitemapindex><sitemap><loc>https://a.example/1.xml</loc></sitemap>', /truncated/],
  ])('%s: %s', (xml, problem) => {
    expect(parseSitemap(new Uint8Array(Buffer.from(xml))).problems.join('; ')).toMatch(problem);
  });
});
