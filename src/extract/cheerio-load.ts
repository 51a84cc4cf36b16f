import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as cheerio from 'cheerio';

/**
 * cheerio's `load` (parse5, with source locations) without cheerio's main entry, which also
 * loads undici, whatwg-mimetype and encoding-sniffer for `fromURL`: about 50 ms of start-up that
 * a scan of files never uses. The module is the one the main entry re-exports (cheerio is
 * pinned; test/extract/cheerio-load.test.ts checks it is the same function's behaviour).
 */
const require = createRequire(import.meta.url);
const file = join(dirname(require.resolve('cheerio/package.json')), 'dist', 'esm', 'load-parse.js');
const loaded = (await import(pathToFileURL(file).href)) as { load: typeof cheerio.load };

export const load: typeof cheerio.load = loaded.load;
