import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import { OcrCache } from '../cache/ocr-cache.js';
import type { AssetMatch } from '../check/image-reuse.js';
import type { DocumentFacts } from '../check/rule.js';
import type { ClaimContext } from '../claims/context.js';
import { extractDocumentClaims } from '../claims/extract.js';
import type { RegisteredAsset } from '../config/assets.js';
import { type DecodeLimits, decodeImage } from '../extract/image/decode.js';
import { type OcrResult, ocrImage, PREPROCESS_VERSION } from '../extract/image/ocr-image.js';
import { engineVersions, type OcrLanguage, OcrPool, OcrSetupError } from '../extract/image/ocr-pool.js';
import { ocrSegments } from '../extract/image/ocr-segments.js';
import { distance, hashImage, MATCH_THRESHOLD } from '../extract/image/phash.js';
import type { ImageRef } from '../extract/model.js';
import { type PdfPlacement, relocateSegment } from '../extract/pdf/relocate.js';
import { uriForPath } from '../sources/inputs.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, type LocalAccess, readUnderRoots } from '../sources/local-file.js';
import type { Claim, Location, Segment } from '../types.js';

export interface ImageSettings {
  ocr: boolean;
  languages: OcrLanguage[];
  concurrency: number;
  /** undefined: no cache */
  cacheDir?: string;
  limits: DecodeLimits;
  assets: RegisteredAsset[];
  /** where the OCR language folder is assembled */
  workDir: string;
  /** OCR workers owned by the caller (`serve` shares one pool across requests): not closed here */
  sharedPool?: () => Promise<OcrPool>;
}

/** One image to process: given as an input, or shown by a page. */
export interface ImageTask {
  uri: string;
  load: () => Promise<Uint8Array>;
  parentUri?: string;
  parentLocation?: Location;
  pageHeading?: string;
  channel?: string;
  owner?: string;
  /** set when the image cannot even be located (a remote image of a local page, ...) */
  unavailable?: string;
  /** claims to leave out (a page screenshot repeats what the page's DOM already says) */
  exclude?: (claim: Claim) => boolean;
  /** a rendered part of a PDF page: what OCR reads there belongs to the PDF, at that page */
  pdf?: PdfPlacement;
}

