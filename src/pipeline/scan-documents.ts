import { createHash } from 'node:crypto';
import { runRules } from '../check/engine.js';
import type { AssetMatch } from '../check/image-reuse.js';
import type { DocumentFacts } from '../check/rule.js';
import { buildClaimContext } from '../claims/context.js';
import { docxToHtml } from '../extract/docx.js';
import { buildReport } from '../report/build.js';
import { kindFromName, sniffBinaryKind, sniffKind } from '../sources/kinds.js';
import type { Claim, DocumentRecord, Report, ScanDocument, Segment } from '../types.js';
import { stableUri } from '../util/repo-root.js';
import { type ImageOutcome, ImageProcessor, type ImageTask, taskForRef } from './images.js';
import { processPdf } from './pdf.js';
import { processTextDocument } from './process.js';
import type { ScanSettings } from './scan.js';

/** A document held in memory (a request body, a pasted page), not a path. */
export interface InMemoryDocument {
  uri: string;
  bytes: Uint8Array;
  kind?: DocumentRecord['kind'];
  channel?: string;
  /** where the page will live: its relative image references resolve here (fetched only with fetchImage) */
  baseUrl?: string;
}

export type DocumentScanSettings = Omit<ScanSettings, 'inputs' | 'shard' | 'web' | 'readStdin' | 'cwd'> & {
  cwd?: string;
  /**
   * Fetches an image a page shows by URL (under the caller's address policy); without it such an
   * image is not read and says so.
   */
  fetchImage?: (url: string) => Promise<Uint8Array>;
};

const ABSOLUTE_URL = /^(https?:)?\/\//i;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * In-memory documents to a report, with the same stages as `scan`. No file is read, and nothing
 * is fetched unless the caller gives `fetchImage`: an image a page refers to by path (or by URL,
 * without fetchImage) is listed as not read at its element; an inline (data:) image and an image
 * sent as a document of its own are read. PDFs and Word drafts
 * are read as `scan` reads them; several specs (and `otherProducts`) are honoured the same way.
 */
export async function scanDocuments(
  inputs: InMemoryDocument[],
  settings: DocumentScanSettings,
): Promise<Report> {
  const now = settings.now ?? (() => performance.now());
  const started = new Date();
  const t0 = now();
  const specs = settings.specs?.length ? settings.specs : [settings.spec];
  const ctx = buildClaimContext(settings.data, specs, { otherProducts: settings.otherProducts ?? [] });
  const documents: DocumentFacts[] = [];
  const claims: Claim[] = [];
  const segments: Segment[] = [];
  const matches: AssetMatch[] = [];
  const images = settings.images ? new ImageProcessor(settings.images, ctx) : undefined;
  const imageJobs: Promise<ImageOutcome | undefined>[] = [];
  const directImages: ImageTask[] = [];
  try {
    for (const input of inputs) {
      const assigned = input.channel ? { channel: input.channel } : (settings.channelOf?.(input.uri) ?? {});
      const kind =
        input.kind ??
        kindFromName(input.uri) ??
        sniffBinaryKind(input.bytes) ??
        sniffKind(Buffer.from(input.bytes.subarray(0, 4000)).toString('utf8'));
      const doc: ScanDocument = {
        uri: input.uri,
        kind,
        bytes: input.bytes,
        sha256: sha256(input.bytes),
        ...assigned,
      };
      const facts: DocumentFacts = {
        record: { uri: doc.uri, kind, sha256: doc.sha256, status: 'ok', ...assigned },
        location: { line: 1, column: 1 },
        suppressionProblems: [],
      };
      if (kind === 'image') {
        if (images) {
          directImages.push({ uri: doc.uri, load: async () => doc.bytes, ...assigned });
          continue;
        }
        facts.record.status = 'skipped';
        facts.record.error = 'image not read: OCR and asset matching are off';
      } else if (kind === 'pdf') {
        try {
          const ocr = !!images && settings.images?.ocr !== false;
          const pdf = await processPdf(doc, ctx, {
            ocr,
            render: ocr || !!settings.images?.assets.length,
            ...(settings.pdf ? { limits: settings.pdf } : {}),
          });
          claims.push(...pdf.claims);
          segments.push(...pdf.segments);
          documents.push(...pdf.notes);
          for (const task of pdf.ocrTasks) if (images) imageJobs.push(images.process(task));
        } catch (error) {
          facts.record.status = 'error';
          facts.record.error = (error as Error)?.message ?? String(error);
        }
      } else {
        try {
          const converted = kind === 'docx' ? await docxToHtml(doc.bytes) : undefined;
          const processed = processTextDocument(doc, ctx, converted);
          claims.push(...processed.claims);
          segments.push(...processed.extract.segments);
          facts.suppressionProblems = processed.extract.suppressionProblems;
          const pageHeading = processed.extract.segments[0]?.pageHeading;
          processed.extract.images.forEach((ref, i) => {
            if (!images) return;
            // A page's base URL resolves its relative images; an absolute one needs none.
            const remote =
              settings.fetchImage && (input.baseUrl || ABSOLUTE_URL.test(ref.url.trim()))
                ? { baseUrl: input.baseUrl ?? 'https://base.invalid/', fetch: settings.fetchImage }
                : {};
            const task = taskForRef(
              ref,
              { uri: doc.uri, ...remote, ...(pageHeading ? { pageHeading } : {}), ...assigned },
              settings.cwd ?? process.cwd(),
              i,
            );
            imageJobs.push(images.process(task));
          });
        } catch (error) {
          facts.record.status = 'error';
          facts.record.error = (error as Error)?.message ?? String(error);
        }
      }
      documents.push(facts);
    }
    for (const task of directImages) if (images) imageJobs.push(images.process(task));
    for (const outcome of await Promise.all(imageJobs)) {
      if (!outcome) continue;
      documents.push(outcome.facts);
      claims.push(...outcome.claims);
      segments.push(...outcome.segments);
      if (outcome.match) matches.push(outcome.match);
    }
  } finally {
    await images?.close();
  }
  const { findings, suppressed } = runRules(
    {
      spec: settings.spec,
      specs,
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
      // Posted documents (serve) are not files: their names are their identity.
      ...(settings.cwd ? { identity: stableUri(settings.cwd) } : {}),
    },
  );
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
  });
}
