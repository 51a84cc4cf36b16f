import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../../src/cli/format-context.js';
import { github } from '../../src/report/github.js';
import { html } from '../../src/report/html.js';
import { junit } from '../../src/report/junit.js';
import { markdown } from '../../src/report/markdown.js';
import { sarif } from '../../src/report/sarif.js';
import { validateSarif } from '../helpers/sarif.js';
import { cleanReport, fullReport } from './fixtures/reports.js';

const context = { color: false, rules: ruleDocs() };
const reports = [
  ['clean', cleanReport],
  ['full', fullReport],
] as const;

describe.each(reports)('formats on the %s report', (_, report) => {
  it('sarif: snapshot, and the official validator finds no errors or warnings', () => {
    const out = sarif(report, context);
    expect(JSON.parse(out)).toMatchSnapshot();
    expect(validateSarif(out)).toEqual([]);
  });

  it('junit: snapshot, and well-formed XML', () => {
    const out = junit(report, context);
    expect(out).toMatchSnapshot();
    expect(XMLValidator.validate(out)).toBe(true);
  });

  it('github: snapshot', () => {
    expect(github(report, context)).toMatchSnapshot();
  });

  it('markdown: snapshot', () => {
    expect(markdown(report, context)).toMatchSnapshot();
  });

  it('html: snapshot', () => {
    expect(html(report, context)).toMatchSnapshot();
  });
});

describe('format details', () => {
  it('sarif: rules carry help and helpUri; image findings point at the image with a region', () => {
    const log = JSON.parse(sarif(fullReport, context));
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({
      name: 'claimlint',
      version: '0.0.0-test',
      informationUri: expect.stringMatching(/^https:/),
    });
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'feature-absent');
    expect(rule.help.markdown).toContain('## Why');
    expect(rule.helpUri).toMatch(/docs\/rules\/feature-absent\.md$/);
    const image = run.results.find(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('roof-banner.png'),
    );
    expect(image.locations[0].physicalLocation.region.properties.bbox).toEqual({
      x0: 40,
      y0: 30,
      x1: 260,
      y1: 80,
    });
    expect(run.results[0].partialFingerprints['claimlint/v1']).toBe('0123456789abcdef0123456789abcdef');
    expect(run.results[0].locations[0].physicalLocation.region).toMatchObject({
      startLine: 12,
      startColumn: 12,
    });
  });

  it('github: messages and properties are escaped', () => {
    const report = structuredClone(fullReport);
    report.findings[0]!.message = 'a,b:c\nd%e';
    report.findings[0]!.uri = 'dir,x/a:b.html';
    const line = github(report, context).split('\n')[0]!;
    expect(line).toBe(
      '::error file=dir%2Cx/a%3Ab.html,line=12,col=12,title=claimlint feature-absent (aion)::a,b:c%0Ad%25e',
    );
  });

  it('markdown: scanned text cannot inject markup', () => {
    const report = structuredClone(fullReport);
    report.findings[0]!.message = '<img src=x onerror=alert(1)> | [link](javascript:x)';
    const out = markdown(report, context);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; \\| \\[link\\](javascript:x)');
    expect(out).not.toContain('<img');
  });

  it('junit: a testcase per document, a failure per finding', () => {
    const out = junit(fullReport, context);
    expect(out.match(/<testcase /g)).toHaveLength(4);
    expect(out.match(/<failure /g)).toHaveLength(fullReport.findings.length);
  });

  it('html: scanned content is escaped and only the report script may run', () => {
    const out = html(fullReport, context);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('<script>alert(1)');
    expect(out).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:/);
    expect(out.match(/<script>/g)).toHaveLength(1);
  });
});
