import type { Report } from '../types.js';

export interface FormatContext {
  /** colour output (stylish only) */
  color: boolean;
  /** working directory, for relative links */
  cwd?: string;
  /** baseline entries that matched nothing */
  stale?: { fingerprint: string; uri: string; ruleId: string; reason?: string }[];
}

export type Formatter = (report: Report, context: FormatContext) => string;
