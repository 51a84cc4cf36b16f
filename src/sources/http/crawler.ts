import * as cheerio from 'cheerio';
import picomatch from 'picomatch';
import { decodeText } from '../decode.js';
import { FetchError, type Fetcher, type FetchResult } from './fetcher.js';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type Robots } from './robots.js';
import { looksLikeSitemap, MAX_SITEMAP_URLS, parseSitemap, type SitemapContent } from './sitemap.js';
import { normalizeUrl } from './url-normalize.js';

export interface CrawlOptions {
  /** link depth from each start URL (0: only the start URLs) */
  depth: number;
  sameOrigin: boolean;
  include?: string[];
  exclude?: string[];
  maxPages: number;
  ignoreRobots: boolean;
  fetcher: Fetcher;
  onProgress?: (e: { fetched: number; queued: number; url: string }) => void;
}

export interface CrawledPage {
  url: string;
  result?: FetchResult;
  error?: string;
}

/** Links of an HTML page, absolute, http(s) only, respecting <base href>. */
export function extractLinks(html: string, pageUrl: string): string[] {
  const $ = cheerio.load(html);
  let base = pageUrl;
  const baseHref = $('base[href]').attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      // A broken <base> is ignored, as browsers do.
    }
  }
  const out: string[] = [];
  $('a[href], area[href]').each((_, el) => {
    const href = $(el).attr('href')?.trim();
    if (!href || href.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(href)) return;
    try {
      const u = new URL(href, base);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.push(u.href);
    } catch {
      // Not a URL: skip it.
    }
  });
  return out;
}

const isHtml = (r: FetchResult) =>
  /html/i.test(r.contentType ?? '') ||
  (!r.contentType && /<html|<body/i.test(Buffer.from(r.bytes.subarray(0, 512)).toString('latin1')));

/**
 * Breadth-first from the start URLs: same origin by default, include/exclude globs, robots.txt,
 * de-duplicated after normalising, capped at maxPages. A sitemap as a start URL expands into its
 * pages. Every URL ends up in onPage, fetched or with the reason it was not: nothing is dropped
 * silently.
 */
export async function crawl(
  starts: string[],
  options: CrawlOptions,
  onPage: (page: CrawledPage) => Promise<void> | void,
): Promise<{ pages: number; failures: number; truncated: number }> {
  const seen = new Set<string>();
  const queue: { url: string; depth: number; origin: string }[] = [];
  const robotsByOrigin = new Map<string, Promise<Robots>>();
  const include = options.include?.length ? picomatch(options.include.map(strip), { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude.map(strip), { dot: true }) : undefined;
  let pages = 0;
  let failures = 0;
  let truncated = 0;

  const robotsFor = (origin: string): Promise<Robots> => {
    let r = robotsByOrigin.get(origin);
    if (!r) {
      r = options.fetcher.fetch(`${origin}/robots.txt`).then(
        (res) => parseRobots(decodeText(res.bytes).text),
        // No robots.txt (4xx): everything is allowed. A server error: assume nothing is, as
        // search engines do, rather than crawl a site that may be saying no.
        (e: FetchError) => (/HTTP 5\d\d/.test(e.reason) ? DISALLOW_ALL : ALLOW_ALL),
      );
      robotsByOrigin.set(origin, r);
    }
    return r;
  };

  const enqueue = (url: string, depth: number, origin: string) => {
    let key: string;
    try {
      key = normalizeUrl(url);
    } catch {
      return;
    }
    if (seen.has(key)) return;
    if (options.sameOrigin && new URL(key).origin !== origin) return;
    const target = strip(key);
    if (include && !include(target)) return;
    if (exclude?.(target)) return;
    seen.add(key);
    if (pages + queue.length >= options.maxPages) {
      truncated++;
      return;
    }
    queue.push({ url: key, depth, origin });
  };

  for (const s of starts) {
    const origin = new URL(s).origin;
    if (looksLikeSitemap(s)) {
      const found: string[] = [];
      await readSitemap(s, options.fetcher, 0, found, async (url, error) => {
        failures++;
        await onPage({ url, error });
      });
      for (const page of found.slice(0, MAX_SITEMAP_URLS)) enqueue(page, options.depth, new URL(page).origin);
      continue;
    }
    enqueue(s, 0, origin);
  }

  while (queue.length) {
    const item = queue.shift()!;
    const u = new URL(item.url);
    if (!options.ignoreRobots && !(await robotsFor(u.origin)).isAllowed(`${u.pathname}${u.search}`)) {
      failures++;
      await onPage({
        url: item.url,
        error: 'disallowed by robots.txt (pass --ignore-robots for your own site)',
      });
      continue;
    }
    let result: FetchResult | undefined;
    try {
      result = await options.fetcher.fetch(item.url);
    } catch (e) {
      failures++;
      await onPage({ url: item.url, error: e instanceof FetchError ? e.reason : (e as Error).message });
      continue;
    }
    pages++;
    options.onProgress?.({ fetched: pages, queued: queue.length, url: item.url });
    await onPage({ url: item.url, result });
    if (item.depth < options.depth && isHtml(result)) {
      const { text } = decodeText(result.bytes, { contentType: result.contentType, html: true });
      for (const link of extractLinks(text, result.finalUrl)) enqueue(link, item.depth + 1, item.origin);
    }
  }
  return { pages, failures, truncated };
}

function strip(url: string): string {
  return url.replace(/^https?:\/\//i, '');
}

/**
 * A sitemap and, from an index, the sitemaps it lists (three levels, 50 a level): their pages go
 * into `found`; a sitemap that cannot be fetched or read, or that holds entries that are not read
 * (a file: URL, a relative <loc>, a truncated file), is reported with its reason.
 */
async function readSitemap(
  url: string,
  fetcher: Fetcher,
  level: number,
  found: string[],
  report: (url: string, error: string) => Promise<void>,
): Promise<void> {
  let content: SitemapContent;
  try {
    content = parseSitemap((await fetcher.fetch(url)).bytes);
  } catch (e) {
    await report(url, e instanceof FetchError ? e.reason : (e as Error).message);
    return;
  }
  const problems = [...content.problems];
  found.push(...content.pages);
  const children = level < 3 ? content.sitemaps.slice(0, 50) : [];
  if (children.length < content.sitemaps.length)
    problems.push(
      `the index lists ${content.sitemaps.length} sitemaps; ${children.length} read (at most 50 a level, 3 levels deep)`,
    );
  if (problems.length) await report(url, `sitemap: ${problems.join('; ')}`);
  for (const child of children) await readSitemap(child, fetcher, level + 1, found, report);
}
