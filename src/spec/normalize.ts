import {
  type CatalogFeature,
  canonicalOfferTerms,
  featureCatalog,
  OFFER_KINDS,
  type OfferKind,
  type OfferTermDef,
  offersData,
} from '../data/catalog.js';
import { nearest } from '../util/nearest.js';
import type { PathSegment } from '../util/structured-file.js';
import {
  type Availability,
  IMPLICIT_VARIANT,
  type NormalizedSpec,
  type SpecDisclosure,
  type SpecFeature,
  type SpecOffer,
  type Tolerance,
} from './model.js';
import type { RawFeature, RawFeatureObject, RawOfferTerm, RawPerVariant, RawSpec, RawWords } from './raw.js';
import { currencyProblem, displayUnit, specUnitFactor } from './spec-units.js';

/** Offers the bundled lexicon knows by name (en.yaml, zh-Hans.yaml). */
const LEXICON_OFFERS = ['battery_rental', 'subsidy'];
const KNOWN_RESTRICTIONS = ['invoicing_cities'];

interface Problem {
  path: PathSegment[];
  message: string;
  hint?: string;
}

/**
 * Turns a schema-valid spec into the form the checks use, and finds what a schema cannot say:
 * misspelt feature keys, unknown variant ids, disclosures that point nowhere. A typo must never
 * silently switch a check off, so each of these is an error with a suggestion.
 */
