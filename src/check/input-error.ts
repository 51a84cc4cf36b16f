import type { FindingDraft, Rule, RuleContext } from './rule.js';

export const meta = {
  id: 'input-error',
  severity: 'error',
  description: 'an input could not be read, fetched, decoded or parsed',
  docs: 'docs/rules/input-error.md',
  pack: 'recommended',
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  return ctx.documents
    .filter((d) => d.record.status === 'error')
    .map((d) => ({
      message: d.record.error ?? 'the input could not be read',
      uri: d.record.parentUri ?? d.record.uri,
      ...(d.record.parentUri ? { parentUri: d.record.parentUri } : {}),
      location: d.location,
      identity: d.record.uri,
    }));
}

export const rule: Rule = { meta, check };
