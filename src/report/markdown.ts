import type { Finding } from '../types.js';
import type { Formatter } from './format.js';
import { docsUrl } from './format.js';
import { locationText } from './location-text.js';

/** Scanned text in Markdown: no HTML, no links, no tables broken by a pipe. */
export function md(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
    .replace(/([`*_[\]|#~!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const ICON = { error: '🔴', warning: '🟡', info: 'ℹ️' } as const;
const LIMIT = 50;

/** A summary for a pull-request comment or a job summary: counts, then the findings. */
export const markdown: Formatter = (report) => {
  const { error, warning, info, documents, suppressed } = report.summary;
  const out: string[] = [];
  const verdict = error
    ? '❌ claimlint found problems'
    : warning
      ? '⚠️ claimlint found warnings'
      : '✅ claimlint: no problems';
  out.push(`## ${verdict}`, '');
  out.push(
    `Spec **${md(report.spec.product)}** revision **${md(report.spec.revision)}**, as of ${report.run.asOf}: ${documents} documents scanned${report.summary.skipped ? ` (${report.summary.skipped} skipped)` : ''}.`,
    '',
  );
  out.push(
    '| errors | warnings | info | suppressed |',
    '|---:|---:|---:|---:|',
    `| ${error} | ${warning} | ${info} | ${suppressed} |`,
    '',
  );
  if (report.findings.length) {
    const byRule = new Map<string, number>();
    for (const f of report.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    out.push('| rule | findings |', '|---|---:|');
    for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1]))
      out.push(`| [${rule}](${docsUrl(rule)}) | ${n} |`);
    out.push('');
    const byUri = new Map<string, Finding[]>();
    for (const f of report.findings) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), f]);
    let shown = 0;
    for (const [uri, findings] of byUri) {
      if (shown >= LIMIT) break;
      const channel = findings[0]?.channel
        ? ` (${md(findings[0].channel)}${findings[0].owner ? `, ${md(findings[0].owner)}` : ''})`
        : '';
      out.push(`### \`${uri.replace(/`/g, "'")}\`${channel}`, '');
      for (const f of findings) {
        if (shown++ >= LIMIT) break;
        out.push(`- ${ICON[f.severity]} **${f.ruleId}** \`${locationText(f.location)}\`: ${md(f.message)}`);
      }
      out.push('');
    }
    if (report.findings.length > LIMIT)
      out.push(`…and ${report.findings.length - LIMIT} more findings: see the full report.`, '');
  }
  if (report.baseline?.stale.length) {
    out.push(
      `${report.baseline.stale.length} baseline entries no longer match anything and can be removed.`,
      '',
    );
  }
  if (report.baseline?.expired?.length) {
    out.push(
      `${report.baseline.expired.length} baseline entries have expired; their findings are shown again.`,
      '',
    );
  }
  if (report.baseline?.unexplained?.length) {
    out.push(`${report.baseline.unexplained.length} baseline entries still need a reason.`, '');
  }
  out.push(`<sub>claimlint ${md(report.tool.version)}</sub>`, '');
  return out.join('\n');
};
