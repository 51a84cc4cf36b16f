import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfSegments } from '../../src/extract/pdf/layout.js';
import type { Finding, ImageLocation, Report } from '../../src/types.js';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

describe('PDF text layout', () => {
  it('reads two columns one after the other, not line by line across the page', () => {
    const item = (text: string, x: number, baseline: number, size = 11) => ({
      text,
      x,
      baseline,
      width: text.length * size * 0.5,
      size,
    });
    const segments = pdfSegments('b.pdf', [
      {
        page: 1,
        width: 595,
        height: 842,
        items: [
          item('Title of the brochure', 56, 80, 24),
          item('Every trim comes with', 56, 180),
          item('The Long Range version', 320, 180),
          item('heated seats.', 56, 195),
          item('drives 620 km.', 320, 195),
        ],
      },
    ]);
    expect(segments.map((s) => s.text)).toEqual([
      'Title of the brochure',
      'Every trim comes with heated seats.',
      'The Long Range version drives 620 km.',
    ]);
    expect(segments[0]!.source).toBe('heading');
    expect(segments[1]!.pageHeading).toBe('Title of the brochure');
    expect(segments[2]!.location).toMatchObject({ page: 1, bbox: { x0: 320 } });
  });

  it('a list item is a block of its own', () => {
    const item = (text: string, x: number, baseline: number) => ({
      text,
      x,
      baseline,
      width: text.length * 5,
      size: 10,
    });
    const segments = pdfSegments('l.pdf', [
      {
        page: 1,
        width: 595,
        height: 842,
        items: [
          item('Standard on every trim:', 56, 100),
          item('•', 56, 113),
          item('heated seats', 66, 113),
          item('•', 56, 126),
          item('no sunroof', 66, 126),
        ],
      },
    ]);
    expect(segments.map((s) => s.text)).toEqual([
      'Standard on every trim:',
      '• heated seats',
      '• no sunroof',
    ]);
  });

  it('joins CJK runs without spaces', () => {
    const [s] = pdfSegments('c.pdf', [
      {
        page: 3,
        width: 595,
        height: 842,
        items: [
          { text: '全景天窗', x: 56, baseline: 120, width: 56, size: 14 },
          { text: '尽享开阔视野', x: 112, baseline: 120, width: 84, size: 14 },
        ],
      },
    ]);
    expect(s?.text).toBe('全景天窗尽享开阔视野');
  });
});

// The brochure (scripts/make-pdf-fixtures.mjs): page 1 text in two columns, page 2 only a picture
// (the banner "Panoramic sunroof / Up to 600 km of range"), page 3 Chinese, page 4 text and the
// same picture 240 points lower, page 5 the picture under an invisible text layer (a scan). One run of the built
// CLI with OCR, then the assertions.
const where = (f: Finding) => [f.ruleId, f.feature, (f.location as ImageLocation).page];

