import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkLanguageData, OcrSetupError } from '../../src/extract/image/language-data.js';
import { languageDataFile } from '../../src/extract/image/ocr-pool.js';

// Issue 15, item 7: empty or corrupt language data made tesseract.js hang, then throw a TypeError
// (exit 1). It is checked before the engine sees it.

const dir = mkdtempSync(join(tmpdir(), 'claimlint-langdata-'));
const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** A traineddata table of contents: the count, then one offset per component (-1: absent). */
function toc(offsets: number[]): Buffer {
  const b = Buffer.alloc(4 + offsets.length * 8);
  b.writeInt32LE(offsets.length, 0);
  for (const [i, o] of offsets.entries()) b.writeBigInt64LE(BigInt(o), 4 + i * 8);
  return b;
}

describe('checkLanguageData', () => {
  it('accepts the installed data', () => {
    expect(() => checkLanguageData(languageDataFile('eng'), 'eng')).not.toThrow();
    expect(() => checkLanguageData(languageDataFile('chi_sim'), 'chi_sim')).not.toThrow();
  });

  const installed = readFileSync(languageDataFile('eng'));
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(), /the file is empty/],
    ['not gzip', Buffer.from('garbage bytes that are not gzip'), /not a complete gzip file/],
    ['cut short', installed.subarray(0, 100_000), /not a complete gzip file/],
    ['gzip of text', gzipSync(Buffer.from('hello')), /not traineddata/],
    ['offsets past the end', gzipSync(Buffer.concat([toc([999_999, -1]), Buffer.alloc(10)])), /out of range/],
    ['no components', gzipSync(toc([-1, -1, -1])), /no components/],
  ];
  for (const [name, bytes, reason] of cases) {
    it(`refuses data that is ${name}, naming the language and the file`, () => {
      const path = file(`${name.replace(/\W/g, '-')}.traineddata.gz`, bytes);
      let error: unknown;
      try {
        checkLanguageData(path, 'eng');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OcrSetupError);
      expect((error as Error).message).toMatch(/OCR language data for "eng" is unusable/);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(reason);
    });
  }

  it('a missing file is named as missing', () => {
    expect(() => checkLanguageData(join(dir, 'none.gz'), 'chi_sim')).toThrow(/"chi_sim" is missing/);
  });
});
