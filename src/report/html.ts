import { createHash } from 'node:crypto';
import type { BaselineEntry, Finding, Report } from '../types.js';
import { isImageLocation } from '../types.js';
import { docsUrl, type EmbeddedImage, type Formatter } from './format.js';
import { locationText } from './location-text.js';

/** Everything scanned is text, never markup: a page saying `<img onerror=…>` shows those characters. */
export function h(s: string | number | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root{--err:#c0392b;--warn:#b9770e;--info:#2471a3;--ink:#1c2833;--muted:#5d6d7e;--line:#d5d8dc}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;color:var(--ink);margin:0;background:#f4f6f7}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}header{background:#fff;border-bottom:1px solid var(--line);max-width:none}
header .inner{max-width:1200px;margin:0 auto}h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-all}
table{border-collapse:collapse;background:#fff;width:100%;margin:4px 0 12px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#eaeded}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.filters{background:#fff;border:1px solid var(--line);padding:8px 12px;display:flex;flex-wrap:wrap;gap:16px;align-items:center;position:sticky;top:0;z-index:2}
.filters fieldset{border:0;margin:0;padding:0}.filters legend{font-weight:600;padding:0;margin-right:6px;float:left}.filters label{margin-right:10px;white-space:nowrap}
article.finding{background:#fff;border:1px solid var(--line);border-left:5px solid var(--line);margin:10px 0;padding:10px 14px}
article.finding.error{border-left-color:var(--err)}article.finding.warning{border-left-color:var(--warn)}article.finding.info{border-left-color:var(--info)}
article.finding header{all:unset;display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.badge{font-weight:700;text-transform:uppercase;font-size:12px}.rule{font-family:ui-monospace,monospace;background:#eaeded;padding:0 6px;border-radius:3px}
.where{font-family:ui-monospace,monospace;color:var(--muted);word-break:break-all}.message{margin:6px 0}
.cmp{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}.cmp dt{color:var(--muted)}.cmp dd{margin:0}
blockquote.evidence{margin:6px 0;padding:6px 10px;background:#fbfcfc;border-left:3px solid var(--line);white-space:pre-wrap;word-break:break-word}
mark{background:#f9e79f;padding:0 1px}.figure{position:relative;display:inline-block;max-width:100%;margin:6px 0;border:1px solid var(--line)}
.figure img{display:block;max-width:100%;height:auto}.box{position:absolute;border:3px solid var(--err);box-shadow:0 0 0 2000px rgba(0,0,0,.12) inset}
.review{color:#7d3c98;font-weight:600}.fp{color:var(--muted);font-size:12px;font-family:ui-monospace,monospace}
.count{color:var(--muted)}.ok{color:#1e8449;font-weight:600}footer{max-width:1200px;margin:0 auto;padding:16px 24px;color:var(--muted)}
`;

// Filters only toggle the hidden attribute: the script never builds markup from report data.
const SCRIPT = `(function(){
var form=document.getElementById('filters');var items=document.querySelectorAll('article.finding');var count=document.getElementById('visible');
function checked(name){var out={};var boxes=form.querySelectorAll('input[name="'+name+'"]');for(var i=0;i<boxes.length;i++){if(boxes[i].checked)out[boxes[i].value]=true;}return out;}
function apply(){var s=checked('severity'),r=checked('rule'),c=checked('channel');var n=0;
for(var i=0;i<items.length;i++){var a=items[i];var show=s[a.getAttribute('data-severity')]&&r[a.getAttribute('data-rule')]&&c[a.getAttribute('data-channel')];a.hidden=!show;if(show)n++;}
count.textContent=String(n);}
form.addEventListener('change',apply);apply();})();`;

const sha = (s: string) => createHash('sha256').update(s).digest('base64');

function countBy(findings: Finding[], key: (f: Finding) => string): [string, Record<string, number>][] {
  const out = new Map<string, Record<string, number>>();
  for (const f of findings) {
    const k = key(f);
    const row = out.get(k) ?? { error: 0, warning: 0, info: 0 };
    row[f.severity] = (row[f.severity] ?? 0) + 1;
    out.set(k, row);
  }
  return [...out.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

function countTable(
  title: string,
  rows: [string, Record<string, number>][],
  link?: (k: string) => string,
): string {
  if (!rows.length) return '';
  const body = rows
    .map(
      ([k, r]) =>
        `<tr><td>${link ? `<a href="${h(link(k))}">${h(k)}</a>` : h(k)}</td><td class="sev-error">${r.error}</td><td class="sev-warning">${r.warning}</td><td class="sev-info">${r.info}</td></tr>`,
    )
    .join('');
  return `<div><h3>${h(title)}</h3><table><thead><tr><th>${h(title)}</th><th>errors</th><th>warnings</th><th>info</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

function evidenceHtml(f: Finding): string {
  if (!f.evidence) return '';
  const { text, span } = f.evidence;
  const before = text.slice(Math.max(0, span[0] - 160), span[0]);
  const hit = text.slice(span[0], span[1]);
  const after = text.slice(span[1], span[1] + 160);
  const label = f.evidence.label ? `<strong>${h(f.evidence.label)}</strong>: ` : '';
  return `<blockquote class="evidence">${label}${span[0] > 160 ? '…' : ''}${h(before)}<mark>${h(hit)}</mark>${h(after)}${span[1] + 160 < text.length ? '…' : ''}</blockquote>`;
}

function figureHtml(f: Finding, image: EmbeddedImage | undefined): string {
  if (!image || !isImageLocation(f.location)) return '';
  const b = f.location.bbox;
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
  const style = `left:${pct(b.x0, image.width)};top:${pct(b.y0, image.height)};width:${pct(b.x1 - b.x0, image.width)};height:${pct(b.y1 - b.y0, image.height)}`;
  return `<div class="figure"><img src="${h(image.dataUri)}" alt="${h(f.uri)}"><div class="box" style="${h(style)}" title="${h(locationText(f.location))}"></div></div>`;
}

/** The picture a finding's box is drawn on: the image, or for a PDF the page it is on. */
function pictureOf(f: Finding, images: Record<string, EmbeddedImage>): EmbeddedImage | undefined {
  const page = isImageLocation(f.location) ? f.location.page : undefined;
  return page !== undefined ? images[`${f.uri}#page=${page}`] : images[f.uri];
}

function findingHtml(f: Finding, images: Record<string, EmbeddedImage>): string {
  const channel = f.channel ?? '(none)';
  const cmp = [
    f.feature ? `<dt>feature</dt><dd>${h(f.feature)}</dd>` : '',
    f.variant ? `<dt>variant</dt><dd>${h(f.variant)}</dd>` : '',
    f.claimed ? `<dt>claimed</dt><dd>${h(f.claimed)}</dd>` : '',
    f.expected ? `<dt>spec says</dt><dd>${h(f.expected)}</dd>` : '',
    f.specPath ? `<dt>spec path</dt><dd>${h(f.specPath)}</dd>` : '',
    f.asset ? `<dt>asset</dt><dd>${h(f.asset.file)} (distance ${h(f.asset.distance)})</dd>` : '',
    f.related?.length
      ? `<dt>contradicts</dt><dd>${f.related.map((r) => `${h(r.uri)}${r.channel ? ` (${h(r.channel)})` : ''}${r.text ? `: “${h(r.text)}”` : ''}`).join('<br>')}</dd>`
      : '',
    f.owner ? `<dt>owner</dt><dd>${h(f.owner)}</dd>` : '',
  ].join('');
  const where = `${f.uri}${f.parentUri ? ` (image in ${f.parentUri})` : ''} ${locationText(f.location)}${!isImageLocation(f.location) && f.location.selector ? ` ${f.location.selector}` : ''}`;
  return `<article class="finding ${h(f.severity)}" data-severity="${h(f.severity)}" data-rule="${h(f.ruleId)}" data-channel="${h(channel)}">
<header><span class="badge sev-${h(f.severity)}">${h(f.severity)}</span><span class="rule">${h(f.ruleId)}</span><span class="where">${h(where)}</span>${f.review ? '<span class="review">review: low OCR confidence</span>' : ''}</header>
<p class="message">${h(f.message)}</p>${cmp ? `<dl class="cmp">${cmp}</dl>` : ''}${evidenceHtml(f)}${figureHtml(f, pictureOf(f, images))}
<div class="fp">fingerprint ${h(f.fingerprint)}${f.channel ? ` · channel ${h(f.channel)}` : ''}</div></article>`;
}

function checkboxes(name: string, values: string[], label: (v: string) => string = (v) => v): string {
  return `<fieldset><legend>${h(name)}</legend>${values.map((v) => `<label><input type="checkbox" name="${h(name)}" value="${h(v)}" checked> ${h(label(v))}</label>`).join('')}</fieldset>`;
}

/**
 * A self-contained audit record: one file, no external requests (a Content-Security-Policy
 * forbids them, and only the report's own script may run), everything scanned escaped.
 */
export const html: Formatter = (report: Report, context) => {
  const images = context.images ?? {};
  const f = report.findings;
  const rules = [...new Set(f.map((x) => x.ruleId))].sort();
  const channels = [...new Set(f.map((x) => x.channel ?? '(none)'))].sort();
  const owners = countBy(f, (x) => x.owner ?? '(no owner)');
  const { error, warning, info, documents, suppressed } = report.summary;
  const title = `claimlint audit: ${report.spec.product} revision ${report.spec.revision}`;
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${sha(SCRIPT)}'; base-uri 'none'; form-action 'none'`;
  const docsRows = report.documents
    .map(
      (d) =>
        `<tr><td>${h(d.uri)}${d.parentUri ? `<br><small>in ${h(d.parentUri)}</small>` : ''}</td><td>${h(d.kind)}</td><td class="${d.status === 'ok' ? '' : d.status === 'skipped' ? 'sev-info' : 'sev-error'}">${h(d.status)}${d.error ? `: ${h(d.error)}` : ''}</td><td>${h(d.channel)}</td><td>${h(d.owner)}</td><td class="fp">${h(d.sha256.slice(0, 16))}</td></tr>`,
    )
    .join('');
  const stale = report.baseline?.stale.length
    ? `<h2>Stale baseline entries</h2><table><thead><tr><th>rule</th><th>document</th><th>fingerprint</th><th>reason given</th></tr></thead><tbody>${report.baseline.stale.map((s) => `<tr><td>${h(s.ruleId)}</td><td>${h(s.uri)}</td><td class="fp">${h(s.fingerprint)}</td><td>${h(s.reason)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const entryRows = (list: BaselineEntry[]) =>
    list
      .map(
        (s) =>
          `<tr><td>${h(s.ruleId)}</td><td>${h(s.uri)}</td><td class="fp">${h(s.fingerprint)}</td><td>${h(s.reason)}</td><td>${h(s.approvedBy)}</td><td>${h(s.expires)}</td></tr>`,
      )
      .join('');
  const entryHead =
    '<thead><tr><th>rule</th><th>document</th><th>fingerprint</th><th>reason given</th><th>approved by</th><th>expires</th></tr></thead>';
  const expired = report.baseline?.expired?.length
    ? `<h2>Expired baseline entries</h2><p>These approvals have run out: their findings are listed above again.</p><table>${entryHead}<tbody>${entryRows(report.baseline.expired)}</tbody></table>`
    : '';
  const unexplained = report.baseline?.unexplained?.length
    ? `<h2>Baseline entries without a reason</h2><table>${entryHead}<tbody>${entryRows(report.baseline.unexplained)}</tbody></table>`
    : '';
  const accepted = report.accepted?.length
    ? `<h2>Accepted findings</h2><table><thead><tr><th>rule</th><th>document</th><th>finding</th><th>reason</th><th>approved by</th><th>until</th></tr></thead><tbody>${report.accepted.map((a) => `<tr><td>${h(a.ruleId)}</td><td>${h(a.uri)}</td><td>${h(a.message)}</td><td>${h(a.acceptance.reason)}</td><td>${h(a.acceptance.approvedBy ?? '(not recorded)')}</td><td>${h(a.acceptance.expires ?? '(no expiry)')}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title><style>${CSS}</style></head>
<body>
<header><div class="inner"><h1>${h(title)}</h1>
<dl class="meta">
<dt>product</dt><dd>${h(report.spec.product)}</dd>
<dt>spec revision</dt><dd>${h(report.spec.revision)}${report.spec.path ? ` (${h(report.spec.path)})` : ''}</dd>
<dt>spec sha256</dt><dd class="fp">${h(report.spec.sha256)}</dd>
<dt>tool</dt><dd>${h(report.tool.name)} ${h(report.tool.version)}</dd>
<dt>as of</dt><dd>${h(report.run.asOf)}</dd>
<dt>run started</dt><dd>${h(report.run.startedAt)} (${h(report.run.durationMs)} ms)${report.run.shard ? `, shard ${report.run.shard.index}/${report.run.shard.total}` : ''}${report.run.merged ? `, merged from ${report.run.merged} shards` : ''}</dd>
</dl></div></header>
<main>
<h2>Summary</h2>
<p>${documents} documents scanned${report.summary.skipped ? ` (${report.summary.skipped} skipped)` : ''}: <span class="sev-error">${error} errors</span>, <span class="sev-warning">${warning} warnings</span>, <span class="sev-info">${info} info</span>${suppressed ? `, ${suppressed} suppressed` : ''}${report.baseline ? `, ${report.baseline.accepted} accepted by the baseline` : ''}.${f.length ? '' : ' <span class="ok">No problems.</span>'}</p>
<div class="grid">${countTable(
    'rule',
    countBy(f, (x) => x.ruleId),
    docsUrl,
  )}${countTable(
    'channel',
    countBy(f, (x) => x.channel ?? '(none)'),
  )}${countTable('owner', owners)}</div>
<h2>Findings (<span id="visible">${f.length}</span> of ${f.length} shown)</h2>
<form id="filters" class="filters">${checkboxes('severity', ['error', 'warning', 'info'])}${checkboxes('rule', rules)}${checkboxes('channel', channels)}</form>
<section id="findings">${f.map((x) => findingHtml(x, images)).join('\n')}</section>
<h2>Inputs scanned</h2>
<table><thead><tr><th>document</th><th>kind</th><th>status</th><th>channel</th><th>owner</th><th>sha256</th></tr></thead><tbody>${docsRows}</tbody></table>
${accepted}${expired}${unexplained}${stale}
</main>
<footer>Generated by ${h(report.tool.name)} ${h(report.tool.version)}. This file is self-contained: it makes no network requests.</footer>
<script>${SCRIPT}</script>
</body></html>
`;
};
