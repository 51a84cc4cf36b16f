import type { NormalizedSpec } from '../spec/model.js';
import type { NormalizedText } from './normalize-text.js';
import { buildVariantMatcher } from './variants.js';

export interface ProductMention {
  /** a checked product's spec id, or the name of another product (config `otherProducts`) */
  id: string;
  /** true for a product the run has no spec for */
  other: boolean;
  start: number;
  end: number;
}

export interface ProductMatcher {
  /** products named in the normalised range [from, to) of a text, in order */
  find(original: string, n: NormalizedText, from?: number, to?: number): ProductMention[];
  /** true when the run names any product at all */
  any: boolean;
}

/**
 * Product names and aliases of every spec, and the names of other products the run knows of.
 * Names match case-insensitively and with or without spaces ("AION UT super" = "aionutsuper");
 * the longest name wins, so "AION UT super" is not read as "AION UT".
 */
export function buildProductMatcher(specs: NormalizedSpec[], otherProducts: string[]): ProductMatcher {
  const checked = new Set(specs.map((s) => s.product.id));
  const entries = [
    ...specs.map((s) => ({ id: s.product.id, name: s.product.name, aliases: s.product.aliases })),
    ...otherProducts.filter((o) => !checked.has(o)).map((o) => ({ id: o, name: o, aliases: [] })),
  ];
  const matcher = buildVariantMatcher(entries, { caseSensitive: false });
  return {
    any: entries.length > 0,
    find(original, n, from, to) {
      return matcher
        .find(original, n, from, to)
        .map((m) => ({ id: m.id, other: !checked.has(m.id), start: m.start, end: m.end }));
    },
  };
}
