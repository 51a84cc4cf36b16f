#!/usr/bin/env node
// Writes the PDF fixtures of the tests (committed): a five-page brochure with a two-column text
// page, a page that is only a picture (no text layer: it must be rendered and read by OCR), a
// Chinese page, a page with text and a picture, and a "scanned" page (a picture under an
// invisible text layer). Written by hand, object by object, so that it needs no PDF library and no fonts:
// Helvetica is one of the standard 14 fonts, the Chinese text uses the predefined Adobe-GB1
// font STSong-Light with the UniGB-UCS2-H CMap, and the picture is the JPEG of
// test/image/fixtures/banner-en.jpg embedded as it is (DCTDecode).
// Run: node scripts/make-pdf-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'pdf', 'fixtures');

/** Builds a PDF from object bodies (strings or Buffers); object i+1 is bodies[i]. */
function pdf(bodies, { rootRef = 1, trailerExtra = '' } = {}) {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  bodies.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${bodies.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${bodies.length + 1} /Root ${rootRef} 0 R ${trailerExtra}>>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

const stream = (dict, data) => {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
};

const latin = (s) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
const ucs2 = (s) => `<${[...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`;

/** Lines of text: [x, y (from the top), size, font, text]. */
function textOps(lines, pageHeight) {
  return lines
    .map(([x, y, size, font, text]) => {
      const str = font === 'F2' ? ucs2(text) : latin(text);
      return `BT /${font} ${size} Tf ${x} ${pageHeight - y} Td ${str} Tj ET`;
    })
    .join('\n');
}

const W = 595;
const H = 842;
const jpeg = readFileSync(join(root, 'test', 'image', 'fixtures', 'banner-en.jpg'));

// Page 1: a heading, then two columns whose lines sit on the same baselines: read line by line
// across the page they would mix ("Every trim comes with Long Range drives").
const page1 = textOps(
  [
    [56, 80, 24, 'F1', 'AION UT super'],
    [56, 110, 11, 'F1', 'The city car for everyone.'],
    [56, 160, 12, 'F1', 'Comfort'],
    [56, 180, 11, 'F1', 'Every trim comes with'],
    [56, 195, 11, 'F1', 'heated seats for the'],
    [56, 210, 11, 'F1', 'coldest mornings.'],
    [320, 160, 12, 'F1', 'Range'],
    [320, 180, 11, 'F1', 'The Long Range version'],
    [320, 195, 11, 'F1', 'drives 620 km (CLTC)'],
    [320, 210, 11, 'F1', 'on a single charge.'],
  ],
  H,
);
// Page 2: only the banner picture ("Panoramic sunroof", "Up to 600 km of range"), 1000x360 px.
const imgW = 500;
const imgH = 180;
const page2 = `q ${imgW} 0 0 ${imgH} 47 ${H - 60 - imgH} cm /Im1 Do Q`;
// Page 3: Chinese.
const page3 = textOps(
  [
    [56, 80, 22, 'F2', '埃安UT super'],
    [56, 120, 14, 'F2', '全景天窗，尽享开阔视野。'],
    [56, 170, 14, 'F2', '标准续航版CLTC续航420公里。'],
  ],
  H,
);

// Page 4: text, and the same picture below it: a picture on a page with a text layer is rendered
// on its own and read by OCR too.
const page4 = `${textOps(
  [
    [56, 80, 12, 'F1', 'Charging'],
    [56, 100, 11, 'F1', 'Charge at home or on the road.'],
  ],
  H,
)}\nq ${imgW} 0 0 ${imgH} 47 ${H - 300 - imgH} cm /Im1 Do Q`;

// Page 5: the picture with an invisible text layer over its words (render mode 3), as a scanned
// page that went through OCR software carries: the words are read once, from the text layer.
const page5 = `q ${imgW} 0 0 ${imgH} 47 ${H - 60 - imgH} cm /Im1 Do Q\nBT 3 Tr /F1 36 Tf 75 ${H - 124} Td ${latin('Panoramic sunroof')} Tj ET\nBT 3 Tr /F1 27 Tf 75 ${H - 204} Td ${latin('Up to 600 km of range')} Tj ET`;

const brochure = pdf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 14 0 R 16 0 R] /Count 5 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 9 0 R >> >> /Contents 6 0 R >>`,
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im1 12 0 R >> >> /Contents 7 0 R >>`,
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F2 10 0 R >> >> /Contents 8 0 R >>`,
  stream('', page1),
  stream('', page2),
  stream('', page3),
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [11 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 13 0 R /DW 1000 >>',
  stream(
    '/Type /XObject /Subtype /Image /Width 1000 /Height 360 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode',
    jpeg,
  ),
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 9 0 R >> /XObject << /Im1 12 0 R >> >> /Contents 15 0 R >>`,
  stream('', page4),
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 9 0 R >> /XObject << /Im1 12 0 R >> >> /Contents 17 0 R >>`,
  stream('', page5),
]);
writeFileSync(join(out, 'brochure.pdf'), brochure);

// An encrypted PDF: a standard security handler whose user password is not empty (the O and U
// entries do not match the empty password), so nothing can be read without the password.
const hex32 = (seed) =>
  `<${Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) % 256).toString(16).padStart(2, '0')).join('')}>`;
const encrypted = pdf(
  [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Contents 4 0 R >>`,
    stream('', 'BT ET'),
    `<< /Filter /Standard /V 1 /R 2 /O ${hex32(7)} /U ${hex32(11)} /P -44 >>`,
  ],
  { trailerExtra: `/Encrypt 5 0 R /ID [${hex32(3)} ${hex32(3)}] ` },
);
writeFileSync(join(out, 'encrypted.pdf'), encrypted);
console.log(`wrote ${out}/brochure.pdf (${brochure.length} bytes), encrypted.pdf`);
