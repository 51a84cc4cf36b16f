import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as cheerio from 'cheerio';

/**
 * cheerio's `load` (parse5, the HTML standard's tree) without cheerio's main entry, which also
 * loads undici, whatwg-mimetype and encoding-sniffer for `fromURL`. Only a Word draft's HTML is
 * rewritten with it (src/extract/docx.ts); pages are read with `parsePage` (parse-page.ts).
 */
const require = createRequire(import.meta.url);
const file = join(dirname(require.resolve('cheerio/package.json')), 'dist', 'esm', 'load-parse.js');
const loaded = (await import(pathToFileURL(file).href)) as { load: typeof cheerio.load };

export const load: typeof cheerio.load = loaded.load;
