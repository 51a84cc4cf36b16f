import { EXPIRY_DAY } from '../baseline/expiry.js';
import type { Suppression, TextLocation } from '../types.js';
import type { SuppressionProblem } from './model.js';

const DIRECTIVE = /^\s*claimlint-disable-next-line\b(.*)$/s;
/** "(approvedBy: j.doe, expires: 2026-12-31)" at the end of the reason */
const APPROVAL = /\(\s*((?:approved-?by|expires)\s*[:=][^()]*)\)\s*$/i;

export type ParsedSuppression = { ok: Suppression } | { problem: SuppressionProblem } | undefined;

/**
 * "RULE[, RULE] -- reason". Without a reason a suppression does not suppress: an unexplained
 * exception is exactly what an audit must not find.
 */
export function parseSuppressionSpec(spec: string, location: TextLocation): ParsedSuppression {
  const [rulesPart = '', ...reasonParts] = spec.split(/\s--\s?|^--\s?/);
  let reason = reasonParts.join(' -- ').trim();
  const approval = APPROVAL.exec(reason);
  const fields: { approvedBy?: string; expires?: string } = {};
  if (approval) {
    reason = reason.slice(0, approval.index).trim();
    for (const part of (approval[1] ?? '').split(',')) {
      const [key = '', ...value] = part.split(/[:=]/);
      const v = value.join(':').trim();
      if (/^approved-?by$/i.test(key.trim()) && v) fields.approvedBy = v;
      if (/^expires$/i.test(key.trim()) && v) fields.expires = v;
    }
  }
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
  if (fields.expires && !EXPIRY_DAY.test(fields.expires)) {
    return {
      problem: {
        location,
        rules,
        message: `suppression of ${rules.join(', ')} has expires "${fields.expires}", not a day: write expires: YYYY-MM-DD`,
      },
    };
  }
  return { ok: { rules, reason, location, ...fields } };
}

/** A `claimlint-disable-next-line` comment (HTML or Markdown), or undefined for other comments. */
export function parseSuppressionComment(comment: string, location: TextLocation): ParsedSuppression {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  return parseSuppressionSpec(m[1] ?? '', location);
}
