import { Inflate } from 'fflate';

const MIB = 1024 * 1024;

export interface ZipLimits {
  /** all entries together, once decompressed */
  maxBytes: number;
  maxEntries: number;
}

/**
 * A Word draft is a few MiB unzipped, pictures included; a zip bomb is a few KiB that unzips to
 * gigabytes and kills the process before any error can be reported.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBytes: 256 * MIB, maxEntries: 10_000 };

export class ZipLimitError extends Error {
  override name = 'ZipLimitError';
}

const formatMiB = (n: number) => `${Math.round((n / MIB) * 10) / 10} MiB`;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The end of central directory record: the last one in the file (a comment may follow it). */
function findEnd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  throw new ZipLimitError('not a zip archive (no end of central directory)');
}

/** Sizes and offset from a ZIP64 extra field, for the ones the fixed fields mark 0xffffffff. */
function zip64(view: DataView, at: number, length: number, entry: Entry, uncompressed32: number): void {
  for (let p = at; p + 4 <= at + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        const v = Number(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (uncompressed32 === 0xffffffff) next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}

function centralDirectory(view: DataView, limits: ZipLimits): Entry[] {
  const end = findEnd(view);
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record and points at the ZIP64 end record.
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50)
      throw new ZipLimitError('corrupt zip archive (ZIP64 locator missing)');
    const end64 = Number(view.getBigUint64(locator + 8, true));
    if (end64 + 56 > view.byteLength || view.getUint32(end64, true) !== 0x06064b50)
      throw new ZipLimitError('corrupt zip archive (ZIP64 end record missing)');
    count = Number(view.getBigUint64(end64 + 32, true));
    offset = Number(view.getBigUint64(end64 + 48, true));
  }
  if (count > limits.maxEntries)
    throw new ZipLimitError(`the archive has ${count} entries, more than the limit of ${limits.maxEntries}`);
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== 0x02014b50)
      throw new ZipLimitError('corrupt zip archive (central directory)');
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = Buffer.from(view.buffer, view.byteOffset + p + 46, nameLength).toString('utf8');
    const entry: Entry = {
      name,
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    };
    zip64(view, p + 46 + nameLength, extraLength, entry, view.getUint32(p + 24, true));
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses a zip archive (.docx, .xlsx, an audit bundle) that unzips past the limit, before it is
 * handed to a library that would unzip it all in memory. The sizes an archive declares can lie, so
 * every entry is inflated here, in small steps, counting what comes out and keeping none of it:
 * the work stops as soon as the total passes the limit.
 */
export function checkZipExpansion(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  const over = () =>
    new ZipLimitError(
      `the archive unzips to more than ${formatMiB(limits.maxBytes)} (a zip bomb or an oversized document)`,
    );
  for (const entry of centralDirectory(view, limits)) {
    const local = entry.localOffset;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== 0x04034b50)
      throw new ZipLimitError(`corrupt zip archive (entry ${entry.name})`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.byteLength, start + entry.compressedSize));
    if (entry.method === 0) {
      total += data.byteLength;
      if (total > limits.maxBytes) throw over();
      continue;
    }
    if (entry.method !== 8)
      throw new ZipLimitError(
        `entry ${entry.name} uses compression method ${entry.method} (only deflate is read)`,
      );
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > limits.maxBytes) throw over();
    });
    // Small steps: deflate expands at most about 1000:1, so one step's output stays a few MiB.
    const STEP = 4096;
    try {
      for (let i = 0; i < data.byteLength; i += STEP)
        inflate.push(data.subarray(i, i + STEP), i + STEP >= data.byteLength);
      if (data.byteLength === 0) inflate.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof ZipLimitError) throw error;
      throw new ZipLimitError(`corrupt zip archive (entry ${entry.name}: ${(error as Error).message})`);
    }
  }
}