export function normalizeSpec(
  raw: RawSpec,
  sha256: string,
): { spec?: NormalizedSpec; problems: (Problem & { pathString: string })[] } {
  const problems: Problem[] = [];
  const catalog = featureCatalog();
  const currency = raw.currency ?? 'CNY';
  const badCurrency = currencyProblem(currency);
  if (badCurrency) problems.push({ path: ['currency'], ...badCurrency });
  const implicitVariant = !raw.variants?.length;
  const variants = implicitVariant
    ? [{ id: IMPLICIT_VARIANT, name: raw.product.name, aliases: raw.product.aliases ?? [] }]
    : raw.variants!.map((v) => ({ id: v.id, name: v.name, aliases: v.aliases ?? [] }));
  const variantIds = variants.map((v) => v.id);

  raw.variants?.forEach((v, i) => {
    if (raw.variants!.findIndex((w) => w.id === v.id) !== i)
      problems.push({ path: ['variants', i, 'id'], message: `duplicate variant id "${v.id}"` });
  });

  const checkVariantIds = (ids: string[], path: PathSegment[]) => {
    ids.forEach((id, i) => {
      if (implicitVariant) {
        problems.push({
          path: [...path, i],
          message: `variant "${id}" is used but the spec lists no variants`,
          hint: 'add a variants: list, or use the shorthand standard/optional/absent',
        });
      } else if (!variantIds.includes(id)) {
        const guess = nearest(id, variantIds);
        problems.push({
          path: [...path, i],
          message: `unknown variant "${id}"`,
          hint: guess ? `did you mean "${guess}"?` : `variants are: ${variantIds.join(', ')}`,
        });
      }
    });
  };

  const features = new Map<string, SpecFeature>();

  for (const [key, value] of Object.entries(raw.features ?? {})) {
    const path: PathSegment[] = ['features', key];
    const object = isFeatureObject(value) ? value : undefined;
    const canonical = catalog.get(key);
    if (!canonical && !object?.terms) {
      const guess = nearest(
        key,
        [...catalog.keys()].filter((k) => !k.includes('.')),
      );
      problems.push({
        path,
        message: `"${key}" is not a canonical feature key and brings no terms`,
        hint: guess
          ? `did you mean "${guess}"?`
          : 'a custom key needs terms: { en: [...], zh: [...] } so that pages can be matched against it',
      });
      continue;
    }
    if (canonical && (canonical.kind === 'offer' || canonical.kind === 'restriction')) {
      problems.push({
        path,
        message: `"${key}" is ${canonical.kind === 'offer' ? 'an offer' : 'a restriction'}, not a feature`,
        hint:
          canonical.kind === 'offer' ? `move it under offers.${key}` : `move it under restrictions.${key}`,
      });
      continue;
    }
    const feature = buildFeature(
      key,
      value,
      canonical,
      path,
      problems,
      variantIds,
      implicitVariant,
      checkVariantIds,
      currency,
    );
    if (feature) features.set(key, feature);
  }

  const offers = new Map<string, SpecOffer>();
  const kinds = offersData().kinds;
  for (const [name, offer] of Object.entries(raw.offers ?? {})) {
    const path: PathSegment[] = ['offers', name];
    // An unknown kind is a schema error at offers.NAME.kind already.
    if (offer.kind && !(OFFER_KINDS as readonly string[]).includes(offer.kind)) continue;
    const named = (OFFER_KINDS as readonly string[]).includes(name) ? (name as OfferKind) : undefined;
    const kind = (offer.kind as OfferKind | undefined) ?? named;
    const kindWords = kind && !LEXICON_OFFERS.includes(name) ? kinds[kind]?.words : undefined;
    const words = offer.words ?? (kindWords?.en?.length || kindWords?.zh?.length ? kindWords : undefined);
    if (!words && !LEXICON_OFFERS.includes(name)) {
      const guess = nearest(name, [...OFFER_KINDS]);
      problems.push({
        path,
        message: kind
          ? `"${name}" is an offer of kind ${kind}, which has no words of its own`
          : `"${name}" is not a known offer kind and brings no kind or words`,
        hint: kind
          ? 'give it words: { en: [...], zh: [...] } so that pages can be matched against it'
          : guess && guess !== 'other'
            ? `did you mean "${guess}"? (or add kind: ${OFFER_KINDS.join(' | ')})`
            : `add kind: ${OFFER_KINDS.join(' | ')}, or words: { en: [...], zh: [...] }`,
      });
      continue;
    }
    if (offer.validFrom && offer.validUntil && offer.validFrom > offer.validUntil) {
      problems.push({ path: [...path, 'validUntil'], message: 'validUntil is before validFrom' });
    }
    const termKeys: string[] = [];
    const generic = offersData().terms;
    for (const [termKey, rawTerm] of Object.entries(offer.terms ?? {})) {
      const term: RawOfferTerm = typeof rawTerm === 'number' ? { value: rawTerm } : rawTerm;
      const termPath: PathSegment[] = [...path, 'terms', termKey];
      const fullKey = `${name}.${termKey}`;
      const catalogTerm = catalog.get(fullKey);
      const canonicalTerm = generic[termKey];
      if (!catalogTerm && !canonicalTerm && !term.terms) {
        const guess = nearest(termKey, canonicalOfferTerms());
        problems.push({
          path: termPath,
          message: `"${termKey}" is not a canonical offer term and brings no terms`,
          hint: guess
            ? `did you mean "${guess}"?`
            : 'a custom offer term needs terms: { en: [...], zh: [...] }',
        });
        continue;
      }
      const feature = buildOfferTerm(
        fullKey,
        term,
        catalogTerm,
        catalogTerm ? undefined : canonicalTerm,
        termPath,
        problems,
        variantIds,
        currency,
      );
      if (feature) {
        features.set(fullKey, feature);
        termKeys.push(termKey);
      }
    }
    offers.set(name, {
      key: name,
      kind: kind ?? 'other',
      specPath: `offers.${name}`,
      validFrom: offer.validFrom,
      validUntil: offer.validUntil,
      description: offer.description,
      termKeys,
    });
    features.set(name, {
      key: name,
      kind: 'offer',
      specPath: `offers.${name}`,
      availability: Object.fromEntries(variantIds.map((id) => [id, 'standard' as Availability])),
      best: 'min',
      tolerance: { absolute: 0, relative: 0 },
      ...(words ? { words } : {}),
      ...(catalog.has(name)
        ? {}
        : { label: (kind && !offer.words && kinds[kind]?.label) || { en: name, zh: name } }),
      custom: !LEXICON_OFFERS.includes(name),
    });
  }

  const cities = raw.restrictions?.invoicing_cities?.map((c) =>
    typeof c === 'string' ? { name: c, aliases: [] } : { name: c.name, aliases: c.aliases ?? [] },
  );
  if (cities) {
    features.set('invoicing_cities', {
      key: 'invoicing_cities',
      kind: 'restriction',
      specPath: 'restrictions.invoicing_cities',
      best: 'min',
      tolerance: { absolute: 0, relative: 0 },
      custom: false,
    });
  }

  const disclosures: SpecDisclosure[] = [];
  (raw.disclosures ?? []).forEach((d, i) => {
    const path: PathSegment[] = ['disclosures', i];
    d.when.forEach((key, j) => {
      if (!features.has(key) && !catalog.has(key)) {
        const guess = nearest(key, [...new Set([...features.keys(), ...catalog.keys()])]);
        problems.push({
          path: [...path, 'when', j],
          message: `"${key}" is not a feature, offer or restriction`,
          hint: guess ? `did you mean "${guess}"?` : undefined,
        });
      }
    });
    d.require.forEach((req, j) => {
      if (!features.has(req) || offers.has(req)) {
        const known = [...features.keys()].filter((k) => k.includes('.') || KNOWN_RESTRICTIONS.includes(k));
        const guess = nearest(req, known);
        problems.push({
          path: [...path, 'require', j],
          message: `"${req}" is not stated in the spec, so a page cannot be checked for it`,
          hint: guess
            ? `did you mean "${guess}"?`
            : 'require an offer term (battery_rental.mileage_cap_km) or a restriction (invoicing_cities) that the spec defines',
        });
      }
    });
    disclosures.push({ when: d.when, require: d.require, message: d.message, specPath: `disclosures[${i}]` });
  });

  const withPaths = problems.map((p) => ({ ...p, pathString: `/${p.path.join('/')}` }));
  if (withPaths.length) return { problems: withPaths };
  return {
    problems: [],
    spec: {
      product: { id: raw.product.id, name: raw.product.name, aliases: raw.product.aliases ?? [] },
      revision: raw.revision,
      currency,
      variants,
      implicitVariant,
      features,
      offers,
      invoicingCities: cities,
      disclosures,
      sha256,
    },
  };
}

