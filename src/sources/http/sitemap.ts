import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

export interface SitemapContent {
  pages: string[];
  sitemaps: string[];
}

export function looksLikeSitemap(url: string, contentType?: string, text?: string): boolean {
  if (/\.xml(\.gz)?$/i.test(new URL(url).pathname)) return true;
  if (contentType && /xml/i.test(contentType) && text && /<(urlset|sitemapindex)[\s>]/.test(text))
    return true;
  return false;
}

/** A sitemap or sitemap index (gzipped or not): the page URLs, or the sitemaps it lists. */
export function parseSitemap(bytes: Uint8Array): SitemapContent {
  const data = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes);
  const $ = cheerio.load(data.toString('utf8'), { xml: true });
  const locs = (sel: string) =>
    $(sel)
      .map((_, el) => $(el).text().trim())
      .get()
      .filter((u: string) => /^https?:\/\//i.test(u));
  return { pages: locs('urlset > url > loc'), sitemaps: locs('sitemapindex > sitemap > loc') };
}
