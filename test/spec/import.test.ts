import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { draftSpec } from '../../src/spec/import/draft.js';
import { gridToHtml, parseCsv } from '../../src/spec/import/sheet.js';
import type { Finding, Report } from '../../src/types.js';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { hasRealPages, realPagesDir } from '../helpers/paths.js';

/** What a spec check says about features and values (not info, not input errors). */
const SPEC_RULES = ['feature-absent', 'feature-variant', 'value-mismatch', 'feature-denied'];
const specFindings = (r: Report) =>
  r.findings
    .filter((f) => SPEC_RULES.includes(f.ruleId))
    .map((f: Finding) => [f.ruleId, f.feature, f.variant]);

function scanJson(dir: string, page: string, spec: string): Report {
  // The Dongchedi report is over a megabyte: to a file, not through a pipe.
  const r = runCli(
    ['scan', page, '-s', spec, '--no-ocr', '-q', '-f', 'json=report.json', '--fail-on', 'never'],
    {
      cwd: dir,
    },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
}

describe('CSV parsing', () => {
  it('reads quotes, doubled quotes, line breaks in quotes and the delimiter the header uses', () => {
    expect(parseCsv('a;b;c\r\n"x;1";"say ""hi""";"two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['x;1', 'say "hi"', 'two\nlines'],
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe.skipIf(!hasRealPages)(
  'spec import: the Dongchedi configuration page (13 trims in a div grid)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-import-dcd-'));
    const page = join(realPagesDir, 'dongchedi-accord.html');
    copyFileSync(page, join(dir, 'accord.html'));

    it('drafts a valid spec with 13 variants, its equipment and numbers; the page agrees with it; one changed cell is one finding', () => {
      const r = runCli(['spec', 'import', 'accord.html', '-o', 'accord.yaml', '--date', '2025-12-01'], {
        cwd: dir,
      });
      expect(r.code).toBe(0);
      const yaml = readFileSync(join(dir, 'accord.yaml'), 'utf8');
      expect(yaml.split('\n')[0]).toBe(
        '# Drafted by `claimlint spec import` from accord.html on 2025-12-01.',
      );
      expect(r.stderr).toMatch(/rows not mapped to a feature \(kept as comments\):\n {2}厂商\n/);
      expect(r.stderr).toMatch(/accord\.yaml: 13 variants, \d+ features, \d+ rows unmapped\n$/);
      expect(yaml).toContain('#   发动机型号: ');
      expect(yaml).toContain('  - { id: v1, name: "雅阁 2023款 锐·T动 260TURBO 舒适版" }');
      // 21.98万 on the page is CNY in the spec.
      expect(yaml).toMatch(/ {2}price: \{ value: \{ v1: 179800, .* v11: 219800, .*\}, unit: "CNY" \}/);
      expect(yaml).toMatch(/ {2}sunroof: \{ standard: \[v1, v2, v3, v4, v6, /);
      expect(yaml).toMatch(/ {2}length_mm: \{ value: \{ v1: 4980, /);
      const valid = runCli(['spec', 'validate', 'accord.yaml'], { cwd: dir });
      expect(valid.stdout).toMatch(
        /valid: 雅阁 \(accord\) revision imported-2025-12-01, 13 variants, \d+ features/,
      );

      expect(specFindings(scanJson(dir, 'accord.html', 'accord.yaml'))).toEqual([]);

      // The 2023 舒适版 (v1) without its sunroof: the page's ●单天窗 under that trim is the one finding.
      writeFileSync(
        join(dir, 'changed.yaml'),
        yaml.replace('sunroof: { standard: [v1, v2,', 'sunroof: { standard: [v2,'),
      );
      expect(specFindings(scanJson(dir, 'accord.html', 'changed.yaml'))).toEqual([
        ['feature-absent', 'sunroof', '雅阁 2023款 锐·T动 260TURBO 舒适版'],
      ]);
    });
  },
);

// A configuration sheet with trims as columns, as a product team keeps it.
const SHEET = [
  ['配置', '标准续航版', '长续航版'],
  ['官方指导价', '9.98万', '11.98万'],
  ['CLTC纯电续航里程(km)', '420', '500'],
  ['座椅加热', '○', '●'],
  ['天窗', '-', '-'],
  ['全景天幕', '●', '●'],
  ['抬头显示', '选配', '标配'],
  ['手机无线充电', '无', ''],
  ['后雾灯', '●', '●'],
];
const toCsv = (grid: string[][]) => `${grid.map((r) => r.join(',')).join('\r\n')}\r\n`;
const withCell = (grid: string[][], row: number, col: number, value: string) =>
  grid.map((r, i) => (i === row ? r.map((c, j) => (j === col ? value : c)) : r));

async function writeXlsx(path: string, grid: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('配置表');
  for (const row of grid) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

describe.each([
  ['CSV', 'sheet.csv', async (path: string, grid: string[][]) => writeFileSync(path, `\ufeff${toCsv(grid)}`)],
  ['XLSX', 'sheet.xlsx', writeXlsx],
])('spec import: a %s configuration sheet', (_kind, name, write) => {
  it('drafts a valid spec; the configuration page agrees with it; one changed cell is one finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-import-sheet-'));
    // The published configuration page shows the same table.
    writeFileSync(join(dir, 'page.html'), `<h1>AION UT super 配置</h1>\n${gridToHtml(SHEET)}`);
    await write(join(dir, name), SHEET);
    const r = runCli(['spec', 'import', name, '-o', 'spec.yaml', '--product', 'AION UT super'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('rows not mapped to a feature (kept as comments):\n  后雾灯\n');
    const yaml = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect(yaml).toContain('product: { id: aion-ut-super, name: "AION UT super" }');
    expect(yaml).toContain('  price: { value: { v1: 99800, v2: 119800 }, unit: "CNY" }');
    expect(yaml).toContain('  range_km: { value: { v1: 420, v2: 500 }, unit: "km" }');
    expect(yaml).toContain('  heated_seats: { standard: [v2], optional: [v1] }');
    expect(yaml).toContain('  sunroof: absent');
    expect(yaml).toContain('  panoramic_glass_roof: standard');
    expect(yaml).toContain('  head_up_display: { standard: [v2], optional: [v1] }');
    expect(yaml).toContain('  wireless_charging: absent');
    expect(yaml).toContain('#   后雾灯: ● | ●');
    expect(runCli(['spec', 'validate', 'spec.yaml'], { cwd: dir }).code).toBe(0);
    expect(specFindings(scanJson(dir, 'page.html', 'spec.yaml'))).toEqual([]);

    // The sheet says the Long Range drives 520 km: the page's 500 is now the one finding.
    await write(join(dir, name), withCell(SHEET, 2, 2, '520'));
    expect(runCli(['spec', 'import', name, '-o', 'changed.yaml'], { cwd: dir }).code).toBe(0);
    expect(specFindings(scanJson(dir, 'page.html', 'changed.yaml'))).toEqual([
      ['value-mismatch', 'range_km', '长续航版'],
    ]);
  }, 60_000);
});

describe('spec import by URL', () => {
  it('fetches the sheet under the crawler rules: a loopback address needs --allow-private', async () => {
    const csv = toCsv(SHEET);
    const server = createServer((req, res) => {
      if (req.url === '/trims.csv')
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(csv);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trims.csv`;
    try {
      const refused = await runCliAsync(['spec', 'import', url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/blocked address 127\.0\.0\.1/);
      const r = await runCliAsync(['spec', 'import', url, '--allow-private', '--date', '2025-12-01']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`# Drafted by \`claimlint spec import\` from ${url} on 2025-12-01.`);
      expect(r.stdout).toContain('product: { id: trims, name: "trims" }');
      expect(r.stdout).toContain('  range_km: { value: { v1: 420, v2: 500 }, unit: "km" }');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('spec import of a label/value table (one product, no trims)', () => {
  it('gives a spec without variants', () => {
    const html =
      '<h1>AION Y Plus</h1><table><tr><th>天窗</th><td>无</td></tr><tr><th>CLTC续航里程</th><td>510km</td></tr><tr><th>官方指导价</th><td>11.98万</td></tr><tr><th>车身颜色</th><td>白</td></tr></table>';
    const draft = draftSpec(html, bundledClaimData(), {
      source: 'y.html',
      date: '2025-12-01',
      fallbackId: 'y',
    });
    expect(draft.variants).toEqual([]);
    expect(draft.yaml).toContain('product: { id: aion-y-plus, name: "AION Y Plus" }');
    expect(draft.yaml).not.toContain('variants:');
    expect(draft.yaml).toContain('  sunroof: absent');
    expect(draft.yaml).toContain('  range_km: { value: 510, unit: "km" }');
    expect(draft.yaml).toContain('  price: { value: 119800, unit: "CNY" }');
    expect(draft.unmapped).toEqual([{ label: '车身颜色', cells: ['白'] }]);
  });
});

describe('spec import errors', () => {
  it('a source without a configuration table is a usage error that says what to give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-import-err-'));
    writeFileSync(join(dir, 'about.html'), '<h1>About us</h1><p>We make cars.</p>');
    const r = runCli(['spec', 'import', 'about.html'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot import about\.html: no configuration table found/);
    expect(runCli(['spec', 'import', 'missing.csv'], { cwd: dir }).stderr).toMatch(
      /no such file: missing\.csv/,
    );
    // A sheet given as the spec says how to make one from it.
    writeFileSync(join(dir, 'trims.csv'), '配置,标准版\n天窗,无\n');
    const asSpec = runCli(['scan', 'about.html', '-s', 'trims.csv'], { cwd: dir });
    expect(asSpec.code).toBe(2);
    expect(asSpec.stderr).toContain('trims.csv is a configuration sheet or page, not a spec (YAML or JSON)');
    expect(asSpec.stderr).toContain(
      'hint: draft a spec from it: claimlint spec import trims.csv -o spec.yaml',
    );
  });
});
