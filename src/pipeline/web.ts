import { createHash } from 'node:crypto';
import type { DocumentFacts } from '../check/rule.js';
import { crawl } from '../sources/http/crawler.js';
import type { Fetcher } from '../sources/http/fetcher.js';
import type { Renderer } from '../sources/http/render.js';
import { kindFromMediaType, kindFromName, sniffKind } from '../sources/kinds.js';
import type { Claim, DocumentRecord, ScanDocument } from '../types.js';
import type { ImageTask } from './images.js';
import type { ProcessedDocument } from './process.js';
import { inShard, type Shard } from './shard.js';

export interface WebSettings {
  fetcher: Fetcher;
  crawl: {
    depth: number;
    sameOrigin: boolean;
    maxPages: number;
    ignoreRobots: boolean;
    include?: string[];
    exclude?: string[];
  };
  /** --render: pages are loaded in Chromium; its DOM is read and its screenshot OCR'd */
  renderer?: Renderer;
  onProgress?: (e: { fetched: number; queued: number; url: string }) => void;
}

type Assigned = { channel?: string; owner?: string };

export interface WebHooks {
  shard: Shard | undefined;
  channelOf: ((uri: string) => Assigned) | undefined;
  onTotal: (n: number) => void;
  newFacts: (uri: string, kind: DocumentRecord['kind'], assigned: Assigned) => DocumentFacts;
  onDocument: (facts: DocumentFacts) => void;
  processPage: (
    doc: ScanDocument,
    facts: DocumentFacts,
    assigned: Assigned,
    where: { baseUrl?: string },
    read?: { extracted?: ProcessedDocument },
  ) => Claim[];
  /** text extraction ahead of processPage (in a thread, under the document time budget) */
  extract?: (doc: ScanDocument) => Promise<ProcessedDocument>;
  queueImage: (task: ImageTask) => void;
  directImage: (task: ImageTask) => void;
  /** a PDF or Word document fetched by URL (read like a local one) */
  processDocument?: (
    doc: ScanDocument,
    facts: DocumentFacts,
    assigned: Assigned,
    where: { baseUrl?: string },
  ) => Promise<void>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sameClaim = (a: Claim, b: Claim) =>
  a.feature === b.feature && a.polarity === b.polarity && a.value === b.value;

/**
 * URL inputs: crawled (safely, see sources/http), then each fetched page goes through the same
 * extraction as a file. Every URL that could not be fetched is an input error with its reason.
 */
export async function scanUrls(urls: string[], web: WebSettings, hooks: WebHooks): Promise<void> {
  const crawlOptions = {
    ...web.crawl,
    fetcher: web.fetcher,
    ...(web.onProgress ? { onProgress: web.onProgress } : {}),
  };
  await crawl(urls, crawlOptions, async (page) => {
    if (!inShard(page.url, hooks.shard)) return;
    hooks.onTotal(1);
    const assigned = hooks.channelOf?.(page.url) ?? {};
    if (!page.result) {
      const facts = hooks.newFacts(page.url, kindFromName(page.url) ?? 'html', assigned);
      facts.record.status = 'error';
      facts.record.error = page.error ?? 'could not be fetched';
      hooks.onDocument(facts);
      return;
    }
    const res = page.result;
    const head = Buffer.from(res.bytes.subarray(0, 4000)).toString('utf8');
    const kind = kindFromMediaType(res.contentType) ?? kindFromName(page.url) ?? sniffKind(head);
    const facts = hooks.newFacts(page.url, kind, assigned);
    facts.record.sha256 = sha256(res.bytes);
    if (kind === 'image') {
      hooks.directImage({ uri: page.url, load: async () => res.bytes, ...assigned });
      return;
    }
    let doc: ScanDocument = {
      uri: page.url,
      kind,
      bytes: res.bytes,
      sha256: facts.record.sha256,
      ...(res.contentType ? { mediaType: res.contentType } : {}),
    };
    let baseUrl = res.finalUrl;
    if ((kind === 'pdf' || kind === 'docx') && hooks.processDocument) {
      try {
        await hooks.processDocument(doc, facts, assigned, { baseUrl });
      } catch (error) {
        facts.record.status = 'error';
        facts.record.error = (error as Error).message;
      }
      hooks.onDocument(facts);
      return;
    }
    let screenshot: Buffer | undefined;
    if (web.renderer && kind === 'html') {
      try {
        const rendered = await web.renderer.render(res.finalUrl);
        // The rendered DOM is UTF-8 whatever the page was served in.
        doc = {
          ...doc,
          bytes: new Uint8Array(Buffer.from(rendered.html, 'utf8')),
          mediaType: 'text/html; charset=utf-8',
        };
        baseUrl = rendered.finalUrl;
        screenshot = rendered.screenshot;
      } catch (error) {
        // By name: this module does not load the browser driver unless --render does.
        if ((error as Error).name === 'RenderBlockedError') {
          // Neither the browser's error page nor the served HTML is what a visitor sees.
          facts.record.status = 'error';
          facts.record.error = (error as Error).message;
          hooks.onDocument(facts);
          return;
        }
        facts.record.error = `rendering failed, the served HTML was read instead: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    try {
      Object.assign(doc, assigned);
      const extracted = hooks.extract ? await hooks.extract(doc) : undefined;
      const domClaims = hooks.processPage(
        doc,
        facts,
        assigned,
        { baseUrl },
        extracted ? { extracted } : undefined,
      );
      if (screenshot) {
        // Text drawn by CSS or canvas is only in the screenshot; what the DOM already says is not
        // claimed twice.
        const shot = screenshot;
        hooks.queueImage({
          uri: `${page.url}#screenshot`,
          parentUri: page.url,
          load: async () => new Uint8Array(shot),
          exclude: (c: Claim) => domClaims.some((d) => sameClaim(c, d)),
          ...assigned,
        });
      }
    } catch (error) {
      facts.record.status = 'error';
      facts.record.error = (error as Error).message;
    }
    hooks.onDocument(facts);
  });
}
