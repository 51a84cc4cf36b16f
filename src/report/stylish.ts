import { Chalk } from 'chalk';
import type { Finding } from '../types.js';
import type { Formatter } from './format.js';
import { locationText } from './location-text.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** For people at a terminal: findings grouped by document, with channel and owner, and a summary. */
export const stylish: Formatter = (report, context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const severity = (s: Finding['severity']) =>
    s === 'error' ? c.red('error') : s === 'warning' ? c.yellow('warning') : c.blue('info');
  const lines: string[] = [];
  const byUri = new Map<string, Finding[]>();
  for (const f of report.findings) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), f]);
  const docs = new Map(report.documents.map((d) => [d.uri, d]));

  for (const [uri, findings] of byUri) {
    const doc = docs.get(uri);
    const channel = findings[0]?.channel ?? doc?.channel;
    const owner = findings[0]?.owner ?? doc?.owner;
    const label = [channel ? `channel: ${channel}` : '', owner ? `owner: ${owner}` : '']
      .filter(Boolean)
      .join(' · ');
    const parent = findings[0]?.parentUri ?? doc?.parentUri;
    const shownIn = parent ? c.dim(` (image in ${parent})`) : '';
    lines.push(`${c.underline(uri)}${shownIn}${label ? `  ${c.dim(`[${label}]`)}` : ''}`);
    const locs = findings.map((f) => locationText(f.location));
    const width = Math.max(...locs.map((l) => l.length));
    findings.forEach((f, i) => {
      const sev = severity(f.severity);
      const pad = ' '.repeat(7 - f.severity.length);
      const variant = f.variant ? c.dim(` [${f.variant}]`) : '';
      const review = f.review ? c.magenta(' (review: low OCR confidence)') : '';
      lines.push(
        `  ${c.dim(locs[i]!.padEnd(width))}  ${sev}${pad}  ${f.message}${variant}${review}  ${c.dim(f.ruleId)}`,
      );
    });
    lines.push('');
  }

  for (const s of report.baseline?.stale ?? []) {
    lines.push(
      c.yellow(
        `stale baseline entry: ${s.ruleId} in ${s.uri} (${s.fingerprint.slice(0, 12)}) matches nothing any more`,
      ),
    );
  }
  for (const s of report.baseline?.expired ?? []) {
    lines.push(
      c.yellow(
        `expired baseline entry: ${s.ruleId} in ${s.uri} (${s.fingerprint.slice(0, 12)}) expired on ${s.expires}${s.approvedBy ? ` (approved by ${s.approvedBy})` : ''}: its finding is shown again`,
      ),
    );
  }
  for (const s of report.baseline?.unexplained ?? []) {
    lines.push(
      c.yellow(
        `baseline entry without a reason: ${s.ruleId} in ${s.uri} (${s.fingerprint.slice(0, 12)}) still says "${s.reason ?? ''}"`,
      ),
    );
  }
  if (
    report.baseline?.stale.length ||
    report.baseline?.expired?.length ||
    report.baseline?.unexplained?.length
  )
    lines.push('');

  const { error, warning, info, documents, suppressed, skipped } = report.summary;
  const docsText = `${plural(documents, 'document')}${skipped ? `, ${skipped} skipped` : ''}`;
  const total = error + warning + info;
  const spec = `spec ${report.spec.product} revision ${report.spec.revision}`;
  const baselined = report.baseline?.accepted ? `, ${report.baseline.accepted} accepted by the baseline` : '';
  const reused = report.run.reused ? `, ${report.run.reused} reused unchanged` : '';
  const suppressedText = `${suppressed ? `, ${suppressed} suppressed` : ''}${baselined}${reused}`;
  if (total === 0) {
    lines.push(c.green(`✔ no problems in ${docsText} (${spec}${suppressedText})`));
  } else {
    const mark = error ? c.red.bold('✖') : c.yellow.bold('⚠');
    lines.push(
      `${mark} ${c.bold(plural(total, 'problem'))} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info) in ${docsText} (${spec}${suppressedText})`,
    );
  }
  return `${lines.join('\n')}\n`;
};
