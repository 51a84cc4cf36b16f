import { createHash } from 'node:crypto';
import type { AssetMatch } from '../check/image-reuse.js';
import type { DocumentFacts } from '../check/rule.js';
import { buildClaimContext, type ClaimData } from '../claims/context.js';
import type { RulePack } from '../config/packs.js';
import { docxToHtml } from '../extract/docx.js';
import type { PdfLimits } from '../extract/pdf/limits.js';
import { buildReport } from '../report/build.js';
import type { IgnorePattern } from '../sources/ignore.js';
import { expandInputs, type InputEntry } from '../sources/inputs.js';
import { kindFromName, sniffBinaryKind, sniffKind } from '../sources/kinds.js';
import { type LocalAccess, readLocalFile, readUnderRoots } from '../sources/local-file.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { Claim, DocumentRecord, Report, ScanDocument, Segment, SeverityOrOff } from '../types.js';
import { stableUri } from '../util/repo-root.js';
import {
  DEFAULT_DOCUMENT_BUDGET_MS,
  DocumentBudgetError,
  type ThreadRules,
  textExtractor,
} from './extract-pool.js';
import {
  type ImageOutcome,
  ImageProcessor,
  type ImageSettings,
  type ImageTask,
  taskForRef,
} from './images.js';
import type { ResultsCacheSettings } from './incremental.js';
import { processPdf } from './pdf.js';
import { type ProcessedDocument, processTextDocument } from './process.js';
import { ReadAhead } from './read-ahead.js';
import { RulesByUnit } from './rules-by-unit.js';
import { segmentForRules } from './segment-for-rules.js';
import { inShard, type Shard } from './shard.js';
import type { WebSettings } from './web.js';

export type ChannelAssigner = (uri: string) => { channel?: string; owner?: string };

export interface ProgressEvent {
  done: number;
  total: number;
  uri: string;
  ocrQueue: number;
}

export interface ScanSettings {
  cwd: string;
  inputs: string[];
  /** the first (or only) spec */
  spec: NormalizedSpec;
  /** every product's spec, when the run checks several (spec is the first of them) */
  specs?: NormalizedSpec[];
  /** products the run has no spec for (config `otherProducts`) */
  otherProducts?: string[];
  asOf: string;
  data: ClaimData;
  toolVersion: string;
  /** from the enabled packs */
  severities?: Record<string, SeverityOrOff>;
  /** the config's `rules:` */
  overrides?: Record<string, SeverityOrOff>;
  packs?: RulePack[];
  images?: ImageSettings;
  minConfidence?: number;
  reviewBelow?: number;
  /** scan only this part of the inputs; the report then carries its claims for `merge` */
  shard?: Shard;
  /** fetching, crawling and rendering URL inputs */
  web?: WebSettings;
  readStdin?: () => Promise<Uint8Array>;
  /** left out of folder and glob expansion (--ignore, the config's ignore:) */
  ignore?: IgnorePattern[];
  /** the run's own files, left out of folder expansion (see ExpandOptions.own) */
  ownFiles?: string[];
  /** page, time and pixel limits for PDFs */
  pdf?: PdfLimits;
  channelOf?: ChannelAssigner;
  now?: () => number;
  onProgress?: (event: ProgressEvent) => void;
  /** what was read, before the rules run (`claimlint extract`) */
  onRead?: (read: { segments: Segment[]; claims: Claim[] }) => void;
  /** text extraction; the incremental runner puts a results cache in front of it */
  processText?: typeof processTextDocument;
  /** the results cache `processText` uses: extraction threads then write to it themselves */
  resultsCache?: ResultsCacheSettings;
  /** threads extracting local text documents (default: one a core when there are enough) */
  textWorkers?: number;
  /** time one document may take to be read and extracted (default 120 s) */
  documentTimeoutMs?: number;
  /** what may be read from the local disk: files under the scan roots, size-capped */
  local?: LocalAccess;
}

