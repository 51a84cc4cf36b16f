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
  // One term, one finding per document: later uses are listed as related places.
  const first = new Map<string, FindingDraft>();
  for (const segment of ctx.segments) {
    for (const rule of prohibited) {
      for (const m of rule.matcher.find(segment.text)) {
        const found = segment.text.slice(m.start, m.end);
        const key = [
          segment.uri,
          rule.pack,
          rule.def.id,
          found.toLowerCase(),
          segment.suppressions ? 's' : '',
        ].join('\0');
        const earlier = first.get(key);
        if (earlier) {
          earlier.related = [
            ...(earlier.related ?? []),
            {
              uri: segment.uri,
              location: locate(segment, m.start, m.end),
              text: segment.text.slice(m.start, m.end),
            },
          ];
          continue;
        }
        const reference = rule.def.reference ? ` [${rule.def.reference}]` : '';
        const draft: FindingDraft = {
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
        };
        first.set(key, draft);
        out.push(draft);
      }
    }
  }
  for (const d of out)
    if (d.related?.length) d.message += ` (used ${d.related.length + 1} times in this document)`;
  return out;
}

export const rule: Rule = { meta, check };
