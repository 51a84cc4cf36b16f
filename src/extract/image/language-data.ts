import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UsageError } from '../../errors.js';

/**
 * The OCR engine cannot start. Its own failure modes are poor: tesseract.js never settles a
 * worker whose language data is empty or corrupt, then throws a TypeError in the main thread
 * (which used to end the run with exit 1, read by CI as "findings"). claimlint checks the data
 * itself first and stops with exit 2 and this message.
 */
export class OcrSetupError extends UsageError {
  override name = 'OcrSetupError';
  constructor(message: string) {
    super(message, 'reinstall the language data (npm ci), or scan with --no-ocr');
  }
}

/** A traineddata file starts with the number of its components and one 64-bit offset each. */
const MAX_ENTRIES = 64;
/** Language data is a few MB; gunzipped it must not grow past this. */
const MAX_UNZIPPED = 200 * 1024 * 1024;

const checked = new Map<string, string>();

/**
 * Checks a `<lang>.traineddata.gz` before tesseract.js sees it: a gzip stream that inflates
 * (its CRC is checked to the end), and a traineddata table of contents whose offsets lie inside
 * the file. Cached per path, size and mtime: a run checks each file once.
 */
export function checkLanguageData(file: string, lang: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile())
    throw new OcrSetupError(`OCR language data for "${lang}" is missing or not a file (${file})`);
  const stamp = `${info.size}:${info.mtimeMs}`;
  if (checked.get(file) === stamp) return;
  const bad = (why: string) =>
    new OcrSetupError(`OCR language data for "${lang}" is unusable (${file}): ${why}`);
  if (info.size === 0) throw bad('the file is empty');
  let data: Buffer;
  try {
    data = gunzipSync(readFileSync(file), { maxOutputLength: MAX_UNZIPPED });
  } catch (error) {
    throw bad(`not a complete gzip file (${(error as Error).message})`);
  }
  if (data.length < 4) throw bad('too short to be traineddata');
  const entries = data.readInt32LE(0);
  if (entries < 1 || entries > MAX_ENTRIES || data.length < 4 + entries * 8)
    throw bad('not traineddata (bad table of contents)');
  let present = 0;
  for (let i = 0; i < entries; i++) {
    const offset = Number(data.readBigInt64LE(4 + i * 8));
    if (offset === -1) continue;
    if (offset < 4 + entries * 8 || offset >= data.length)
      throw bad('not traineddata (an offset out of range)');
    present++;
  }
  if (!present) throw bad('not traineddata (no components)');
  checked.set(file, stamp);
}
