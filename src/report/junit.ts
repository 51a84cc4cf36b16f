import type { Finding } from '../types.js';
import type { Formatter } from './format.js';
import { locationText } from './location-text.js';

/** XML text: escaped, and without the control characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/**
 * JUnit XML for CI test tabs: a test case per document, a failure per finding (its rule as the
 * type), so a page with problems shows as a failing test with each problem listed.
 */
export const junit: Formatter = (report) => {
  const byUri = new Map<string, Finding[]>();
  for (const d of report.documents)
    if (!d.parentUri || report.findings.some((f) => f.uri === d.uri)) byUri.set(d.uri, []);
  for (const f of report.findings) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), f]);
  const docs = new Map(report.documents.map((d) => [d.uri, d]));
  const failures = report.findings.length;
  const seconds = (report.run.durationMs / 1000).toFixed(3);
  const suite = `claimlint (spec ${report.spec.product} revision ${report.spec.revision})`;
  const cases = [...byUri.entries()].map(([uri, findings]) => {
    const doc = docs.get(uri);
    const classname = doc?.channel ?? findings[0]?.channel ?? 'claimlint';
    const body = findings
      .map((f) => {
        const where = `${uri}:${locationText(f.location)}`;
        const details = [
          `${f.severity}: ${f.message}`,
          `at ${where}`,
          f.feature ? `feature: ${f.feature}` : '',
          f.variant ? `variant: ${f.variant}` : '',
          f.claimed ? `claimed: ${f.claimed}` : '',
          f.expected ? `expected: ${f.expected}` : '',
          f.specPath ? `spec: ${f.specPath}` : '',
          f.owner ? `owner: ${f.owner}` : '',
        ]
          .filter(Boolean)
          .join('\n');
        return `      <failure type="${xml(f.ruleId)}" message="${xml(`${f.ruleId}: ${f.message}`)}">${xml(details)}</failure>`;
      })
      .join('\n');
    const attrs = `classname="${xml(classname)}" name="${xml(uri)}" file="${xml(uri)}" time="0"`;
    return body ? `    <testcase ${attrs}>\n${body}\n    </testcase>` : `    <testcase ${attrs}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="claimlint" tests="${byUri.size}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="${xml(suite)}" tests="${byUri.size}" failures="${failures}" errors="0" skipped="0" time="${seconds}" timestamp="${xml(report.run.startedAt.replace(/\.\d+Z$/, ''))}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
