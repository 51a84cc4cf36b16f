import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxToHtml } from '../../src/extract/docx.js';
import { xlsxGrid } from '../../src/spec/import/sheet.js';
import type { Report } from '../../src/types.js';
import { checkZipExpansion, ZipLimitError } from '../../src/util/zip-limits.js';
import { runCli } from '../helpers/cli.js';
import { makeDocx } from '../helpers/docx.js';
import { fixture } from '../helpers/paths.js';

const MIB = 1024 * 1024;
const small = { maxBytes: MIB, maxEntries: 100 };

let bomb: Buffer | undefined;
/** 300 MiB of spaces, deflated by zlib (JSZip would take seconds): over the default 256 MiB. */
const bombData = () => {
  bomb ??= deflateRawSync(Buffer.alloc(300 * MIB, 0x20), { level: 1 });
  return bomb;
};

/** A docx with one more part of `size` spaces (compressed to almost nothing). */
async function docxWithPadding(size: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await makeDocx(['全景天窗']));
  zip.file('word/media/padding.bin', Buffer.alloc(size, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Sets every central directory entry's declared uncompressed size to `size` (a lying archive). */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (
    let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    p >= 0;
    p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)
  )
    out.writeUInt32LE(size, p + 24);
  for (
    let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    p >= 0;
    p = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), p + 4)
  )
    out.writeUInt32LE(size, p + 22);
  return out;
}

describe('zip archives are measured before they are unzipped (issue 15 item 3)', () => {
  it('a docx that unzips past the limit is refused with the reason', async () => {
    const bomb = await docxWithPadding(3 * MIB);
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    await expect(docxToHtml(bomb, small)).rejects.toThrow(
      /not a readable Word document \(\.docx\): the archive unzips to more than 1 MiB/,
    );
  });

  it('sizes the archive declares are not trusted: what comes out is counted', async () => {
    const lying = lieAboutSizes(await docxWithPadding(3 * MIB), 100);
    expect(() => checkZipExpansion(lying, small)).toThrow(ZipLimitError);
  });

  it('a docx within the limit is read as before', async () => {
    const html = await docxToHtml(await docxWithPadding(100 * 1024), small);
    expect(html).toContain('全景天窗');
  });

  it('an archive with more entries than the limit is refused', async () => {
    const zip = new JSZip();
    for (let i = 0; i < 120; i++) zip.file(`f${i}.txt`, 'x');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    expect(() => checkZipExpansion(bytes, small)).toThrow(/120 entries, more than the limit of 100/);
  });

  it('an .xlsx configuration sheet is measured too', async () => {
    const raw = bombData();
    const bomb = storedZip('xl/padding.bin', raw, 300 * MIB);
    await expect(xlsxGrid(bomb)).rejects.toThrow(
      /not a readable \.xlsx workbook: the archive unzips to more than 256 MiB/,
    );
  });

  it('scan: a docx bomb is an input-error at that file, the run goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-zipbomb-'));
    copyFileSync(
      fixture(import.meta.url, '..', '..', 'pdf', 'fixtures', 'spec.yaml'),
      join(dir, 'spec.yaml'),
    );
    const raw = bombData();
    writeFileSync(join(dir, 'bomb.docx'), storedZip('word/document.xml', raw, 1000));
    writeFileSync(join(dir, 'page.html'), '<p>全景天窗</p>');
    const r = runCli(['scan', 'bomb.docx', 'page.html', '-s', 'spec.yaml', '--no-ocr', '-q', '-f', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.find((f) => f.uri === 'bomb.docx')).toMatchObject({
      ruleId: 'input-error',
      message: expect.stringMatching(/the archive unzips to more than 256 MiB/),
    });
    expect(report.findings.some((f) => f.uri === 'page.html' && f.ruleId === 'feature-absent')).toBe(true);
  });
});

/** A one-entry zip around already deflated data, declaring `declared` bytes uncompressed. */
function storedZip(name: string, deflated: Buffer, declared: number): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.byteLength, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.byteLength, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.byteLength, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.byteLength, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = 30 + n.byteLength + deflated.byteLength;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.byteLength, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}