/** What a run measured, for the benchmark and the progress line. */
export interface ScanStats {
  ocrRuns: number;
  cacheHits: number;
  images: number;
  /** pages whose rules ran in the extraction threads */
  checkedInThreads?: number;
  /** pages the extraction threads found in the results cache (threads that run the rules look it up) */
  reusedInThreads?: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * An input file: read where it is, or where its link points when links are followed (and the target
 * is under the scan roots); never more than maxDocumentBytes.
 */
function readInput(path: string, local: LocalAccess | undefined): Promise<Uint8Array> {
  if (!local) return readLocalFile(path);
  return local.followSymlinks ? readUnderRoots(path, local) : readLocalFile(path, local.maxBytes);
}

/** A local input (file, stdin) as a document; URLs go through the crawler instead. */
async function read(
  entry: Exclude<InputEntry, { type: 'url' | 'skipped' }>,
  settings: ScanSettings,
): Promise<ScanDocument> {
  if (entry.type === 'error') throw new Error(entry.error);
  const bytes =
    entry.type === 'stdin'
      ? await (settings.readStdin ?? (() => Promise.reject(new Error('no standard input'))))()
      : await readInput(entry.path, settings.local);
  const sniff = () =>
    sniffBinaryKind(bytes) ?? sniffKind(Buffer.from(bytes.subarray(0, 4000)).toString('utf8'));
  const kind = entry.type === 'file' ? (kindFromName(entry.path) ?? sniff()) : sniff();
  return { uri: entry.uri, kind, bytes, sha256: sha256(bytes) };
}

/** A document's work that is not done within its time budget is an error for that document. */
function withinBudget<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DocumentBudgetError(`${what} took longer than ${ms / 1000} s (config documentTimeoutSeconds)`),
        ),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder';
  return e?.message ?? String(error);
}

