import { locate } from '../claims/evidence.js';
import type { RequiredItemDef, RulePack, TriggeredRuleDef, WordsDef } from '../config/packs.js';
import type { Segment } from '../types.js';
import { packsOf } from './pack-terms.js';
import type { FindingDraft, RuleContext } from './rule.js';
import { buildTermMatcher, type TermMatcher } from './term-matcher.js';

interface CompiledRule {
  pack: string;
  def: TriggeredRuleDef;
  is?: TermMatcher;
  isNot?: TermMatcher;
  triggers: { id: string; label: string; matcher: TermMatcher }[];
  require: { def: RequiredItemDef; matcher?: TermMatcher; allOf: TermMatcher[]; when?: TermMatcher }[];
}

const cache = new WeakMap<RulePack, CompiledRule[]>();

const matcherOf = (w: WordsDef | undefined): TermMatcher | undefined =>
  w && (w.terms?.length || w.patterns?.length)
    ? buildTermMatcher(w.terms ?? [], w.patterns ?? [])
    : undefined;

function compile(pack: RulePack): CompiledRule[] {
  let rules = cache.get(pack);
  if (!rules) {
    rules = (pack.triggered ?? []).map((def) => ({
      pack: pack.name,
      def,
      ...(def.context?.is ? { is: matcherOf(def.context.is) } : {}),
      ...(def.context?.isNot ? { isNot: matcherOf(def.context.isNot) } : {}),
      triggers: def.triggers.map((t) => ({ id: t.id, label: t.label, matcher: matcherOf(t)! })),
      require: def.require.map((r) => ({
        def: r,
        matcher: matcherOf(r),
        allOf: (r.allOf ?? []).map((a) => matcherOf(a)!).filter(Boolean),
        ...(r.when ? { when: matcherOf(r.when) } : {}),
      })),
    }));
    cache.set(pack, rules);
  }
  return rules;
}

type Context = 'in' | 'out' | 'mixed' | 'none';

/** What a text is about for a rule: its subject (a lease), something else (credit), both or neither. */
function contextOf(rule: CompiledRule, text: string): Context {
  if (!rule.is && !rule.isNot) return 'in';
  const is = !!rule.is?.find(text).length;
  const not = !!rule.isNot?.find(text).length;
  return is && not ? 'mixed' : is ? 'in' : not ? 'out' : 'none';
}

/** Body text first: a trigger is reported where a reader meets it, not in the page's metadata. */
const RANK: Record<string, number> = {
  text: 0,
  table: 1,
  heading: 2,
  ocr: 3,
  alt: 4,
  title: 5,
  meta: 6,
  jsonld: 7,
};

/**
 * The triggered-disclosure rules of the enabled packs (us-reg-m, us-reg-z, cn-ad-law's gift rule):
 * a page that states a triggering term must state every required disclosure somewhere on the page,
 * its legal footnote included. The page is read as text, with or without an offer in the spec. A
 * page with both a lease and a loan keeps them apart: a trigger belongs to the offer its element,
 * its heading or its card is about, and the other offer's text does not disclose for it.
 */
export function triggeredDisclosures(ctx: RuleContext): FindingDraft[] {
  const rules = packsOf(ctx.options).flatMap(compile);
  if (!rules.length) return [];
  const byDoc = new Map<string, Segment[]>();
  for (const s of ctx.segments) byDoc.set(s.uri, [...(byDoc.get(s.uri) ?? []), s]);
  const out: FindingDraft[] = [];
  for (const [uri, segments] of byDoc) {
    for (const rule of rules) {
      const finding = checkDocument(rule, uri, segments);
      if (finding) out.push(finding);
    }
  }
  return out;
}

function checkDocument(rule: CompiledRule, uri: string, segments: Segment[]): FindingDraft | undefined {
  const own = segments.map((s) => contextOf(rule, s.text));
  const docIn = own.includes('in') || own.includes('mixed');
  const docOut = own.includes('out') || own.includes('mixed');
  const blockContext = new Map<number, Set<Context>>();
  segments.forEach((s, i) => {
    const b = s.blocks?.[0];
    if (b === undefined) return;
    blockContext.set(b, (blockContext.get(b) ?? new Set()).add(own[i]!));
  });
  /** A trigger's context: its element, its headings, its card, the elements around it, the page. */
  const triggerContext = (s: Segment, i: number): boolean => {
    // Its own words decide; an element about both (a footnote "lease ... with approved credit")
    // is decided by its heading, its card or the page.
    if (own[i] === 'in' || own[i] === 'out') return own[i] === 'in';
    for (const h of s.headings ?? []) {
      const c = contextOf(rule, h);
      if (c === 'in' || c === 'out') return c === 'in';
    }
    const block = s.blocks?.[0] !== undefined ? blockContext.get(s.blocks[0]) : undefined;
    if (block?.has('in') || block?.has('mixed')) return true;
    if (block?.has('out')) return false;
    // The nearest element that says what it is about ("$599/mo" under a card about financing).
    for (let d = 1; d <= 4; d++) {
      for (const j of [i - d, i + d]) {
        const c = own[j];
        if (c === 'in' || c === 'out') return c === 'in';
      }
    }
    if (docIn !== docOut) return docIn;
    return docIn || !!rule.def.context?.default;
  };
  let trigger: { segment: Segment; start: number; end: number; label: string } | undefined;
  segments.forEach((s, i) => {
    if (trigger && (RANK[s.source] ?? 9) >= (RANK[trigger.segment.source] ?? 9)) return;
    for (const t of rule.triggers) {
      const m = t.matcher.find(s.text)[0];
      if (m && triggerContext(s, i)) {
        trigger = { segment: s, start: m.start, end: m.end, label: t.label };
        return;
      }
    }
  });
  if (!trigger) return undefined;
  // Disclosures may be anywhere on the page but in text about something else (the loan's terms
  // do not disclose the lease's).
  const texts = segments.filter((_, i) => own[i] !== 'out').map((s) => s.text);
  const found = (m: TermMatcher) => texts.some((t) => m.find(t).length > 0);
  const missing = rule.require.filter((r) => {
    if (r.when && !segments.some((s) => r.when!.find(s.text).length)) return false;
    if (r.matcher && found(r.matcher)) return false;
    if (r.allOf.length && r.allOf.every(found)) return false;
    return true;
  });
  if (!missing.length) return undefined;
  const { segment, start, end } = trigger;
  const words = segment.text.slice(start, end);
  const labels = missing.map((r) => r.def.label).join('; ');
  const keys = missing.map((r) => `${rule.def.key}.${r.def.id}`);
  const reference = rule.def.reference ? ` [${rule.def.reference}]` : '';
  return {
    ...(rule.def.severity ? { severity: rule.def.severity } : {}),
    message: `${rule.def.message.replaceAll('{trigger}', `"${words}" (${trigger.label})`).replaceAll('{missing}', labels)} (${keys.join(', ')})${reference}`,
    feature: keys[0]!,
    claimed: 'not stated',
    expected: keys.join(', '),
    uri,
    location: locate(segment, start, end),
    evidence: {
      source: segment.source,
      text: segment.text,
      span: [start, end],
      location: locate(segment, start, end),
    },
    identity: `${rule.pack}/${rule.def.id} ${keys.join(' ')} ${words}`,
    ...(segment.suppressions ? { suppressions: segment.suppressions } : {}),
  };
}
