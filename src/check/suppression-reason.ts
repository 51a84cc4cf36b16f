import type { FindingDraft, Rule, RuleContext } from './rule.js';

export const meta = {
  id: 'suppression-reason',
  severity: 'warning',
  description: 'an inline suppression gives no reason, so it does not suppress anything',
  docs: 'docs/rules/suppression-reason.md',
  pack: 'recommended',
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  return ctx.documents.flatMap((d) =>
    d.suppressionProblems.map((p) => ({
      message: p.message,
      uri: d.record.uri,
      location: p.location,
      identity: `suppression ${p.rules.join(',')}`,
    })),
  );
}

export const rule: Rule = { meta, check };
