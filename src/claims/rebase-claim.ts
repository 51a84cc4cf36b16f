import type { Claim, Location } from '../types.js';
import { literalKeys, quoted } from '../util/object-literal.js';

// A claim read once and handed to every later segment with the same reading (segment-memo.ts) is
// copied for each with that segment's URI and location. Copied by spread, over claims of dozens
// of key lists, V8 took its generic paths: handing a generated page's claims on (about 187) took
// 0.7-1.0 ms of its extraction, 0.4-0.6 ms with a function per key list that builds the copy as
// one literal (most of what is left is placing each claim: evidence.ts `locate`).

/** A kept claim, at another segment's URI and location. */
export type Rebase = (claim: Claim, uri: string, location: Location) => Claim;

/** The general copy, for claims whose keys a literal cannot hold as they are. */
export const rebaseBySpread: Rebase = (claim, uri, location) => ({
  ...claim,
  uri,
  evidence: { ...claim.evidence, location },
});

const made = new Map<string, Rebase>();
/** Distinct key lists kept (a site has a few dozen); past it, claims are copied by spread. */
const MADE_KEPT = 2_000;

/**
 * The copy for a claim of this claim's keys (and its evidence's): the same keys in the same order
 * as `rebaseBySpread` gives (the claim's own order, `uri` and `location` where the claim has them,
 * else last), the same values. Symbol keys, `__proto__` or an evidence that is not a plain object
 * take the spread. For claims that do not change (segment-memo.ts freezes what it keeps): the
 * function fits the keys the claim has now.
 */
export function rebaseFor(claim: Claim): Rebase {
  const evidence: unknown = claim.evidence;
  if (!evidence || typeof evidence !== 'object' || Object.getPrototypeOf(evidence) !== Object.prototype) {
    return rebaseBySpread;
  }
  if (Object.getOwnPropertySymbols(claim).length || Object.getOwnPropertySymbols(evidence).length) {
    return rebaseBySpread;
  }
  const keys = withLast(Object.keys(claim), 'uri', 'evidence');
  const evidenceKeys = withLast(Object.keys(evidence), 'location');
  if (!literalKeys(keys) || !literalKeys(evidenceKeys)) return rebaseBySpread;
  const signature = `${keys.join('\0')}\u0001${evidenceKeys.join('\0')}`;
  let rebase = made.get(signature);
  if (rebase === undefined) {
    if (made.size >= MADE_KEPT) return rebaseBySpread;
    rebase = compile(keys, evidenceKeys);
    made.set(signature, rebase);
  }
  return rebase;
}

/** The keys a spread then these properties give: the spread's, then each of `last` it lacked. */
function withLast(keys: string[], ...last: string[]): string[] {
  for (const key of last) if (!keys.includes(key)) keys.push(key);
  return keys;
}

function compile(keys: string[], evidenceKeys: string[]): Rebase {
  // Each source property read once, in key order, as a spread reads them.
  const evidenceFields = evidenceKeys
    .map((k) => `${quoted(k)}: ${k === 'location' ? 'location' : `e[${quoted(k)}]`}`)
    .join(', ');
  const fields = keys
    .map((k) => {
      if (k === 'uri') return `"uri": uri`;
      if (k === 'evidence') return `"evidence": { ${evidenceFields} }`;
      return `${quoted(k)}: c[${quoted(k)}]`;
    })
    .join(', ');
  return new Function('c', 'uri', 'location', `const e = c.evidence; return { ${fields} };`) as Rebase;
}