function isFeatureObject(value: RawFeature): value is RawFeatureObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('value' in value || 'availability' in value || 'terms' in value || 'cycles' in value)
  );
}

function buildFeature(
  key: string,
  value: RawFeature,
  canonical: CatalogFeature | undefined,
  path: PathSegment[],
  problems: Problem[],
  variantIds: string[],
  implicitVariant: boolean,
  checkVariantIds: (ids: string[], path: PathSegment[]) => void,
  currency: string,
): SpecFeature | undefined {
  const kind =
    canonical?.kind ??
    (isFeatureObject(value) && (value.value !== undefined || value.cycles) ? 'number' : 'equipment');
  const object: RawFeatureObject = isFeatureObject(value)
    ? value
    : typeof value === 'number'
      ? { value }
      : { availability: value as RawFeature as RawFeatureObject['availability'] };
  const feature: SpecFeature = {
    key,
    kind,
    specPath: `features.${key}`,
    best: canonical?.best ?? 'max',
    tolerance: parseTolerance(object.tolerance),
    words: object.terms,
    custom: !canonical,
    cycle: object.cycle,
    window: object.window,
  };

  if (object.availability !== undefined) {
    if (kind === 'number' && canonical) {
      problems.push({
        path,
        message: `"${key}" is a number; give its value, not an availability`,
        hint: `e.g. ${key}: { value: ${canonical.dimension === 'money' ? '49900' : '500'} }`,
      });
      return undefined;
    }
    const availabilityPath = isFeatureObject(value) ? [...path, 'availability'] : path;
    feature.availability = expandAvailability(
      object.availability,
      variantIds,
      availabilityPath,
      problems,
      checkVariantIds,
    );
  }

  if (object.value !== undefined && object.cycles) {
    problems.push({
      path: [...path, 'cycles'],
      message: `"${key}" gives both value and cycles`,
      hint: 'give the values under cycles, and name the default with cycle:',
    });
    return undefined;
  }
  if (object.value !== undefined || object.cycles) {
    if (kind === 'equipment' && canonical) {
      problems.push({
        path: [...path, 'value'],
        message: `"${key}" is equipment; say absent, standard or optional`,
        hint: `e.g. ${key}: standard, or ${key}: { standard: [variant ids] }`,
      });
      return undefined;
    }
    const toValues = (
      given: number | Record<string, number>,
      unitName: string | undefined,
      valuePath: PathSegment[],
      unitPath: PathSegment[],
    ): Record<string, number> | undefined => {
      let factor = 1;
      if (unitName) {
        const unit = specUnitFactor(unitName, canonical?.dimension ?? feature.dimension, currency);
        if ('problem' in unit) {
          const fallback = displayUnit(canonical?.dimension, canonical?.unit, currency);
          problems.push({
            path: unitPath,
            message: `${unit.problem} (${canonical ? canonical.label.en : key})`,
            hint: unit.hint ?? (fallback ? `use ${fallback}` : undefined),
          });
          return undefined;
        }
        factor = unit.factor;
        feature.dimension ??= unit.dimension;
      }
      if (typeof given === 'number') return Object.fromEntries(variantIds.map((id) => [id, given * factor]));
      const ids = Object.keys(given);
      if (implicitVariant || ids.some((id) => !variantIds.includes(id))) checkVariantIds(ids, valuePath);
      return Object.fromEntries(Object.entries(given).map(([id, v]) => [id, v * factor]));
    };
    feature.dimension = canonical?.dimension;
    if (object.cycles) {
      const names = Object.keys(object.cycles);
      const fallback = object.cycle ?? names[0]!;
      if (!names.includes(fallback)) {
        problems.push({
          path: [...path, 'cycle'],
          message: `the default cycle ${fallback} has no values under cycles`,
          hint: `cycles are: ${names.join(', ')}`,
        });
        return undefined;
      }
      feature.cycles = {};
      for (const [name, c] of Object.entries(object.cycles)) {
        const values = toValues(
          c.value,
          c.unit ?? object.unit,
          [...path, 'cycles', name, 'value'],
          [...path, 'cycles', name, c.unit ? 'unit' : 'value'],
        );
        if (!values) return undefined;
        feature.cycles[name] = values;
      }
      feature.cycle = fallback;
      feature.values = feature.cycles[fallback];
    } else {
      const valuePath = isFeatureObject(value) ? [...path, 'value'] : path;
      const values = toValues(object.value!, object.unit, valuePath, [...path, 'unit']);
      if (!values) return undefined;
      feature.values = values;
    }
    feature.unit = displayUnit(feature.dimension, canonical?.unit ?? object.unit, currency);
  } else if (kind === 'number' && feature.availability === undefined) {
    problems.push({
      path,
      message: `"${key}" is a number but has no value`,
      hint: `e.g. ${key}: { value: 500 }`,
    });
    return undefined;
  }

  if (kind === 'equipment' && !feature.availability) {
    problems.push({ path, message: `"${key}" needs an availability`, hint: 'absent, standard or optional' });
    return undefined;
  }
  return feature;
}