export interface ImageOutcome {
  facts: DocumentFacts;
  claims: Claim[];
  segments: Segment[];
  match?: AssetMatch;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Where a page's image reference points, as a task (or why it cannot be read). */
export function taskForRef(
  ref: ImageRef,
  page: {
    uri: string;
    path?: string;
    /** a fetched page: images resolve against its final URL and are fetched under the same rules */
    baseUrl?: string;
    fetch?: (url: string) => Promise<Uint8Array>;
    pageHeading?: string;
    channel?: string;
    owner?: string;
  },
  cwd: string,
  index: number,
  local?: LocalAccess,
): ImageTask {
  const base = {
    parentUri: page.uri,
    parentLocation: ref.location,
    ...(page.pageHeading ? { pageHeading: page.pageHeading } : {}),
    ...(page.channel ? { channel: page.channel } : {}),
    ...(page.owner ? { owner: page.owner } : {}),
  };
  const url = ref.url.trim();
  const data = /^data:image\/[\w.+-]+;base64,(.*)$/is.exec(url);
  if (data) {
    const bytes = new Uint8Array(Buffer.from(data[1]!, 'base64'));
    return { uri: `${page.uri}#image-${index + 1}`, load: async () => bytes, ...base };
  }
  if (page.baseUrl && page.fetch) {
    let absolute: string;
    try {
      absolute = new URL(url, page.baseUrl).href;
    } catch {
      return {
        uri: url,
        load: () => Promise.reject(new Error('not a URL')),
        unavailable: `not a valid image URL: ${url}`,
        ...base,
      };
    }
    const fetchImage = page.fetch;
    return { uri: absolute, load: () => fetchImage(absolute), ...base };
  }
  if (/^(https?:)?\/\//i.test(url)) {
    return {
      uri: url.startsWith('//') ? `https:${url}` : url,
      load: () => Promise.reject(new Error('not fetched')),
      unavailable:
        'a remote image of a local page is not fetched: scan the page by its URL to check its images',
      ...base,
    };
  }
  if (!page.path) {
    return {
      uri: url,
      load: () => Promise.reject(new Error('not found')),
      unavailable: 'cannot resolve the image',
      ...base,
    };
  }
  let clean: string;
  try {
    clean = decodeURIComponent(url.split(/[?#]/)[0]!);
  } catch {
    // One image with a broken escape is an error at that image; the page's other images are read.
    return {
      uri: url,
      load: () => Promise.reject(new Error(`malformed percent-escape in the image path: ${url}`)),
      ...base,
    };
  }
  if (/^file:/i.test(clean)) {
    return {
      uri: url,
      load: () => Promise.reject(new Error('file: URL')),
      unavailable: 'a file: URL in a page is not read: a page may only show images under the scan roots',
      ...base,
    };
  }
  const path = isAbsolute(clean) ? resolve(cwd, `.${clean}`) : resolve(dirname(page.path), clean);
  return {
    uri: uriForPath(path, cwd),
    // Under the scan roots, a regular file, never more than maxDocumentBytes: "../../etc/passwd",
    // a link out of the folder, /dev/zero or a FIFO is an input error at the image, not a read.
    load: () =>
      readUnderRoots(
        path,
        local ?? {
          roots: [dirname(page.path!)],
          followSymlinks: false,
          maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
        },
      ),
    ...base,
  };
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'image not found';
  if (e?.code === 'EISDIR') return 'is a folder, not an image';
  return e?.message ?? String(error);
}

/**
 * Images through the pipeline: safe decoding, perceptual hash against the asset registry, OCR
 * (cached, pooled) and claims from the recognised text. The same image shown by several pages is
 * processed once. A missing or broken image is an input error at the element that shows it.
 */
export class ImageProcessor {
  private pool: Promise<OcrPool> | undefined;
  readonly cache: OcrCache;
  private readonly seen = new Map<string, Promise<ImageOutcome | undefined>>();
  ocrRuns = 0;
  /** images being decoded, matched or read right now: the "OCR queue" of the progress line */
  pending = 0;

  constructor(
    private readonly settings: ImageSettings,
    private readonly ctx: ClaimContext,
  ) {
    this.cache = new OcrCache(settings.cacheDir);
  }

  private getPool(): Promise<OcrPool> {
    if (this.settings.sharedPool) return this.settings.sharedPool();
    this.pool ??= OcrPool.create({
      languages: this.settings.languages,
      concurrency: this.settings.concurrency,
      workDir: this.settings.workDir,
    });
    return this.pool;
  }

  /**
   * Processes an image once. A later reference to the same image adds nothing, unless the image
   * could not be read: then every page that shows it gets the input error at its own element.
   */
  async process(task: ImageTask): Promise<ImageOutcome | undefined> {
    const first = this.seen.get(task.uri);
    if (!first) {
      this.pending++;
      const p = this.run(task).finally(() => {
        this.pending--;
      });
      this.seen.set(task.uri, p);
      return p;
    }
    const outcome = await first;
    if (!outcome || outcome.facts.record.status === 'ok' || !task.parentUri) return undefined;
    const plain = outcome.facts.record.error?.replace(/^image \S+: /, '') ?? 'the image could not be read';
    return {
      facts: {
        record: { ...outcome.facts.record, parentUri: task.parentUri, error: `image ${task.uri}: ${plain}` },
        location: task.parentLocation ?? { line: 1, column: 1 },
        suppressionProblems: [],
      },
      claims: [],
      segments: [],
    };
  }

  private async run(task: ImageTask): Promise<ImageOutcome> {
    const facts: DocumentFacts = {
      record: {
        uri: task.uri,
        kind: 'image',
        sha256: '',
        status: 'ok',
        ...(task.parentUri ? { parentUri: task.parentUri } : {}),
        ...(task.channel ? { channel: task.channel } : {}),
        ...(task.owner ? { owner: task.owner } : {}),
      },
      location: task.parentLocation ?? { line: 1, column: 1 },
      suppressionProblems: [],
    };
    const fail = (message: string): ImageOutcome => {
      facts.record.status = task.unavailable ? 'skipped' : 'error';
      facts.record.error = task.parentUri ? `image ${task.uri}: ${message}` : message;
      return { facts, claims: [], segments: [] };
    };
    if (task.unavailable) return fail(task.unavailable);
    let bytes: Uint8Array;
    try {
      bytes = await task.load();
    } catch (error) {
      return fail(errorText(error));
    }
    facts.record.sha256 = sha256(bytes);
    const key = OcrCache.key({
      image: facts.record.sha256,
      engine: engineVersions(),
      languages: this.settings.languages,
      preprocess: PREPROCESS_VERSION,
    });
    // A cached reading means these very bytes decoded before: with no asset to match, the image
    // need not be decoded again (a warm run costs a hash and a file read per image).
    if (this.settings.ocr && !this.settings.assets.length) {
      const cached = await this.cache.get(key);
      if (cached) return { facts, ...this.claimsOf(task, cached) };
      // Not cached: the OCR workers start (in their threads) while this thread decodes.
      void this.getPool().catch(() => undefined);
    }
    let decoded: Awaited<ReturnType<typeof decodeImage>>;
    try {
      decoded = await decodeImage(bytes, this.settings.limits);
    } catch (error) {
      return fail(errorText(error));
    }
    const whole = {
      bbox: { x0: 0, y0: 0, x1: decoded.width, y1: decoded.height },
      width: decoded.width,
      height: decoded.height,
    };

    let match: AssetMatch | undefined;
    if (this.settings.assets.length) {
      const hashes = await hashImage(decoded.png);
      let best: { asset: RegisteredAsset; d: number } | undefined;
      for (const asset of this.settings.assets) {
        const d = distance(hashes, asset.hashes);
        if (d <= MATCH_THRESHOLD && (!best || d < best.d)) best = { asset, d };
      }
      if (best) {
        // A picture of a PDF is matched on the PDF, at its place on the page.
        const onPdf =
          task.pdf && task.parentLocation ? { uri: task.pdf.uri, location: task.parentLocation } : undefined;
        match = {
          uri: onPdf?.uri ?? task.uri,
          ...(task.parentUri && !onPdf ? { parentUri: task.parentUri } : {}),
          location: onPdf?.location ?? whole,
          asset: { file: best.asset.file, depicts: best.asset.depicts },
          distance: best.d,
        };
      }
    }

    if (!this.settings.ocr) return { facts, claims: [], segments: [], ...(match ? { match } : {}) };
    let result = this.settings.assets.length ? await this.cache.get(key) : undefined;
    if (!result) {
      try {
        result = await ocrImage(decoded, await this.getPool(), this.settings.languages);
        this.ocrRuns++;
      } catch (error) {
        // An engine that cannot start fails every image alike: that is the run's error (exit 2).
        if (error instanceof OcrSetupError) throw error;
        return fail(`OCR failed: ${errorText(error)}`);
      }
      await this.cache.set(key, result);
    }
    return { facts, ...this.claimsOf(task, result), ...(match ? { match } : {}) };
  }

  private claimsOf(task: ImageTask, result: OcrResult): { claims: Claim[]; segments: Segment[] } {
    const read = ocrSegments(task.uri, result, task.pageHeading ? { pageHeading: task.pageHeading } : {});
    const pdf = task.pdf;
    const segments = pdf ? read.map((s) => relocateSegment(s, pdf)) : read;
    const claims = extractDocumentClaims(segments, this.ctx)
      .map((c) => (task.channel ? { ...c, channel: task.channel } : c))
      .filter((c) => !task.exclude?.(c));
    return { claims, segments };
  }

  async close(): Promise<void> {
    if (this.pool) await (await this.pool.catch(() => undefined))?.close();
  }
}
