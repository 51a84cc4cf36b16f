import type { Formatter } from './format.js';

/** The report as specs/report.schema.json describes it; byte-identical for identical runs but for timing. */
export const json: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