function buildOfferTerm(
  key: string,
  term: RawOfferTerm,
  catalogTerm: CatalogFeature | undefined,
  canonicalTerm: OfferTermDef | undefined,
  path: PathSegment[],
  problems: Problem[],
  variantIds: string[],
  currency: string,
): SpecFeature | undefined {
  let factor = 1;
  let dimension = catalogTerm?.dimension ?? canonicalTerm?.dimension;
  if (term.unit) {
    const unit = specUnitFactor(term.unit, dimension, currency);
    if ('problem' in unit) {
      const fallback = displayUnit(dimension, catalogTerm?.unit ?? canonicalTerm?.unit, currency);
      problems.push({
        path: [...path, 'unit'],
        message: `${unit.problem} (${catalogTerm?.label.en ?? canonicalTerm?.label.en ?? key})`,
        hint: unit.hint ?? (fallback ? `use ${fallback}` : undefined),
      });
      return undefined;
    }
    factor = unit.factor;
    dimension ??= unit.dimension;
  }
  const words =
    term.terms ??
    (canonicalTerm?.words.en?.length || canonicalTerm?.words.zh?.length ? canonicalTerm.words : undefined);
  const per = term.per ?? canonicalTerm?.per;
  return {
    key,
    kind: 'number',
    specPath: path.join('.'),
    values: termValues(term.value, factor, variantIds, [...path, 'value'], problems),
    unit: displayUnit(dimension, catalogTerm?.unit ?? canonicalTerm?.unit ?? term.unit, currency),
    dimension,
    best: catalogTerm?.best ?? 'min',
    tolerance: parseTolerance(term.tolerance),
    ...(words ? { words } : {}),
    ...(per ? { per } : {}),
    ...(canonicalTerm ? { label: canonicalTerm.label } : {}),
    custom: !catalogTerm && !canonicalTerm,
  };
}

/** An offer term's value for every variant, or per variant id (each id checked). */
function termValues(
  value: number | Record<string, number>,
  factor: number,
  variantIds: string[],
  path: PathSegment[],
  problems: Problem[],
): Record<string, number> {
  if (typeof value === 'number') return Object.fromEntries(variantIds.map((id) => [id, value * factor]));
  for (const id of Object.keys(value)) {
    if (variantIds.includes(id)) continue;
    const guess = nearest(id, variantIds);
    problems.push({
      path: [...path, id],
      message: `unknown variant "${id}"`,
      hint: guess ? `did you mean "${guess}"?` : `variants are: ${variantIds.join(', ')}`,
    });
  }
  return Object.fromEntries(Object.entries(value).map(([id, v]) => [id, v * factor]));
}

function expandAvailability(
  value: RawFeatureObject['availability'],
  variantIds: string[],
  path: PathSegment[],
  problems: Problem[],
  checkVariantIds: (ids: string[], path: PathSegment[]) => void,
): Record<string, Availability> {
  if (typeof value === 'string') return Object.fromEntries(variantIds.map((id) => [id, value]));
  const perVariant = value as RawPerVariant;
  const result: Record<string, Availability> = Object.fromEntries(
    variantIds.map((id) => [id, 'absent' as Availability]),
  );
  const seen = new Set<string>();
  for (const level of ['absent', 'optional', 'standard'] as const) {
    const ids = perVariant[level] ?? [];
    checkVariantIds(ids, [...path, level]);
    for (const id of ids) {
      if (seen.has(id)) problems.push({ path: [...path, level], message: `variant "${id}" is listed twice` });
      seen.add(id);
      result[id] = level;
    }
  }
  return result;
}

function parseTolerance(t: number | string | undefined): Tolerance {
  if (t === undefined) return { absolute: 0, relative: 0 };
  if (typeof t === 'number') return { absolute: t, relative: 0 };
  return { absolute: 0, relative: Number.parseFloat(t) / 100 };
}

export type { RawWords };
