import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../src/sources/http/robots.js';
import { parseSitemap } from '../../src/sources/http/sitemap.js';

describe('robots.txt', () => {
  const robots = parseRobots(`
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$

User-agent: claimlint
Disallow: /staging
Sitemap: https://example.com/sitemap.xml
`);
  it('uses the group for claimlint when there is one', () => {
    expect(robots.isAllowed('/staging/x')).toBe(false);
    expect(robots.isAllowed('/private/x')).toBe(true);
  });
  it('longest match wins, Allow wins ties, wildcards and anchors', () => {
    const star = parseRobots(
      'User-agent: *\nDisallow: /private/\nAllow: /private/press/\nDisallow: /*.pdf$\n',
    );
    expect(star.isAllowed('/private/x')).toBe(false);
    expect(star.isAllowed('/private/press/a')).toBe(true);
    expect(star.isAllowed('/a/b.pdf')).toBe(false);
    expect(star.isAllowed('/a/b.pdf?x')).toBe(true);
    expect(star.isAllowed('/')).toBe(true);
  });
  it('lists sitemaps', () => {
    expect(robots.sitemaps).toEqual(['https://example.com/sitemap.xml']);
  });
});

describe('sitemaps', () => {
  it('reads a urlset, an index and gzip', () => {
    const set =
      '<urlset><url><loc>https://a.example/x</loc></url><url><loc> https://a.example/y </loc></url></urlset>';
    expect(parseSitemap(new Uint8Array(Buffer.from(set))).pages).toEqual([
      'https://a.example/x',
      'https://a.example/y',
    ]);
    const index = '<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(new Uint8Array(gzipSync(index))).sitemaps).toEqual(['https://a.example/s1.xml']);
  });
});
