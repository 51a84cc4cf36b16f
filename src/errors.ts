// Errors the user can fix. The CLI prints them with the file, the JSON path and a hint and
// exits 2; anything else that escapes is a bug and is reported as one.

export interface ProblemDetail {
  /** JSON pointer-ish path in the file, e.g. /features/sunrof */
  path: string;
  message: string;
  line?: number;
  column?: number;
  hint?: string;
}

export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export class ConfigError extends Error {
  readonly file: string;
  readonly problems: ProblemDetail[];
  constructor(file: string, problems: ProblemDetail[], summary?: string) {
    super(summary ?? `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

export function formatProblem(file: string, p: ProblemDetail): string {
  const where = p.line ? `${file}:${p.line}${p.column ? `:${p.column}` : ''}` : file;
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where}  ${p.path || '/'}  ${p.message}${hint}`;
}
