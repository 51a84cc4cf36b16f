import { locate } from '../claims/evidence.js';
import { compiledTermRules, packsOf } from './pack-terms.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';

export const meta = {
  id: 'prohibited-term',
  severity: 'error',
  description:
    'a term banned by an enabled pack (e.g. PRC Advertising Law absolute terms: 最, 第一, 国家级, 顶级)',
  docs: 'docs/rules/prohibited-term.md',
  pack: 'cn-ad-law',
} as const;

export function check(ctx: RuleContext): FindingDraft[] {
  const { prohibited } = compiledTermRules(packsOf(ctx.options));
  if (!prohibited.length) return [];
  const out: FindingDraft[] = [];
  for (const segment of ctx.segments) {
    for (const rule of prohibited) {
      for (const m of rule.matcher.find(segment.text)) {
        const found = segment.text.slice(m.start, m.end);
        const reference = rule.def.reference ? ` [${rule.def.reference}]` : '';
        out.push({
          severity: rule.def.severity ?? 'error',
          message: `${rule.def.message.replaceAll('{term}', found)}${reference}`,
          claimed: found,
          uri: segment.uri,
          location: locate(segment, m.start, m.end),
          evidence: {
            source: segment.source,
            text: segment.text,
            span: [m.start, m.end],
            location: locate(segment, m.start, m.end),
          },
          identity: `${rule.pack}/${rule.def.id} ${found} ${segment.text}`,
          ...(segment.suppressions ? { suppressions: segment.suppressions } : {}),
        });
      }
    }
  }
  return out;
}

export const rule: Rule = { meta, check };
