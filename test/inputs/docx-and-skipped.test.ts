import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxToHtml } from '../../src/extract/docx.js';
import type { Report, TextLocation } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { makeDocx } from '../helpers/docx.js';
import { fixture } from '../helpers/paths.js';
import { expectValidReport } from '../helpers/report-schema.js';

const specFile = fixture(import.meta.url, '..', '..', 'pdf', 'fixtures', 'spec.yaml');

describe('Word drafts (.docx)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-docx-'));
  let report: Report;
  let stylish: string;

  beforeAll(async () => {
    copyFileSync(specFile, join(dir, 'spec.yaml'));
    writeFileSync(
      join(dir, 'draft.docx'),
      await makeDocx(
        [
          'AION UT super spring campaign',
          'Draft copy for review.',
          '全景天窗，尽享星空。',
          'The Long Range version drives 620 km (CLTC).',
        ],
        [
          ['配置', '标准续航版', '长续航版'],
          ['座椅加热', '○', '●'],
          ['CLTC续航(km)', '420', '500'],
        ],
      ),
    );
    writeFileSync(join(dir, 'broken.docx'), 'not a zip at all');
    const r = runCli(
      ['scan', 'draft.docx', 'broken.docx', '-s', 'spec.yaml', '--no-ocr', '-q', '-f', 'json'],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout) as Report;
    stylish = runCli(['scan', 'draft.docx', '-s', 'spec.yaml', '--no-ocr', '-q'], { cwd: dir }).stdout;
  }, 60_000);

  it('gives its findings at paragraph numbers; a table that agrees with the spec gives none', () => {
    expectValidReport(report);
    const draft = report.findings.filter((f) => f.uri === 'draft.docx');
    expect(draft.map((f) => [f.ruleId, f.feature, (f.location as TextLocation).paragraph])).toEqual([
      ['feature-absent', 'sunroof', 3],
      ['value-mismatch', 'range_km', 4],
    ]);
    expect(report.documents.find((d) => d.uri === 'draft.docx')).toMatchObject({
      kind: 'docx',
      status: 'ok',
    });
    expect(stylish).toMatch(/ {2}¶3:\d+ +error +"全景天窗" promotes sunroof/);
  });

  it('a file that is not a .docx is an input error that says so', () => {
    const f = report.findings.find((x) => x.uri === 'broken.docx');
    expect(f?.ruleId).toBe('input-error');
    expect(f?.message).toMatch(/^not a readable Word document \(\.docx\)/);
  });

  it('puts one paragraph on each line of the HTML', async () => {
    const html = await docxToHtml(await makeDocx(['one', 'two'], [['a', 'b']]));
    expect(html.split('\n').map((l) => l.replace(/<[^>]+>/g, ''))).toEqual(['one', 'two', 'a', 'b']);
  });
});

describe('every file accounted for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-skipped-'));
  beforeAll(() => {
    copyFileSync(specFile, join(dir, 'spec.yaml'));
    mkdirSync(join(dir, 'site', 'css'), { recursive: true });
    mkdirSync(join(dir, 'site', 'drafts'), { recursive: true });
    writeFileSync(
      join(dir, 'site', 'index.html'),
      '<h1>AION UT super</h1><p>Heated seats on the Long Range.</p>',
    );
    writeFileSync(join(dir, 'site', 'notes.md'), '# Notes\n\nNothing to claim.\n');
    writeFileSync(join(dir, 'site', 'css', 'site.css'), 'body { color: red }');
    writeFileSync(join(dir, 'site', 'brief.doc'), 'old word');
    writeFileSync(join(dir, 'site', 'drafts', 'old.html'), '<p>全景天窗</p>');
  });

  it('a file of a type claimlint does not read is listed as skipped, with the reason, and counted', () => {
    const r = runCli(['scan', 'site', '-s', 'spec.yaml', '-q', '-f', 'json', '--fail-on', 'never'], {
      cwd: dir,
    });
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    const skipped = report.documents.filter((d) => d.status === 'skipped');
    expect(skipped.map((d) => [d.uri, d.kind, d.error])).toEqual([
      ['site/brief.doc', 'other', 'Word 97-2003 (.doc) is not read: save it as .docx'],
      [
        'site/css/site.css',
        'other',
        'not a type claimlint reads (.css): it reads .html .htm .md .txt .pdf .docx and images',
      ],
    ]);
    expect(report.summary).toMatchObject({ documents: 5, skipped: 2 });
    // Listed in every report: an info input-error each, never a failure.
    expect(report.findings.filter((f) => f.ruleId === 'input-error').map((f) => [f.uri, f.severity])).toEqual(
      [
        ['site/brief.doc', 'info'],
        ['site/css/site.css', 'info'],
      ],
    );
    const text = runCli(['scan', 'site', '-s', 'spec.yaml', '-q'], { cwd: dir }).stdout;
    expect(text).toMatch(/in 5 documents, 2 skipped \(spec/);
  });

  it('--ignore and the config ignore: leave files out on purpose', () => {
    const r = runCli(
      [
        'scan',
        'site',
        '-s',
        'spec.yaml',
        '-q',
        '-f',
        'json',
        '--fail-on',
        'never',
        '--ignore',
        '*.css',
        '--ignore',
        'site/drafts/**',
      ],
      { cwd: dir },
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.documents.map((d) => d.uri)).toEqual([
      'site/brief.doc',
      'site/index.html',
      'site/notes.md',
    ]);
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'spec: spec.yaml\nignore: ["*.doc", css]\n');
    const c = JSON.parse(
      runCli(['scan', 'site', '-q', '-f', 'json', '--fail-on', 'never'], { cwd: dir }).stdout,
    ) as Report;
    expect(c.documents.map((d) => d.uri)).toEqual([
      'site/drafts/old.html',
      'site/index.html',
      'site/notes.md',
    ]);
    expect(c.summary.skipped).toBeUndefined();
  });

  it("the run's own files in the scanned folder (spec, config, baseline, report outputs) are neither read nor skipped", () => {
    const r = runCli(
      [
        'scan',
        '.',
        '-s',
        'spec.yaml',
        '-q',
        '-f',
        'json',
        '-f',
        'html=site/report.html',
        '--fail-on',
        'never',
      ],
      { cwd: dir },
    );
    const report = JSON.parse(r.stdout) as Report;
    const uris = report.documents.map((d) => d.uri);
    expect(uris).not.toContain('spec.yaml');
    expect(uris).not.toContain('claimlint.config.yaml');
    expect(uris).not.toContain('site/report.html');
    expect(uris).toContain('site/index.html');
    // A second run does not read the first run's HTML report as marketing copy.
    const again = JSON.parse(
      runCli(
        [
          'scan',
          '.',
          '-s',
          'spec.yaml',
          '-q',
          '-f',
          'json',
          '-f',
          'html=site/report.html',
          '--fail-on',
          'never',
        ],
        {
          cwd: dir,
        },
      ).stdout,
    ) as Report;
    expect(again.documents.map((d) => d.uri)).not.toContain('site/report.html');
  });
});
