import type { CatalogFeature, UnitsData } from '../data/catalog.js';
import type { NormalizedSpec } from '../spec/model.js';
import { buildCues, type Cues, type CuesFile } from './cues.js';
import { buildLexicon, type Lexicon, type LexiconExtra, type LexiconFile } from './lexicon.js';
import { buildPlaceMatcher, type PlaceMatcher, type PlacesFile } from './places.js';
import { buildProductMatcher, type ProductMatcher } from './products.js';
import { buildQuantityParser, type QuantityParser } from './quantities.js';
import { buildVariantMatcher, type VariantMatcher } from './variants.js';

/** Everything claim extraction reads, loaded once per run (the data files of rules/). */
export interface ClaimData {
  lexicon: LexiconFile[];
  catalog: Map<string, CatalogFeature>;
  cues: CuesFile;
  units: UnitsData;
  places: PlacesFile;
}

export interface ClaimContext {
  lexicon: Lexicon;
  cues: Cues;
  quantities: QuantityParser;
  /** the variants of the default product (the only spec, or none when several are checked) */
  variants: VariantMatcher;
  /** each checked product's variants, by product id */
  variantsOf: Map<string, VariantMatcher>;
  /** every variant name of every product: names are not feature claims ("Performance AWD") */
  allVariantNames: VariantMatcher;
  places: PlaceMatcher;
  catalog: Map<string, CatalogFeature>;
  /** the checked products and the other products a run names (config `otherProducts`) */
  products: ProductMatcher;
  /** the product a claim belongs to when its page names none: the run's only spec */
  defaultProduct?: string;
  /** the product's names: a heading that only names the product does not scope a variant */
  productNames: string[];
  /** the spec currency ("CNY"): how ¥ is read */
  currency: string;
  /**
   * false: every segment is read anew, even one read before with the same text and reading
   * (claims/segment-memo.ts). Tests set it to compare the remembered readings with fresh ones.
   */
  rememberReadings?: boolean;
}

export interface ContextOptions {
  /** products the run has no spec for: their blocks are about them, and are not checked */
  otherProducts?: string[];
}

/**
 * Builds the reading context for one or several specs. With one spec, a claim on a page that names
 * no product is about that spec's product; with several, the page, block or sentence must name it.
 */
export function buildClaimContext(
  data: ClaimData,
  specOrSpecs?: NormalizedSpec | NormalizedSpec[],
  options: ContextOptions = {},
): ClaimContext {
  const specs = specOrSpecs === undefined ? [] : Array.isArray(specOrSpecs) ? specOrSpecs : [specOrSpecs];
  // A process that scans again with the same data and specs (serve, --watch, an OCR rescan) reuses
  // the context: building it (lexicon, cues, matchers) is most of a small scan's own work. Keyed by
  // the very objects, so a reloaded spec builds a new one; a context is never changed once built.
  const others = (options.otherProducts ?? []).join('\u0000');
  let forData = built.get(data);
  if (!forData) {
    forData = [];
    built.set(data, forData);
  }
  const same = forData.find(
    (b) => b.others === others && b.specs.length === specs.length && b.specs.every((s, i) => s === specs[i]),
  );
  if (same) return same.ctx;
  const ctx = buildUncached(data, specs, options);
  forData.push({ specs, others, ctx });
  // A long-lived process that reloads its specs keeps only the latest few.
  if (forData.length > 4) forData.shift();
  return ctx;
}

const built = new WeakMap<ClaimData, { specs: NormalizedSpec[]; others: string; ctx: ClaimContext }[]>();

function buildUncached(data: ClaimData, specs: NormalizedSpec[], options: ContextOptions): ClaimContext {
  const extras: LexiconExtra[] = [];
  const catalog = new Map(data.catalog);
  for (const spec of specs) {
    for (const f of spec.features.values()) {
      const words = [...(f.words?.en ?? []), ...(f.words?.zh ?? [])];
      // An offer term is known even without words of its own: its unit or its offer's name owns a figure.
      if (words.length || f.key.includes('.')) extras.push({ feature: f.key, words });
      // A custom key behaves like a canonical one of its kind.
      if (!catalog.has(f.key)) {
        catalog.set(f.key, {
          key: f.key,
          kind: f.kind,
          dimension: f.dimension,
          unit: f.unit,
          best: f.best,
          label: f.label ?? { en: f.words?.en?.[0] ?? f.key, zh: f.words?.zh?.[0] ?? f.key },
          ...(f.per ? { per: f.per } : {}),
        });
      }
    }
  }
  const variantsOf = new Map<string, VariantMatcher>();
  for (const spec of specs)
    variantsOf.set(spec.product.id, buildVariantMatcher(spec.implicitVariant ? [] : spec.variants));
  const only = specs.length === 1 ? specs[0] : undefined;
  // A bare figure in a price row is in the spec's currency ("MSRP" + "39,990" on a USD spec).
  const currency = only?.currency ?? specs[0]?.currency ?? 'CNY';
  if (currency !== 'CNY')
    for (const [key, f] of catalog) if (f.dimension === 'money') catalog.set(key, { ...f, unit: currency });
  return {
    lexicon: buildLexicon(data.lexicon, catalog, extras),
    cues: buildCues(data.cues),
    quantities: buildQuantityParser(data.units),
    variants: (only && variantsOf.get(only.product.id)) ?? buildVariantMatcher([]),
    variantsOf,
    allVariantNames: buildVariantMatcher(
      specs.flatMap((s) => (s.implicitVariant ? [] : s.variants.map((v) => ({ ...v, id: s.product.id })))),
    ),
    places: buildPlaceMatcher(
      data.places,
      specs.flatMap((s) => s.invoicingCities ?? []),
    ),
    catalog,
    products: buildProductMatcher(specs, options.otherProducts ?? []),
    ...(only ? { defaultProduct: only.product.id } : {}),
    productNames: specs.flatMap((s) => [s.product.name, ...s.product.aliases]),
    currency,
  };
}
