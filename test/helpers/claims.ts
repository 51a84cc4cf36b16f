import { buildClaimContext, type ClaimContext } from '../../src/claims/context.js';
import { extractClaims } from '../../src/claims/extract.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import type { NormalizedSpec } from '../../src/spec/model.js';
import { parseSpec } from '../../src/spec/parse.js';
import type { Claim, Segment } from '../../src/types.js';

export const TEST_SPEC = `
schemaVersion: 1
product: { id: t, name: Test Car, aliases: [测试车] }
revision: "r1"
variants:
  - { id: std, name: 标准续航版, aliases: [Standard Range] }
  - { id: lr, name: 长续航版, aliases: [Long Range] }
features:
  sunroof: absent
  heated_seats: { standard: [lr], optional: [std] }
  range_km: { value: { std: 330, lr: 430 }, cycle: CLTC }
  price: { value: { std: 49900, lr: 59900 } }
`;

export function testSpec(text = TEST_SPEC): NormalizedSpec {
  return parseSpec(text, 'spec.yaml');
}

const contexts = new Map<string, ClaimContext>();
export function contextFor(spec: NormalizedSpec = testSpec()): ClaimContext {
  const key = spec.sha256;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = buildClaimContext(bundledClaimData(), spec);
    contexts.set(key, ctx);
  }
  return ctx;
}

export function segment(text: string, extra: Partial<Segment> = {}): Segment {
  return { uri: 'page.html', text, source: 'text', location: { line: 1, column: 1 }, ...extra };
}

export function claimsOf(text: string, extra: Partial<Segment> = {}, ctx = contextFor()): Claim[] {
  return extractClaims(segment(text, extra), ctx);
}

/** "feature:polarity" for equipment claims, in order. */
export function summary(claims: Claim[]): string[] {
  return claims.filter((c) => c.value === undefined && !c.items).map((c) => `${c.feature}:${c.polarity}`);
}
