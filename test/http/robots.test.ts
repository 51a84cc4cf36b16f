import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MAX_PATTERN_LENGTH,
  MAX_ROBOTS_RULES,
  parseRobots,
  robotsPatternMatches,
} from '../../src/sources/http/robots.js';
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

describe('robots.txt patterns (issue 15: backtracking took minutes)', () => {
  it('a 16-wildcard pattern against a 40-character path is answered (no backtracking)', () => {
    // With a regular expression built from the pattern this took minutes of CPU.
    const pattern = `/${'*a'.repeat(16)}*b`;
    const path = `/${'a'.repeat(40)}`;
    const robots = parseRobots(`User-agent: *\nDisallow: ${pattern}\n`);
    expect(robots.isAllowed(path)).toBe(true);
    expect(robots.isAllowed(`${path}b`)).toBe(false);
  });

  it.each([
    ['/a*c', '/abc', true],
    ['/a*c', '/ab', false],
    ['/a*c$', '/abcc', true],
    ['/a*c$', '/abcd', false],
    ['/*.pdf$', '/x.pdf.pdf', true],
    ['/*.pdf$', '/.pdf', true],
    ['/a*b*a$', '/aba', true],
    ['/a*b*a$', '/ab', false],
    ['/x$', '/x', true],
    ['/x$', '/xy', false],
    ['*', '/anything', true],
    ['/**a', '/za', true],
    ['/a*aa$', '/aa', false],
    ['/a*aa$', '/aaa', true],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(robotsPatternMatches(pattern, path)).toBe(expected);
  });

  it('agrees with a regular expression on generated patterns', () => {
    const alphabet = ['a', 'b', '*'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const pattern = `/${Array.from({ length: next() % 6 }, () => alphabet[next() % 3]).join('')}${next() % 2 ? '$' : ''}`;
      const path = `/${Array.from({ length: next() % 7 }, () => alphabet[next() % 2]).join('')}`;
      const anchored = pattern.endsWith('$');
      const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').join('.*');
      expect(robotsPatternMatches(pattern, path), `${pattern} ${path}`).toBe(
        new RegExp(`^${body}${anchored ? '$' : ''}`).test(path),
      );
    }
  });

  it('keeps at most MAX_ROBOTS_RULES rules; an over-long Disallow is shortened, an over-long Allow dropped', () => {
    const many = Array.from({ length: MAX_ROBOTS_RULES + 10 }, (_, i) => `Disallow: /r${i}/`).join('\n');
    const robots = parseRobots(`User-agent: *\n${many}\n`);
    expect(robots.isAllowed(`/r${MAX_ROBOTS_RULES - 1}/`)).toBe(false);
    expect(robots.isAllowed(`/r${MAX_ROBOTS_RULES + 5}/`)).toBe(true);
    const long = `/${'x'.repeat(MAX_PATTERN_LENGTH + 50)}`;
    const limited = parseRobots(
      `User-agent: *\nDisallow: ${long}\nAllow: /p${'y'.repeat(MAX_PATTERN_LENGTH)}\nDisallow: /p\n`,
    );
    expect(limited.isAllowed(long.slice(0, MAX_PATTERN_LENGTH))).toBe(false);
    expect(limited.isAllowed(`/p${'y'.repeat(MAX_PATTERN_LENGTH)}`)).toBe(false);
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
