import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/sources/decode.js';
import { crawl } from '../../src/sources/http/crawler.js';
import { testFetcher, useFixtureServer } from './server.js';

const server = useFixtureServer();
const fetcher = testFetcher;

describe('fetching', () => {
  it('sends a User-Agent and reads a page', async () => {
    const r = await fetcher().fetch(`${server.base}/`);
    expect(r.status).toBe(200);
    expect(decodeText(r.bytes, { contentType: r.contentType, html: true }).text).toContain('座椅加热');
  });

  it('refuses loopback without allowPrivate, before connecting', async () => {
    const before = server.requests.length;
    await expect(fetcher({ allowPrivate: false }).fetch(`${server.base}/`)).rejects.toThrow(
      /blocked address 127\.0\.0\.1 \(loopback address\)/,
    );
    expect(server.requests.length).toBe(before);
  });

  it('checks every redirect hop: a redirect to a private address is refused', async () => {
    // 127.0.0.1 is allowed here only through the resolver override; localhost resolves to loopback.
    const f = fetcher({
      allowPrivate: false,
      resolve: async (host) => (host === 'public.test' ? ['203.0.113.10'] : ['127.0.0.1']),
    });
    await expect(f.fetch(`${server.base.replace('127.0.0.1', 'localhost')}/`)).rejects.toThrow(
      /blocked address 127\.0\.0\.1/,
    );
  });

  it('only http and https', async () => {
    await expect(fetcher().fetch('ftp://127.0.0.1/x')).rejects.toThrow(/unsupported scheme ftp:/);
    await expect(fetcher().fetch('file:///etc/passwd')).rejects.toThrow(/unsupported scheme file:/);
  });

  it('a slow endpoint times out within its limit', async () => {
    const t0 = Date.now();
    await expect(fetcher({ timeoutMs: 1000, retries: 0 }).fetch(`${server.base}/slow`)).rejects.toThrow(
      /timed out after 1 s/,
    );
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('a redirect loop ends with a clear error', async () => {
    await expect(fetcher().fetch(`${server.base}/loop-a`)).rejects.toThrow(
      /redirect loop|too many redirects/,
    );
  });

  it('a huge body is cut off at the byte cap, while streaming', async () => {
    const t0 = Date.now();
    await expect(fetcher({ maxBytes: 1024 * 1024 }).fetch(`${server.base}/huge`)).rejects.toThrow(
      /larger than 1 MiB/,
    );
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a 503 with Retry-After is retried and turns into a 200', async () => {
    const r = await fetcher().fetch(`${server.base}/flaky`);
    expect(r.status).toBe(200);
  });

  it('a 404 is an error', async () => {
    await expect(fetcher().fetch(`${server.base}/nope`)).rejects.toThrow('HTTP 404');
  });

  it('decodes gzip and brotli', async () => {
    for (const path of ['/gzip', '/brotli']) {
      const r = await fetcher().fetch(`${server.base}${path}`);
      expect(Buffer.from(r.bytes).toString('utf8')).toContain('全景天窗');
    }
  });

  it('decodes GBK from the header or from <meta charset>', async () => {
    for (const path of ['/gbk-header', '/gbk-meta']) {
      const r = await fetcher().fetch(`${server.base}${path}`);
      expect(decodeText(r.bytes, { contentType: r.contentType, html: true }).text).toContain('全景天窗');
    }
  });
});

describe('crawling', () => {
  it('follows links to depth 2, de-duplicated, same origin, honouring robots.txt', async () => {
    const seen: { url: string; error?: string }[] = [];
    const result = await crawl(
      [`${server.base}/`],
      { depth: 2, sameOrigin: true, maxPages: 50, ignoreRobots: false, fetcher: fetcher() },
      (p) => {
        seen.push({ url: p.url, ...(p.error ? { error: p.error } : {}) });
      },
    );
    const paths = seen
      .map((s) => `${new URL(s.url).pathname}${s.error ? ` (${s.error.split(' (')[0]})` : ''}`)
      .sort();
    expect(paths).toEqual([
      '/',
      '/private/draft.html (disallowed by robots.txt)',
      '/products/range.md',
      '/products/roof.html',
    ]);
    expect(result).toMatchObject({ pages: 3, failures: 1 });
    expect(server.requests.some((r) => r.includes('elsewhere'))).toBe(false);
  });

  it('a sitemap as a start URL gives the pages it lists', async () => {
    const seen: string[] = [];
    await crawl(
      [`${server.base}/sitemap.xml`],
      { depth: 0, sameOrigin: true, maxPages: 50, ignoreRobots: false, fetcher: fetcher() },
      (p) => {
        seen.push(new URL(p.url).pathname);
      },
    );
    expect(seen.sort()).toEqual(['/', '/products/range.md', '/products/roof.html']);
  });

  it('stops at maxPages and says how many were left', async () => {
    const r = await crawl(
      [`${server.base}/`],
      { depth: 2, sameOrigin: true, maxPages: 2, ignoreRobots: true, fetcher: fetcher() },
      () => undefined,
    );
    expect(r.pages).toBe(2);
    expect(r.truncated).toBeGreaterThan(0);
  });
});
