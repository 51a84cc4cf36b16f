import type { InputEntry } from '../sources/inputs.js';
import type { ScanDocument } from '../types.js';
import type { TextExtractor } from './extract-pool.js';
import type { ProcessedDocument } from './process.js';

export interface Prepared {
  doc?: ScanDocument;
  processed?: ProcessedDocument;
  /** the input could not be read */
  readError?: unknown;
  /** it was read but could not be extracted (not a text document claimlint can decode) */
  extractError?: unknown;
}

type LocalEntry = Exclude<InputEntry, { type: 'url' | 'skipped' }>;

/**
 * Reads local inputs and extracts the text documents among them ahead of the scan loop, up to
 * the extractor's `inFlight` at once (in threads when it is a pool), and hands them out in the
 * inputs' order: a parallel run adds documents, claims and images in the same order, and gives
 * the same report, as a sequential one. URLs are left to the crawler.
 */
export class ReadAhead {
  private readonly window: Promise<Prepared>[] = [];
  private next = 0;

  constructor(
    private readonly entries: InputEntry[],
    private readonly read: (entry: LocalEntry) => Promise<ScanDocument>,
    private readonly extractor: TextExtractor,
    private readonly channelOf?: (uri: string) => { channel?: string; owner?: string },
  ) {
    for (let i = 0; i < Math.min(extractor.inFlight, entries.length); i++) this.start(i);
  }

  private start(i: number): void {
    if (i < this.entries.length) this.window[i % this.extractor.inFlight] = this.prepare(this.entries[i]!);
  }

  /** The next entry's document and extraction; call once for each entry, in order. */
  async take(): Promise<Prepared> {
    const i = this.next++;
    const prepared = await this.window[i % this.extractor.inFlight]!;
    this.start(i + this.extractor.inFlight);
    return prepared;
  }

  private async prepare(entry: InputEntry): Promise<Prepared> {
    if (entry.type === 'url' || entry.type === 'skipped') return {};
    let doc: ScanDocument;
    try {
      doc = await this.read(entry);
    } catch (readError) {
      return { readError };
    }
    // Images wait for the pages; a PDF or a Word draft is read in the scan loop (pdf.js, mammoth).
    if (doc.kind === 'image' || doc.kind === 'pdf' || doc.kind === 'docx') return { doc };
    // The channel is part of each claim: set before extraction, as the scan loop does.
    Object.assign(doc, this.channelOf?.(entry.uri) ?? {});
    try {
      return { doc, processed: await this.extractor.process(doc) };
    } catch (extractError) {
      return { doc, extractError };
    }
  }
}
