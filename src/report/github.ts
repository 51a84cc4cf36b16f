import { isImageLocation } from '../types.js';
import type { Formatter } from './format.js';

// Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions annotations: one workflow command per finding, escaped. */
export const github: Formatter = (report) => {
  const lines = report.findings.map((f) => {
    const props = [`file=${escapeProperty(f.uri)}`];
    if (!isImageLocation(f.location)) {
      props.push(`line=${f.location.line}`, `col=${f.location.column}`);
    }
    props.push(`title=${escapeProperty(`claimlint ${f.ruleId}${f.channel ? ` (${f.channel})` : ''}`)}`);
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  const { error, warning, info } = report.summary;
  lines.push(
    `::notice title=claimlint::${escapeData(`${error} errors, ${warning} warnings, ${info} info in ${report.summary.documents} documents (spec ${report.spec.product} revision ${report.spec.revision})`)}`,
  );
  return `${lines.join('\n')}\n`;
};
