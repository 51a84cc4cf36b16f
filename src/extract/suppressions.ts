import type { Suppression, TextLocation } from '../types.js';
import type { SuppressionProblem } from './model.js';

const DIRECTIVE = /^\s*claimlint-disable-next-line\b(.*)$/s;

export type ParsedSuppression = { ok: Suppression } | { problem: SuppressionProblem } | undefined;

/**
 * "RULE[, RULE] -- reason". Without a reason a suppression does not suppress: an unexplained
 * exception is exactly what an audit must not find.
 */
export function parseSuppressionSpec(spec: string, location: TextLocation): ParsedSuppression {
  const [rulesPart = '', ...reasonParts] = spec.split(/\s--\s?|^--\s?/);
  const reason = reasonParts.join(' -- ').trim();
  const rules = rulesPart
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (!rules.length) {
    return { problem: { location, rules, message: 'suppression names no rule: write "RULE -- reason"' } };
  }
  if (!reason) {
    return {
      problem: {
        location,
        rules,
        message: `suppression of ${rules.join(', ')} has no reason and is ignored: write "${rules.join(', ')} -- why this is acceptable"`,
      },
    };
  }
  return { ok: { rules, reason, location } };
}

/** A `claimlint-disable-next-line` comment (HTML or Markdown), or undefined for other comments. */
export function parseSuppressionComment(comment: string, location: TextLocation): ParsedSuppression {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  return parseSuppressionSpec(m[1] ?? '', location);
}