/** Inputs to report: read, extract, claim, check. I/O happens here and in sources/ only. */
export async function scan(settings: ScanSettings, stats?: ScanStats): Promise<Report> {
  const now = settings.now ?? (() => performance.now());
  const started = new Date();
  const t0 = now();
  const specs = settings.specs?.length ? settings.specs : [settings.spec];
  const ctx = buildClaimContext(settings.data, specs, { otherProducts: settings.otherProducts ?? [] });
  // URLs are sharded after crawling (a shard cannot know the pages it has not fetched).
  const entries = (
    await expandInputs(settings.inputs, settings.cwd, {
      ...(settings.ignore ? { ignore: settings.ignore } : {}),
      ...(settings.ownFiles ? { own: settings.ownFiles } : {}),
    })
  ).filter((e) => e.type === 'url' || inShard(e.uri, settings.shard));
  const documents: DocumentFacts[] = [];
  // The rules run a page (with its images) at a time, as each is read: the run holds every claim
  // and segment only for `claimlint extract` (onRead).
  // The rules' settings as data: the extraction threads that run rules are given the same.
  const engine: ThreadRules['engine'] = {
    ...(settings.severities ? { severities: settings.severities } : {}),
    ...(settings.overrides ? { overrides: settings.overrides } : {}),
    ...(settings.minConfidence !== undefined ? { minConfidence: settings.minConfidence } : {}),
    ...(settings.reviewBelow !== undefined ? { reviewBelow: settings.reviewBelow } : {}),
  };
  const rules = new RulesByUnit(
    {
      spec: settings.spec,
      specs,
      asOf: settings.asOf,
      claimContext: ctx,
      packs: settings.packs ?? [],
    },
    { ...engine, identity: stableUri(settings.cwd) },
  );
  const allClaims: Claim[] | undefined = settings.onRead ? [] : undefined;
  const allSegments: Segment[] | undefined = settings.onRead ? [] : undefined;
  let readOrder = 0;
  /** What a document of the unit read (claims, segments) or an image matched; `image`: the job's place in the queue. */
  const collect = (
    unit: string,
    read: { claims?: Claim[]; segments?: Segment[]; match?: AssetMatch },
    image?: number,
  ) => {
    // Images' claims join the run's lists once all are done, in the order they were queued.
    if (image === undefined) {
      if (read.claims) allClaims?.push(...read.claims);
      if (read.segments) allSegments?.push(...read.segments);
    }
    // Trimmed to what the rules read when the unit may wait for its images; without images a page
    // is checked as soon as it is recorded, and the copies would cost more than they save.
    const segments =
      read.segments && !allSegments && images ? read.segments.map(segmentForRules) : read.segments;
    rules.add(
      unit,
      { ...read, ...(segments ? { segments } : {}) },
      image === undefined ? [0, readOrder++] : [1, image],
    );
  };
  const recordDocument = (facts: DocumentFacts) => {
    documents.push(facts);
    rules.record(facts);
  };
  const images = settings.images ? new ImageProcessor(settings.images, ctx) : undefined;
  const imageJobs: Promise<ImageOutcome | undefined>[] = [];
  const directImages: ImageTask[] = [];
  let done = 0;
  let total = entries.length;
  const progress = (uri: string) => {
    done++;
    settings.onProgress?.({ done, total, uri, ocrQueue: images?.pending ?? 0 });
  };
  const queueImage = (task: ImageTask) => {
    if (!images) return;
    total++;
    const unit = task.parentUri ?? task.uri;
    const job = imageJobs.length;
    rules.expect(unit);
    imageJobs.push(
      images.process(task).then((outcome) => {
        if (outcome) {
          // Claims in the order the images were queued, as a run that waited for them all.
          collect(
            unit,
            {
              claims: outcome.claims,
              segments: outcome.segments,
              ...(outcome.match ? { match: outcome.match } : {}),
            },
            job,
          );
          rules.record(outcome.facts);
        }
        rules.settle(unit);
        progress(task.uri);
        return outcome;
      }),
    );
  };

  /** A text document to claims, and its images to the image queue. */
  const processPage = (
    doc: ScanDocument,
    facts: DocumentFacts,
    assigned: { channel?: string; owner?: string },
    where: { path?: string; baseUrl?: string },
    read?: { converted?: string; extracted?: ProcessedDocument },
  ): Claim[] => {
    Object.assign(doc, assigned);
    const processed =
      read?.extracted ?? (settings.processText ?? processTextDocument)(doc, ctx, read?.converted);
    if (stats && processed.reused) stats.reusedInThreads = (stats.reusedInThreads ?? 0) + 1;
    if (processed.checked) {
      rules.addChecked(doc.uri, processed.checked, [0, readOrder++]);
      if (stats) stats.checkedInThreads = (stats.checkedInThreads ?? 0) + 1;
    } else collect(doc.uri, { claims: processed.claims, segments: processed.extract.segments });
    facts.suppressionProblems = processed.extract.suppressionProblems;
    const pageHeading = processed.extract.segments[0]?.pageHeading;
    const web = settings.web;
    processed.extract.images.forEach((ref, i) => {
      const task = taskForRef(
        ref,
        {
          uri: doc.uri,
          ...(where.path ? { path: where.path } : {}),
          ...(where.baseUrl && web
            ? { baseUrl: where.baseUrl, fetch: async (u: string) => (await web.fetcher.fetch(u)).bytes }
            : {}),
          ...(pageHeading ? { pageHeading } : {}),
          ...assigned,
        },
        settings.cwd,
        i,
        settings.local,
      );
      // An image's own channel pattern wins; otherwise it belongs to the page that shows it.
      const own = settings.channelOf?.(task.uri);
      queueImage(own?.channel ? { ...task, ...own } : task);
    });
    return processed.claims;
  };

  /** Any document but an image: a PDF, a Word draft (as HTML) or a text document. */
  const processDocument = async (
    doc: ScanDocument,
    facts: DocumentFacts,
    assigned: { channel?: string; owner?: string },
    where: { path?: string; baseUrl?: string },
  ): Promise<void> => {
    if (doc.kind !== 'pdf') {
      // mammoth runs in this thread and cannot be ended; its input is bounded (see checkZipExpansion)
      // and the run goes on without it when it is over the budget.
      const converted =
        doc.kind === 'docx'
          ? await withinBudget(docxToHtml(doc.bytes), budgetMs, 'converting the Word draft')
          : undefined;
      processPage(doc, facts, assigned, where, converted !== undefined ? { converted } : undefined);
      return;
    }
    Object.assign(doc, assigned);
    const ocr = !!images && settings.images?.ocr !== false;
    const pdf = await processPdf(doc, ctx, {
      ocr,
      render: ocr || !!settings.images?.assets.length,
      ...(settings.pdf ? { limits: settings.pdf } : {}),
    });
    collect(doc.uri, { claims: pdf.claims, segments: pdf.segments });
    for (const note of pdf.notes) recordDocument(note);
    for (const task of pdf.ocrTasks) queueImage(task);
  };

  const budgetMs = settings.documentTimeoutMs ?? DEFAULT_DOCUMENT_BUDGET_MS;

  const newFacts = (
    uri: string,
    kind: DocumentRecord['kind'],
    assigned: { channel?: string; owner?: string },
  ): DocumentFacts => ({
    record: { uri, kind, sha256: '', status: 'ok', ...assigned },
    location: { line: 1, column: 1 },
    suppressionProblems: [],
  });

  const extractor = textExtractor({
    documents: entries.filter((e) => e.type === 'file' && kindFromName(e.uri) !== 'image').length,
    data: settings.data,
    specs,
    otherProducts: settings.otherProducts ?? [],
    ctx,
    // A results cache or a bundle wraps extraction in this thread.
    ...(settings.processText ? { inThread: settings.processText } : {}),
    ...(settings.processText && settings.resultsCache ? { cache: settings.resultsCache } : {}),
    // Only `claimlint extract` reads more of a segment than the rules: threads send what they read.
    forRules: !settings.onRead,
    // The threads run a local page's rules when it is a unit on its own: a page that shows no
    // image, or any page when the run reads no text in images (no OCR, no asset matching: the
    // images it shows add only their records, RulesByUnit).
    ...(!settings.onRead && specs[0] === settings.spec && !entries.some((e) => e.type === 'url')
      ? {
          rules: {
            asOf: settings.asOf,
            packs: settings.packs ?? [],
            engine,
            cwd: settings.cwd,
            ...(settings.images?.ocr || settings.images?.assets.length
              ? { onlyPagesWithoutImages: true }
              : {}),
          },
        }
      : {}),
    ...(settings.textWorkers !== undefined ? { workers: settings.textWorkers } : {}),
    ...(settings.documentTimeoutMs !== undefined ? { budgetMs: settings.documentTimeoutMs } : {}),
  });
  const ahead = new ReadAhead(entries, (e) => read(e, settings), extractor, settings.channelOf);
  try {
    const urls: string[] = [];
    for (const entry of entries) {
      const prepared = await ahead.take();
      if (entry.type === 'url') {
        urls.push(entry.uri);
        total--;
        continue;
      }
      const assigned = settings.channelOf?.(entry.uri) ?? {};
      const facts = newFacts(
        entry.uri,
        entry.type === 'file' ? (kindFromName(entry.uri) ?? 'text') : 'text',
        assigned,
      );
      const record = facts.record;
      if (entry.type === 'skipped') {
        record.kind = 'other';
        record.status = 'skipped';
        record.error = entry.reason;
        recordDocument(facts);
        progress(entry.uri);
        continue;
      }
      try {
        if (prepared.readError !== undefined) throw prepared.readError;
        const doc = prepared.doc!;
        record.kind = doc.kind;
        record.sha256 = doc.sha256;
        if (doc.kind === 'image') {
          if (images) {
            // After the pages: an image that a page shows is read as part of that page (it gets
            // the page as parent), whatever the order of the inputs or the shard it falls in.
            // A file is read again then, so that a site's images are not all held until the pages are done.
            const load =
              entry.type === 'file'
                ? async () => readInput(entry.path, settings.local)
                : async () => doc.bytes;
            directImages.push({ uri: doc.uri, load, ...assigned });
            total--;
            continue;
          }
          record.status = 'skipped';
          record.error = 'image not read: OCR and asset matching are off';
        } else {
          if (prepared.extractError !== undefined) throw prepared.extractError;
          const where = entry.type === 'file' ? { path: entry.path } : {};
          if (prepared.processed) processPage(doc, facts, assigned, where, { extracted: prepared.processed });
          else await processDocument(doc, facts, assigned, where);
        }
      } catch (error) {
        record.status = 'error';
        record.error = describeError(error);
      }
      recordDocument(facts);
      progress(entry.uri);
    }
    if (urls.length) {
      if (!settings.web) throw new Error('URL inputs need the web settings');
      // Loaded only for URLs: the crawler brings undici.
      const { scanUrls } = await import('./web.js');
      await scanUrls(urls, settings.web, {
        shard: settings.shard,
        channelOf: settings.channelOf,
        onTotal: (n) => {
          total += n;
        },
        newFacts,
        onDocument: (facts) => {
          recordDocument(facts);
          progress(facts.record.uri);
        },
        processPage,
        processDocument,
        // A fetched page is extracted like a local one: a large one in a thread, under the budget.
        // A copy goes (a thread takes the bytes it is given), as the crawler still reads the links.
        extract: (doc) => extractor.process({ ...doc, bytes: doc.bytes.slice() }),
        queueImage,
        directImage: (task) => directImages.push(task),
      });
    }
    for (const task of directImages) queueImage(task);
    // The report lists an image's record in the order the images were queued (the first record of
    // an image shown by several pages is the one it keeps); the rules had each as it finished.
    for (const outcome of await Promise.all(imageJobs)) {
      if (!outcome) continue;
      documents.push(outcome.facts);
      allClaims?.push(...outcome.claims);
      allSegments?.push(...outcome.segments);
    }
  } finally {
    await extractor.close();
    await images?.close();
    await settings.web?.renderer?.close();
    await settings.web?.fetcher.close();
  }
  if (stats && images) {
    stats.ocrRuns = images.ocrRuns;
    stats.cacheHits = images.cache.hits;
    stats.images = imageJobs.length;
  }

  if (allSegments && allClaims) settings.onRead?.({ segments: allSegments, claims: allClaims });
  const { findings, suppressed, kept } = rules.finish(documents);
  return buildReport({
    toolVersion: settings.toolVersion,
    spec: settings.spec,
    specs,
    documents: documents.map((d) => d.record),
    findings,
    suppressed,
    startedAt: started,
    durationMs: now() - t0,
    asOf: settings.asOf,
    // What merge runs the cross-document rules on again: the claims they read.
    ...(settings.shard ? { shard: settings.shard, claims: kept } : {}),
  });
}
