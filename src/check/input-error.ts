import type { FindingDraft, Rule, RuleContext } from './rule.js';

export const meta = {
  id: 'input-error',
  severity: 'error',
  description: 'an input could not be read, fetched, decoded or parsed',
  docs: 'docs/rules/input-error.md',
  pack: 'recommended',
} as const;

/**
 * Unreadable inputs are errors. An image of a page is reported on the page, at the element that
 * shows it. An input deliberately not read (a remote image of a local page) is reported as info:
 * visible in every report, but not a failure.
 */
export function check(ctx: RuleContext): FindingDraft[] {
  return ctx.documents
    .filter((d) => d.record.status === 'error' || d.record.status === 'skipped')
    .map((d) => ({
      ...(d.record.status === 'skipped' ? { severity: 'info' as const } : {}),
      message: d.record.error ?? 'the input could not be read',
      uri: d.record.parentUri ?? d.record.uri,
      location: d.location,
      identity: d.record.uri,
    }));
}

export const rule: Rule = { meta, check };
