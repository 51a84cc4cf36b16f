import type { Claim } from '../types.js';

const variantsKey = (c: Claim) => [(c.variants ?? []).join(','), c.variantLabel ?? ''].join('\0');

/**
 * A configuration table often states one feature in several rows ("车道保持辅助系统" and a sub-row
 * of the same group): for one document, one table claim per feature, variant and polarity is
 * enough, and a row marked for a trim outweighs another row of the same feature left empty for it
 * (an empty sub-row is a different sub-feature, not a denial). Prose claims are kept: each place
 * that says it is a place to fix.
 */
export function dedupeTableClaims(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  const assertedCells = new Set<string>();
  for (const c of claims) {
    if (c.evidence.source === 'table' && c.polarity === 'asserted' && c.value === undefined)
      assertedCells.add([c.product ?? '', c.feature, variantsKey(c)].join('\0'));
  }
  return claims.filter((c) => {
    if (c.evidence.source !== 'table') return true;
    if (
      c.polarity === 'negated' &&
      assertedCells.has([c.product ?? '', c.feature, variantsKey(c)].join('\0'))
    )
      return false;
    const key = [
      c.product ?? '',
      c.feature,
      c.polarity,
      c.value ?? '',
      variantsKey(c),
      c.qualifier ?? '',
    ].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
