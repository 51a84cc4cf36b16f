import type { Report } from '../types.js';

/** What a formatter may know about a rule besides the report: for SARIF rules and HTML help. */
export interface RuleDoc {
  id: string;
  severity: 'error' | 'warning' | 'info';
  description: string;
  /** the rule's docs page (Markdown) */
  markdown: string;
  helpUri: string;
}

/** A downscaled copy of an image the report refers to, embedded in self-contained reports. */
export interface EmbeddedImage {
  dataUri: string;
  /** size of the original the finding boxes refer to */
  width: number;
  height: number;
}

export interface FormatContext {
  /** colour output (stylish only) */
  color: boolean;
  /** working directory, for relative links */
  cwd?: string;
  /** absolute: the git repository the run is in, else the working directory (SARIF's %SRCROOT%) */
  srcRoot?: string;
  rules?: RuleDoc[];
  /** by document uri */
  images?: Record<string, EmbeddedImage>;
}

export type Formatter = (report: Report, context: FormatContext) => string;

export const HOMEPAGE = 'https://github.com/claimlint/claimlint';

export function docsUrl(ruleId: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}
