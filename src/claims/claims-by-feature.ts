import type { Claim } from '../types.js';
import { firstIndexAtOrAfter } from './spans-by-start.js';

/**
 * The claims a reading has made so far, by feature and by where their evidence starts, for its
 * question "is this feature already claimed in this clause?" (a term that names one feature twice
 * makes one claim). Asking that of every claim made so far, for every hit, was quadratic over one
 * long paragraph. It follows the reading's own array: what was appended since the last question is
 * indexed then, and `reset` forgets everything after the array is cut.
 */
export class ClaimsByFeature {
  private readonly lists = new Map<string, { claims: Claim[]; sorted: boolean }>();
  private indexed = 0;

  constructor(private readonly claims: Claim[]) {}

  /** The reading removed claims (not only appended): index again from the start. */
  reset(): void {
    this.lists.clear();
    this.indexed = 0;
  }

  /** Is there a claim of `feature` whose evidence lies within [from, to] (offsets in the segment's text)? */
  has(feature: string, from: number, to: number): boolean {
    for (; this.indexed < this.claims.length; this.indexed++) {
      const claim = this.claims[this.indexed]!;
      let list = this.lists.get(claim.feature);
      if (!list) {
        list = { claims: [], sorted: true };
        this.lists.set(claim.feature, list);
      }
      const last = list.claims.at(-1);
      if (last && last.evidence.span[0] > claim.evidence.span[0]) list.sorted = false;
      list.claims.push(claim);
    }
    const list = this.lists.get(feature);
    if (!list) return false;
    const within = (c: Claim) => c.evidence.span[0] >= from && c.evidence.span[1] <= to;
    // Claims are mostly made in the order of the text; when one was not, every claim is asked.
    if (!list.sorted) return list.claims.some(within);
    const { claims } = list;
    const first = firstIndexAtOrAfter(claims.length, from, (i) => claims[i]!.evidence.span[0]);
    for (let i = first; i < claims.length && claims[i]!.evidence.span[0] <= to; i++)
      if (claims[i]!.evidence.span[1] <= to) return true;
    return false;
  }
}