describe('scanning a PDF brochure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-pdf-'));
  let report: Report;
  let sarif: {
    runs: {
      results: { ruleId: string; locations: { physicalLocation: { region: Record<string, unknown> } }[] }[];
      artifacts: { mimeType: string }[];
    }[];
  };
  let html: string;
  let stylish: string;
  beforeAll(() => {
    for (const f of ['brochure.pdf', 'encrypted.pdf', 'spec.yaml'])
      copyFileSync(fixture(import.meta.url, f), join(dir, f));
    const bytes = readFileSync(join(dir, 'brochure.pdf'));
    writeFileSync(join(dir, 'truncated.pdf'), bytes.subarray(0, 3000));
    writeFileSync(join(dir, 'notes.pdf'), 'this is not a PDF');
    const r = runCli(
      [
        'scan',
        'brochure.pdf',
        'encrypted.pdf',
        'truncated.pdf',
        'notes.pdf',
        '-s',
        'spec.yaml',
        '--concurrency',
        '1',
        '--cache-dir',
        join(dir, 'cache'),
        '-q',
        '-f',
        'stylish',
        '-f',
        'json=report.json',
        '-f',
        'sarif=report.sarif',
        '-f',
        'html=report.html',
      ],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    stylish = r.stdout;
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'));
    html = readFileSync(join(dir, 'report.html'), 'utf8');
  }, 180_000);

  it('gives the right findings on the right pages: text, picture-only (OCR) and Chinese', () => {
    expectValidReport(report);
    const brochure = report.findings.filter((f) => f.uri === 'brochure.pdf');
    expect(brochure.map(where)).toEqual([
      ['feature-variant', 'heated_seats', 1],
      ['value-mismatch', 'range_km', 1],
      ['feature-absent', 'sunroof', 2],
      ['value-mismatch', 'range_km', 2],
      ['feature-absent', 'sunroof', 3],
      // The picture on a page with text is read too, at its place on the page.
      ['feature-absent', 'sunroof', 4],
      ['value-mismatch', 'range_km', 4],
      // A "scanned" page: the invisible text layer says what the picture shows, once.
      ['feature-absent', 'sunroof', 5],
      ['value-mismatch', 'range_km', 5],
    ]);
    expect(brochure.slice(7).map((f) => (f.location as ImageLocation).confidence)).toEqual([
      undefined,
      undefined,
    ]);
    const [p2, p4] = [brochure[2]!, brochure[5]!].map((f) => (f.location as ImageLocation).bbox);
    expect(p4!.x0).toBe(p2!.x0);
    expect(p4!.y0 - p2!.y0).toBe(240);
    // Columns are read one after the other: the range claim is the Long Range version's.
    expect(brochure[1]).toMatchObject({ claimed: '620 km', variant: '长续航版' });
    expect(brochure[1]!.evidence?.text).toBe(
      'Range The Long Range version drives 620 km (CLTC) on a single charge.',
    );
    // The picture page went through OCR: its boxes are on the page, in points, with a confidence.
    const ocr = brochure[2]!;
    expect(ocr.evidence?.source).toBe('ocr');
    const box = (ocr.location as ImageLocation).bbox;
    expect(box.x0).toBeGreaterThanOrEqual(47);
    expect(box.x1).toBeLessThanOrEqual(547);
    expect(box.y1).toBeLessThanOrEqual(240);
    expect((ocr.location as ImageLocation).confidence).toBeGreaterThan(60);
    // Text-layer findings carry no OCR confidence.
    expect((brochure[0]!.location as ImageLocation).confidence).toBeUndefined();
    expect(brochure[4]!.evidence?.text).toContain('全景天窗');
  });

  it('an encrypted, a truncated and a fake PDF are input errors that say why', () => {
    const errors = Object.fromEntries(
      report.findings.filter((f) => f.ruleId === 'input-error').map((f) => [f.uri, f.message]),
    );
    expect(errors['encrypted.pdf']).toMatch(/encrypted \(password-protected\)/);
    expect(errors['truncated.pdf']).toMatch(/not a valid PDF \(corrupt or truncated\)/);
    expect(errors['notes.pdf']).toMatch(/not a valid PDF/);
    expect(report.documents.find((d) => d.uri === 'brochure.pdf')).toMatchObject({
      kind: 'pdf',
      status: 'ok',
    });
  });

  it('prints the page and box in stylish, SARIF and the HTML report', () => {
    expect(stylish).toMatch(/ {2}p2 @\d+,\d+ \d+x\d+ conf \d+ +error +"Panoramic sunroof" promotes sunroof/);
    expect(stylish).toMatch(/ {2}p1 @320,\d+ \d+x\d+ +error +"(drives )?620 km"/);
    const results = sarif.runs[0]!.results.filter((r) => r.ruleId === 'feature-absent');
    const regions = results.map((r) => r.locations[0]!.physicalLocation.region);
    expect(regions.map((r) => (r.properties as { page: number }).page)).toEqual([2, 3, 4, 5]);
    expect((regions[0]!.message as { text: string }).text).toMatch(/^page 2, box x=\d+ y=\d+ \d+x\d+ pt$/);
    expect(sarif.runs[0]!.artifacts.map((a) => a.mimeType)).toContain('application/pdf');
    // The HTML report shows the page with the region drawn on it.
    const figures = html.match(
      /<div class="figure"><img src="data:image\/jpeg;base64,[^"]+" alt="brochure.pdf">/g,
    );
    expect(figures?.length).toBe(9);
    expect(html).toContain('title="p2 @');
  });
});

