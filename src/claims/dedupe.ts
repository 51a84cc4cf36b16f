import type { Claim } from '../types.js';

/**
 * A configuration table often states one feature in several rows ("车道保持辅助系统" and a sub-row
 * of the same group): for one document, one table claim per feature, variant and polarity is
 * enough. Prose claims are kept: each place that says it is a place to fix.
 */
export function dedupeTableClaims(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    if (c.evidence.source !== 'table') return true;
    const key = [
      c.feature,
      c.polarity,
      c.value ?? '',
      (c.variants ?? []).join(','),
      c.variantLabel ?? '',
      c.qualifier ?? '',
    ].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
