import type { Claim, Segment } from '../types.js';
import { triggeredDisclosures } from './pack-disclosures.js';
import { compiledTermRules, packsOf } from './pack-terms.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { evidenceSpanText } from './rule.js';
import { featureLabel } from './spec-lookup.js';

export const meta = {
  id: 'missing-disclosure',
  severity: 'error',
  description: 'something is promoted and a disclosure the spec (or a pack) requires for it is absent',
  docs: 'docs/rules/missing-disclosure.md',
  pack: 'recommended',
  perProduct: true,
} as const;

/** Does this claim promote a `when` key of a disclosure? */
function promotes(claim: Claim, key: string): boolean {
  if (claim.polarity !== 'asserted') return false;
  return claim.feature === key || claim.feature.startsWith(`${key}.`);
}

function byDocument<T extends { uri: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const list = out.get(i.uri);
    if (list) list.push(i);
    else out.set(i.uri, [i]);
  }
  return out;
}

/** Where a promotion is best shown: body text before a heading, a title or a meta description. */
const PLACE_RANK: Record<string, number> = {
  text: 0,
  table: 1,
  ocr: 2,
  alt: 3,
  heading: 4,
  title: 5,
  meta: 6,
  jsonld: 7,
};

/** A figure within a few words of the claim's own words. */
function figureBeside(c: Claim): boolean {
  const [start, end] = c.evidence.span;
  return /\d/.test(c.evidence.text.slice(Math.max(0, start - 16), end + 16));
}

// The check is a few small functions, not one: on a site each extraction thread compiles it, and
// when claims of a key list it had not met arrived, V8 compiled the whole of it again (four times
// a thread on 1,000 generated pages, about a seventh of the compiling `--trace-opt` reported).
// Split, a change in what the claims look like recompiles the loop that reads them.

export function check(ctx: RuleContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const credit = creditOffers(ctx);
  for (const claims of claimsByUnit(ctx).values()) {
    const stated = statedFeatures(claims);
    for (const d of ctx.spec.disclosures) {
      const missing = d.require.filter((path) => !stated.has(path));
      if (!missing.length) continue;
      // One problem, one finding: the promotion lacking its conditions, at the words that promote.
      const trigger = triggerOf(claims, d.when);
      if (!trigger) continue;
      if (d.when.every((k) => credit.has(k)) && !promotedWithFigure(claims, d.when)) continue;
      out.push(finding(ctx, d, trigger, missing));
    }
  }
  out.push(...requiredTerms(ctx));
  out.push(...triggeredDisclosures(ctx));
  return out;
}

/**
 * The claims of each unit: a page and the images it shows are one document for disclosures, as a
 * banner's price is disclosed by the text beside it, and the page's promotion is not excused by a
 * picture.
 */
function claimsByUnit(ctx: RuleContext): Map<string, Claim[]> {
  const unitOf = new Map(ctx.documents.map((d) => [d.record.uri, d.record.parentUri ?? d.record.uri]));
  const claimsByDoc = new Map<string, Claim[]>();
  for (const c of ctx.claims) {
    const unit = unitOf.get(c.uri) ?? c.uri;
    const list = claimsByDoc.get(unit);
    if (list) list.push(c);
    else claimsByDoc.set(unit, [c]);
  }
  return claimsByDoc;
}

/**
 * Credit (a finance or lease offer, or any offer with an APR) is promoted by its terms, not by its
 * name: "Finance available", "金融方案详询" name it, "£299 a month", "36期0息" promote it, as the
 * triggering terms of 12 CFR 1026.24(d) and 1013.7(d) and the FCA's CONC 3.5 are figures.
 */
function creditOffers(ctx: RuleContext): Set<string> {
  return new Set(
    [...ctx.spec.offers.values()]
      .filter((o) => o.kind === 'finance' || o.kind === 'lease' || o.termKeys.includes('apr_percent'))
      .map((o) => o.key),
  );
}

/** What the document states, once: linear in its claims whatever the number of disclosures. */
function statedFeatures(claims: Claim[]): Set<string> {
  const stated = new Set<string>();
  for (const c of claims) {
    if (c.polarity !== 'asserted') continue;
    if (c.feature === 'invoicing_cities' ? c.items?.length : c.value !== undefined) stated.add(c.feature);
  }
  return stated;
}

/** The claim that promotes one of `when` at the best place to show it, if any does. */
function triggerOf(claims: Claim[], when: string[]): Claim | undefined {
  let trigger: Claim | undefined;
  for (const c of claims) {
    if (!when.some((k) => promotes(c, k))) continue;
    if (!trigger || (PLACE_RANK[c.evidence.source] ?? 9) < (PLACE_RANK[trigger.evidence.source] ?? 9))
      trigger = c;
  }
  return trigger;
}

/** A figure, a word that holds one ("0首付", "$0 down"), or one beside the word ("£299 a month"). */
function promotedWithFigure(claims: Claim[], when: string[]): boolean {
  return claims.some(
    (c) =>
      (c.value !== undefined || /\d/.test(c.why?.term ?? '') || figureBeside(c)) &&
      when.some((k) => promotes(c, k)),
  );
}

function finding(
  ctx: RuleContext,
  d: RuleContext['spec']['disclosures'][number],
  trigger: Claim,
  missing: string[],
): FindingDraft {
  const what = d.when.find((k) => promotes(trigger, k))!;
  const labels = missing.map((p) => `${featureLabel(ctx.claimContext, p)} (${p})`).join(' and ');
  return {
    message: `"${evidenceSpanText(trigger.evidence)}" promotes ${featureLabel(ctx.claimContext, what)} but the document does not state ${labels}${d.message ? `: ${d.message}` : ''} (${d.specPath})`,
    feature: what,
    claimed: 'not stated',
    expected: missing.join(', '),
    specPath: d.specPath,
    uri: trigger.uri,
    location: trigger.evidence.location,
    evidence: trigger.evidence,
    identity: `${missing.join(' ')} ${evidenceSpanText(trigger.evidence)}`,
  };
}

/** A pack's required terms ("图片仅供参考"): every document (or every one that mentions `when`) states them. */
function requiredTerms(ctx: RuleContext): FindingDraft[] {
  const { required } = compiledTermRules(packsOf(ctx.options));
  if (!required.length) return [];
  const out: FindingDraft[] = [];
  const segmentsByDoc = byDocument<Segment>(ctx.segments);
  const claimsByDoc = byDocument(ctx.claims);
  for (const [uri, segments] of segmentsByDoc) {
    for (const rule of required) {
      const when = rule.def.when;
      if (when?.length) {
        const claims = claimsByDoc.get(uri) ?? [];
        const mentions =
          claims.some((c) => when.some((k) => promotes(c, k))) ||
          segments.some((s) => when.some((w) => s.text.includes(w)));
        if (!mentions) continue;
      }
      if (segments.some((s) => rule.matcher.find(s.text).length)) continue;
      const first = segments[0]!;
      out.push({
        severity: rule.def.severity ?? 'error',
        message: `${rule.def.message.replaceAll('{term}', (rule.def.terms ?? [])[0] ?? '')}${rule.def.reference ? ` [${rule.def.reference}]` : ''}`,
        feature: `${rule.pack}/${rule.def.id}`,
        claimed: 'not stated',
        uri,
        location: first.location,
        identity: `${rule.pack}/${rule.def.id}`,
      });
    }
  }
  return out;
}

export const rule: Rule = { meta, check };
