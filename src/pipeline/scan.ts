import { createHash } from 'node:crypto';
import { runRules } from '../check/engine.js';
import type { AssetMatch } from '../check/image-reuse.js';
import type { DocumentFacts } from '../check/rule.js';
import { buildClaimContext, type ClaimData } from '../claims/context.js';
import type { RulePack } from '../config/packs.js';
import { buildReport } from '../report/build.js';
import { expandInputs, type InputEntry } from '../sources/inputs.js';
import { kindFromName, sniffKind } from '../sources/kinds.js';
import { readLocalFile } from '../sources/local-file.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { Claim, DocumentRecord, Report, ScanDocument, Segment, SeverityOrOff } from '../types.js';
import {
  type ImageOutcome,
  ImageProcessor,
  type ImageSettings,
  type ImageTask,
  taskForRef,
} from './images.js';
import { processTextDocument } from './process.js';
import { inShard, type Shard } from './shard.js';
import { scanUrls, type WebSettings } from './web.js';

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
  spec: NormalizedSpec;
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
  channelOf?: ChannelAssigner;
  now?: () => number;
  onProgress?: (event: ProgressEvent) => void;
}

/** What a run measured, for the benchmark and the progress line. */
export interface ScanStats {
  ocrRuns: number;
  cacheHits: number;
  images: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A local input (file, stdin) as a document; URLs go through the crawler instead. */
async function read(
  entry: Exclude<InputEntry, { type: 'url' }>,
  settings: ScanSettings,
): Promise<ScanDocument> {
  if (entry.type === 'error') throw new Error(entry.error);
  const bytes =
    entry.type === 'stdin'
      ? await (settings.readStdin ?? (() => Promise.reject(new Error('no standard input'))))()
      : await readLocalFile(entry.path);
  const sniff = () => sniffKind(Buffer.from(bytes.subarray(0, 4000)).toString('utf8'));
  const kind = entry.type === 'file' ? (kindFromName(entry.path) ?? sniff()) : sniff();
  return { uri: entry.uri, kind, bytes, sha256: sha256(bytes) };
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
  const ctx = buildClaimContext(settings.data, settings.spec);
  // URLs are sharded after crawling (a shard cannot know the pages it has not fetched).
  const entries = (await expandInputs(settings.inputs, settings.cwd)).filter(
    (e) => e.type === 'url' || inShard(e.uri, settings.shard),
  );
  const documents: DocumentFacts[] = [];
  const claims: Claim[] = [];
  const segments: Segment[] = [];
  const matches: AssetMatch[] = [];
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
    imageJobs.push(
      images.process(task).then((outcome) => {
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
  ): Claim[] => {
    Object.assign(doc, assigned);
    const processed = processTextDocument(doc, ctx);
    claims.push(...processed.claims);
    segments.push(...processed.extract.segments);
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
      );
      // An image's own channel pattern wins; otherwise it belongs to the page that shows it.
      const own = settings.channelOf?.(task.uri);
      queueImage(own?.channel ? { ...task, ...own } : task);
    });
    return processed.claims;
  };

  const newFacts = (
    uri: string,
    kind: DocumentRecord['kind'],
    assigned: { channel?: string; owner?: string },
  ): DocumentFacts => ({
    record: { uri, kind, sha256: '', status: 'ok', ...assigned },
    location: { line: 1, column: 1 },
    suppressionProblems: [],
  });

  try {
    const urls: string[] = [];
    for (const entry of entries) {
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
      try {
        const doc = await read(entry, settings);
        record.kind = doc.kind;
        record.sha256 = doc.sha256;
        if (doc.kind === 'image') {
          if (images) {
            // After the pages: an image that a page shows is read as part of that page (it gets
            // the page as parent), whatever the order of the inputs or the shard it falls in.
            directImages.push({ uri: doc.uri, load: async () => doc.bytes, ...assigned });
            total--;
            continue;
          }
          record.status = 'skipped';
          record.error = 'image not read: OCR and asset matching are off';
        } else {
          processPage(doc, facts, assigned, entry.type === 'file' ? { path: entry.path } : {});
        }
      } catch (error) {
        record.status = 'error';
        record.error = describeError(error);
      }
      documents.push(facts);
      progress(entry.uri);
    }
    if (urls.length) {
      if (!settings.web) throw new Error('URL inputs need the web settings');
      await scanUrls(urls, settings.web, {
        shard: settings.shard,
        channelOf: settings.channelOf,
        onTotal: (n) => {
          total += n;
        },
        newFacts,
        onDocument: (facts) => {
          documents.push(facts);
          progress(facts.record.uri);
        },
        processPage,
        queueImage,
        directImage: (task) => directImages.push(task),
      });
    }
    for (const task of directImages) queueImage(task);
    for (const outcome of await Promise.all(imageJobs)) {
      if (!outcome) continue;
      documents.push(outcome.facts);
      claims.push(...outcome.claims);
      segments.push(...outcome.segments);
      if (outcome.match) matches.push(outcome.match);
    }
  } finally {
    await images?.close();
    await settings.web?.renderer?.close();
    await settings.web?.fetcher.close();
  }
  if (stats && images) {
    stats.ocrRuns = images.ocrRuns;
    stats.cacheHits = images.cache.hits;
    stats.images = imageJobs.length;
  }

  const { findings, suppressed } = runRules(
    {
      spec: settings.spec,
      claims,
      segments,
      documents,
      asOf: settings.asOf,
      claimContext: ctx,
      options: { packs: settings.packs ?? [], assetMatches: matches },
    },
    {
      ...(settings.severities ? { severities: settings.severities } : {}),
      ...(settings.overrides ? { overrides: settings.overrides } : {}),
      ...(settings.minConfidence !== undefined ? { minConfidence: settings.minConfidence } : {}),
      ...(settings.reviewBelow !== undefined ? { reviewBelow: settings.reviewBelow } : {}),
    },
  );
  return buildReport({
    toolVersion: settings.toolVersion,
    spec: settings.spec,
    documents: documents.map((d) => d.record),
    findings,
    suppressed,
    startedAt: started,
    durationMs: now() - t0,
    asOf: settings.asOf,
    ...(settings.shard ? { shard: settings.shard, claims } : {}),
  });
}
