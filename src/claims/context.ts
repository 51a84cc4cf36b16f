import type { CatalogFeature, UnitsData } from '../data/catalog.js';
import type { NormalizedSpec } from '../spec/model.js';
import { buildCues, type Cues, type CuesFile } from './cues.js';
import { buildLexicon, type Lexicon, type LexiconExtra, type LexiconFile } from './lexicon.js';
import { buildPlaceMatcher, type PlaceMatcher, type PlacesFile } from './places.js';
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
  variants: VariantMatcher;
  places: PlaceMatcher;
  catalog: Map<string, CatalogFeature>;
  /** the product's names: a heading that only names the product does not scope a variant */
  productNames: string[];
}

export function buildClaimContext(data: ClaimData, spec?: NormalizedSpec): ClaimContext {
  const extras: LexiconExtra[] = [];
  const catalog = new Map(data.catalog);
  for (const f of spec?.features.values() ?? []) {
    const words = [...(f.words?.en ?? []), ...(f.words?.zh ?? [])];
    if (words.length) extras.push({ feature: f.key, words });
    // A custom key behaves like a canonical one of its kind.
    if (!catalog.has(f.key)) {
      catalog.set(f.key, {
        key: f.key,
        kind: f.kind,
        dimension: f.dimension,
        unit: f.unit,
        best: f.best,
        label: { en: f.words?.en?.[0] ?? f.key, zh: f.words?.zh?.[0] ?? f.key },
      });
    }
  }
  return {
    lexicon: buildLexicon(data.lexicon, catalog, extras),
    cues: buildCues(data.cues),
    quantities: buildQuantityParser(data.units),
    variants: buildVariantMatcher(spec && !spec.implicitVariant ? spec.variants : []),
    places: buildPlaceMatcher(data.places, spec?.invoicingCities ?? []),
    catalog,
    productNames: spec ? [spec.product.name, ...spec.product.aliases] : [],
  };
}
