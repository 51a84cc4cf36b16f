import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { runRules } from '../check/engine.js';
import type { DocumentFacts } from '../check/rule.js';
import { buildClaimContext, type ClaimData } from '../claims/context.js';
import type { RulePack } from '../config/packs.js';
import { buildReport } from '../report/build.js';
import { expandInputs, type InputEntry } from '../sources/inputs.js';
import { kindFromName, sniffKind } from '../sources/kinds.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { Claim, DocumentRecord, Report, ScanDocument, Segment, SeverityOrOff } from '../types.js';
import { processTextDocument } from './process.js';

export type ChannelAssigner = (uri: string) => { channel?: string; owner?: string };

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
  readStdin?: () => Promise<Uint8Array>;
  channelOf?: ChannelAssigner;
  now?: () => number;
  onProgress?: (event: { done: number; total: number; uri: string }) => void;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function read(entry: InputEntry, settings: ScanSettings): Promise<ScanDocument> {
  if (entry.type === 'error') throw new Error(entry.error);
  if (entry.type === 'url') throw new Error('URL inputs are not supported yet');
  const bytes =
    entry.type === 'stdin'
      ? await (settings.readStdin ?? (() => Promise.reject(new Error('no standard input'))))()
      : new Uint8Array(await readFile(entry.path));
  const kind =
    entry.type === 'file'
      ? (kindFromName(entry.path) ?? sniffKind(Buffer.from(bytes.subarray(0, 4000)).toString('utf8')))
      : sniffKind(Buffer.from(bytes.subarray(0, 4000)).toString('utf8'));
  return { uri: entry.uri, kind, bytes, sha256: sha256(bytes) };
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder';
  return e?.message ?? String(error);
}

/** Inputs to report: read, extract, claim, check. I/O happens here and in sources/ only. */
export async function scan(settings: ScanSettings): Promise<Report> {
  const now = settings.now ?? (() => performance.now());
  const started = new Date();
  const t0 = now();
  const ctx = buildClaimContext(settings.data, settings.spec);
  const entries = await expandInputs(settings.inputs, settings.cwd);
  const documents: DocumentFacts[] = [];
  const claims: Claim[] = [];
  const segments: Segment[] = [];

  let done = 0;
  for (const entry of entries) {
    const assigned = settings.channelOf?.(entry.uri) ?? {};
    const record: DocumentRecord = {
      uri: entry.uri,
      kind: entry.type === 'file' ? (kindFromName(entry.uri) ?? 'text') : 'text',
      sha256: '',
      status: 'ok',
      ...assigned,
    };
    const facts: DocumentFacts = { record, location: { line: 1, column: 1 }, suppressionProblems: [] };
    documents.push(facts);
    try {
      const doc = await read(entry, settings);
      Object.assign(doc, assigned);
      record.kind = doc.kind;
      record.sha256 = doc.sha256;
      if (doc.kind === 'image') {
        record.status = 'skipped';
        record.error = 'image OCR is not available in this build';
      } else {
        const processed = processTextDocument(doc, ctx);
        claims.push(...processed.claims);
        segments.push(...processed.extract.segments);
        facts.suppressionProblems = processed.extract.suppressionProblems;
      }
    } catch (error) {
      record.status = 'error';
      record.error = describeError(error);
    }
    done++;
    settings.onProgress?.({ done, total: entries.length, uri: entry.uri });
  }

  const { findings, suppressed } = runRules(
    {
      spec: settings.spec,
      claims,
      segments,
      documents,
      asOf: settings.asOf,
      claimContext: ctx,
      options: { packs: settings.packs ?? [] },
    },
    {
      ...(settings.severities ? { severities: settings.severities } : {}),
      ...(settings.overrides ? { overrides: settings.overrides } : {}),
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
  });
}
