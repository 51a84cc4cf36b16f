import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

const MIB = 1024 * 1024;

/** The sitemap protocol's own limits: 50 MiB uncompressed and 50,000 URLs a file. */
export const MAX_SITEMAP_BYTES = 50 * MIB;
export const MAX_SITEMAP_URLS = 50_000;

export interface SitemapContent {
  pages: string[];
  sitemaps: string[];
  /**
   * What the sitemap holds that is not read, each with its reason (a file: URL, a relative <loc>,
   * a truncated file): reported, never dropped silently.
   */
  problems: string[];
}

export class SitemapError extends Error {
  override name = 'SitemapError';
}

export function looksLikeSitemap(url: string, contentType?: string, text?: string): boolean {
  if (/\.xml(\.gz)?$/i.test(new URL(url).pathname)) return true;
  if (contentType && /xml/i.test(contentType) && text && /<(urlset|sitemapindex)[\s>]/.test(text))
    return true;
  return false;
}

/** Gzip undone with a cap on what comes out: a small .xml.gz can unzip to gigabytes. */
function gunzipCapped(bytes: Uint8Array, max: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: max });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
      throw new SitemapError(
        `the sitemap unzips to more than ${Math.round(max / MIB)} MiB (the sitemap protocol's limit; a decompression bomb?)`,
      );
    throw new SitemapError(`the sitemap is not valid gzip (${e.message})`);
  }
}

const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/**
 * A sitemap or sitemap index (gzipped or not): the page URLs, or the sitemaps it lists, and what
 * could not be read in it. Entries must be absolute http(s) URLs (the protocol says so); any other
 * (file:, relative, javascript:) is a problem, and so is a file cut off before its end.
 */
export function parseSitemap(bytes: Uint8Array, maxBytes = MAX_SITEMAP_BYTES): SitemapContent {
  const data = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipCapped(bytes, maxBytes) : Buffer.from(bytes);
  if (data.byteLength > maxBytes)
    throw new SitemapError(
      `the sitemap is larger than ${Math.round(maxBytes / MIB)} MiB (the sitemap protocol's limit)`,
    );
  const text = data.toString('utf8');
  const $ = cheerio.load(text, { xml: true });
  const problems: string[] = [];
  const refused: string[] = [];
  const locs = (sel: string) => {
    const out: string[] = [];
    $(sel).each((_, el) => {
      const loc = $(el).text().trim();
      if (/^https?:\/\//i.test(loc)) out.push(loc);
      else refused.push(loc);
    });
    return out;
  };
  const pages = locs('urlset > url > loc');
  const sitemaps = locs('sitemapindex > sitemap > loc');
  if (refused.length) {
    const examples = refused
      .slice(0, 3)
      .map((l) => `"${shorten(l)}"`)
      .join(', ');
    problems.push(
      `${refused.length} <loc> ${refused.length === 1 ? 'entry is' : 'entries are'} not an absolute http(s) URL and ${refused.length === 1 ? 'was' : 'were'} not fetched: ${examples}${refused.length > 3 ? ', ...' : ''}`,
    );
  }
  const isSet = /<urlset[\s>]/.test(text);
  const isIndex = /<sitemapindex[\s>]/.test(text);
  if (!isSet && !isIndex) problems.push('not a sitemap (no <urlset> or <sitemapindex>)');
  else if ((isSet && !/<\/urlset\s*>/.test(text)) || (isIndex && !/<\/sitemapindex\s*>/.test(text)))
    problems.push(
      `the sitemap is truncated (it ends before its closing tag): ${pages.length + sitemaps.length} entries read from what is there`,
    );
  else if (!pages.length && !sitemaps.length && !refused.length) problems.push('the sitemap lists no page');
  if (pages.length > MAX_SITEMAP_URLS)
    problems.push(
      `the sitemap lists ${pages.length} pages, more than the protocol's ${MAX_SITEMAP_URLS}: the first ${MAX_SITEMAP_URLS} are read`,
    );
  return { pages: pages.slice(0, MAX_SITEMAP_URLS), sitemaps, problems };
}
