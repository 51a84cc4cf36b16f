import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/check/engine.js';
import type { DocumentFacts, Rule } from '../../src/check/rule.js';
import { extractDocumentClaims } from '../../src/claims/extract.js';
import type { RulePack } from '../../src/config/packs.js';
import { extractHtml } from '../../src/extract/html.js';
import { extractMarkdown } from '../../src/extract/markdown.js';
import type { Claim, Finding, Segment } from '../../src/types.js';
import { contextFor, testSpec } from './claims.js';

export interface RuleCase {
  name: string;
  /** uri -> content; HTML when it starts with "<", Markdown otherwise. A plain string is one page. */
  docs: Record<string, string> | string;
  spec?: string;
  asOf?: string;
  packs?: RulePack[];
  channels?: Record<string, string>;
  /** invalid cases: the findings expected (compared on the keys given) */
  errors?: Partial<Finding>[];
}

/** With `kept`, a cross-document rule reads what its `keep` leaves of each document's claims, as a scan holds them. */
export function runRuleCase(rule: Rule, c: RuleCase, kept = false): Finding[] {
  const spec = testSpec(c.spec);
  const ctx = contextFor(spec);
  const docs = typeof c.docs === 'string' ? { 'page.html': c.docs } : c.docs;
  const claims: Claim[] = [];
  const segments: Segment[] = [];
  const documents: DocumentFacts[] = [];
  for (const [uri, text] of Object.entries(docs)) {
    const extract = text.trimStart().startsWith('<') ? extractHtml(uri, text) : extractMarkdown(uri, text);
    const channel = c.channels?.[uri];
    segments.push(...extract.segments);
    const read = extractDocumentClaims(extract.segments, ctx).map((claim) =>
      channel ? { ...claim, channel } : claim,
    );
    claims.push(...(kept && rule.keep ? rule.keep(read) : read));
    documents.push({
      record: { uri, kind: 'html', sha256: '', status: 'ok', ...(channel ? { channel } : {}) },
      location: { line: 1, column: 1 },
      suppressionProblems: extract.suppressionProblems,
    });
  }
  return runRules(
    {
      spec,
      claims,
      segments,
      documents,
      asOf: c.asOf ?? '2025-12-01',
      claimContext: ctx,
      options: { packs: c.packs ?? [] },
    },
    { rules: [rule] },
  ).findings;
}

/** ESLint's RuleTester, for claimlint: valid cases give no finding, invalid ones exactly the listed ones. */
export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))('%s', (_, c) => {
        expect(runRuleCase(rule, c).map((f) => f.message)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', (_, c) => {
        const findings = runRuleCase(rule, c);
        expect(findings).toHaveLength(c.errors?.length ?? 0);
        (c.errors ?? []).forEach((e, i) => {
          expect(findings[i]).toMatchObject({ ruleId: rule.meta.id, ...e });
        });
      });
    });
    const keep = rule.keep;
    if (keep) {
      describe('keep: the claims a scan holds to the end give the same findings', () => {
        it.each([...cases.valid, ...cases.invalid].map((c) => [c.name, c] as const))('%s', (_, c) => {
          expect(runRuleCase(rule, c, true)).toEqual(runRuleCase(rule, c));
        });
      });
    }
  });
}