describe('PDF limits', () => {
  it('a PDF over the page limit is an input error; with OCR off a picture page is listed as not read, and pictures still meet the asset registry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-pdf-limits-'));
    copyFileSync(fixture(import.meta.url, 'brochure.pdf'), join(dir, 'brochure.pdf'));
    copyFileSync(fixture(import.meta.url, 'spec.yaml'), join(dir, 'spec.yaml'));
    writeFileSync(join(dir, 'small.yaml'), 'pdf: { maxPages: 2 }\n');
    const limited = runCli(
      ['scan', 'brochure.pdf', '-s', 'spec.yaml', '-c', 'small.yaml', '-q', '-f', 'json'],
      {
        cwd: dir,
      },
    );
    const r1 = JSON.parse(limited.stdout) as Report;
    expect(r1.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['input-error', 'the PDF has 5 pages, more than the limit of 2 (config pdf.maxPages)'],
    ]);
    const noOcr = runCli(['scan', 'brochure.pdf', '-s', 'spec.yaml', '--no-ocr', '-q', '-f', 'json'], {
      cwd: dir,
    });
    const r2 = JSON.parse(noOcr.stdout) as Report;
    expect(
      r2.findings
        .filter((f) => f.ruleId === 'input-error')
        .map((f) => [f.severity, f.message, (f.location as ImageLocation).page]),
    ).toEqual([['info', 'page 2 has no text layer (a picture or a scan) and OCR is off: not read', 2]]);
    expect(
      r2.findings.filter((f) => f.ruleId !== 'input-error').map((f) => (f.location as ImageLocation).page),
    ).toEqual([1, 1, 3, 5, 5]);
    expect(r2.summary.skipped).toBe(1);
    // Pictures are still compared with the asset registry: the banner is a known sunroof picture.
    copyFileSync(
      fixture(import.meta.url, '..', '..', 'image', 'fixtures', 'banner-en.jpg'),
      join(dir, 'banner.jpg'),
    );
    writeFileSync(join(dir, 'assets.yaml'), 'assets:\n  - { file: banner.jpg, depicts: [sunroof] }\n');
    const assets = runCli(
      ['scan', 'brochure.pdf', '-s', 'spec.yaml', '--no-ocr', '--assets', 'assets.yaml', '-q', '-f', 'json'],
      {
        cwd: dir,
      },
    );
    const r3 = JSON.parse(assets.stdout) as Report;
    expect(
      r3.findings
        .filter((f) => f.ruleId === 'image-reuse')
        .map((f) => [f.uri, (f.location as ImageLocation).page, (f.location as ImageLocation).bbox]),
    ).toEqual([
      ['brochure.pdf', 2, { x0: 47, y0: 60, x1: 547, y1: 240 }],
      ['brochure.pdf', 4, { x0: 47, y0: 300, x1: 547, y1: 480 }],
      ['brochure.pdf', 5, { x0: 47, y0: 60, x1: 547, y1: 240 }],
    ]);
  });
});

describe('a PDF on standard input', () => {
  it('is known by its signature', () => {
    const r = runCli(
      ['scan', '-', '-s', fixture(import.meta.url, 'spec.yaml'), '--no-ocr', '-q', '-f', 'json'],
      {
        input: readFileSync(fixture(import.meta.url, 'brochure.pdf')),
      },
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.documents[0]).toMatchObject({ uri: '<stdin>', kind: 'pdf', status: 'ok' });
    expect(
      report.findings.filter((f) => f.uri === '<stdin>' && f.ruleId !== 'input-error').map(where),
    ).toEqual([
      ['feature-variant', 'heated_seats', 1],
      ['value-mismatch', 'range_km', 1],
      ['feature-absent', 'sunroof', 3],
      ['feature-absent', 'sunroof', 5],
      ['value-mismatch', 'range_km', 5],
    ]);
  });
});

describe('a PDF by URL', () => {
  it('is read like a local one: findings on its pages', async () => {
    const pdf = readFileSync(fixture(import.meta.url, 'brochure.pdf'));
    const server = createServer((req, res) => {
      if (req.url === '/brochure.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/brochure.pdf`;
    try {
      const r = await runCliAsync([
        'scan',
        url,
        '-s',
        fixture(import.meta.url, 'spec.yaml'),
        '--allow-private',
        '--no-ocr',
        '-q',
        '-f',
        'json',
      ]);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.documents.find((d) => d.uri === url)).toMatchObject({ kind: 'pdf', status: 'ok' });
      expect(report.findings.filter((f) => f.uri === url && f.ruleId !== 'input-error').map(where)).toEqual([
        ['feature-variant', 'heated_seats', 1],
        ['value-mismatch', 'range_km', 1],
        ['feature-absent', 'sunroof', 3],
        ['feature-absent', 'sunroof', 5],
        ['value-mismatch', 'range_km', 5],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
