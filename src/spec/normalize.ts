import { type CatalogFeature, canonicalOfferTerms, featureCatalog, findUnit } from '../data/catalog.js';
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

/** Offers the lexicon knows by name; any other offer must bring its own words. */
const KNOWN_OFFERS = ['battery_rental', 'subsidy'];
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
    );
    if (feature) features.set(key, feature);
  }

  const offers = new Map<string, SpecOffer>();
  for (const [name, offer] of Object.entries(raw.offers ?? {})) {
    const path: PathSegment[] = ['offers', name];
    if (!KNOWN_OFFERS.includes(name) && !offer.words) {
      const guess = nearest(name, KNOWN_OFFERS);
      problems.push({
        path,
        message: `"${name}" is not a known offer and brings no words`,
        hint: guess ? `did you mean "${guess}"?` : 'a custom offer needs words: { en: [...], zh: [...] }',
      });
      continue;
    }
    if (offer.validFrom && offer.validUntil && offer.validFrom > offer.validUntil) {
      problems.push({ path: [...path, 'validUntil'], message: 'validUntil is before validFrom' });
    }
    const termKeys: string[] = [];
    const canonicalTerms = canonicalOfferTerms(name);
    for (const [termKey, term] of Object.entries(offer.terms ?? {})) {
      const termPath: PathSegment[] = [...path, 'terms', termKey];
      const fullKey = `${name}.${termKey}`;
      const catalogTerm = catalog.get(fullKey);
      if (!catalogTerm && !term.terms) {
        const guess = nearest(termKey, canonicalTerms);
        problems.push({
          path: termPath,
          message: `"${termKey}" is not a known term of ${name} and brings no terms`,
          hint: guess
            ? `did you mean "${guess}"?`
            : 'a custom offer term needs terms: { en: [...], zh: [...] }',
        });
        continue;
      }
      const feature = buildOfferTerm(fullKey, term, catalogTerm, termPath, problems, variantIds);
      if (feature) {
        features.set(fullKey, feature);
        termKeys.push(termKey);
      }
    }
    offers.set(name, {
      key: name,
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
      words: offer.words,
      custom: !KNOWN_OFFERS.includes(name),
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
      if (!features.has(req) || (!req.includes('.') && KNOWN_OFFERS.includes(req))) {
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
      currency: raw.currency ?? 'CNY',
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
    ('value' in value || 'availability' in value || 'terms' in value)
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
): SpecFeature | undefined {
  const kind =
    canonical?.kind ?? (isFeatureObject(value) && value.value !== undefined ? 'number' : 'equipment');
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

  if (object.value !== undefined) {
    if (kind === 'equipment' && canonical) {
      problems.push({
        path: [...path, 'value'],
        message: `"${key}" is equipment; say absent, standard or optional`,
        hint: `e.g. ${key}: standard, or ${key}: { standard: [variant ids] }`,
      });
      return undefined;
    }
    const dimension = canonical?.dimension ?? (object.unit ? findUnit(object.unit)?.dimension : undefined);
    let factor = 1;
    if (object.unit) {
      const unit = findUnit(object.unit.replace(/\/(km|公里)$/i, ''));
      const compatible =
        unit &&
        (unit.dimension === dimension || (dimension === 'money_per_km' && unit.dimension === 'money'));
      if (!compatible) {
        problems.push({
          path: [...path, 'unit'],
          message: `unit "${object.unit}" cannot express ${canonical ? canonical.label.en : key}`,
          hint: canonical?.unit ? `use ${canonical.unit}` : undefined,
        });
        return undefined;
      }
      factor = unit.factor;
    }
    feature.dimension = dimension;
    feature.unit = canonical?.unit ?? object.unit;
    const valuePath = isFeatureObject(value) ? [...path, 'value'] : path;
    if (typeof object.value === 'number') {
      feature.values = Object.fromEntries(variantIds.map((id) => [id, (object.value as number) * factor]));
    } else {
      const ids = Object.keys(object.value);
      if (implicitVariant || ids.some((id) => !variantIds.includes(id))) {
        checkVariantIds(ids, valuePath);
      }
      feature.values = Object.fromEntries(Object.entries(object.value).map(([id, v]) => [id, v * factor]));
    }
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
  path: PathSegment[],
  problems: Problem[],
  variantIds: string[],
): SpecFeature | undefined {
  let factor = 1;
  const dimension = catalogTerm?.dimension ?? (term.unit ? findUnit(term.unit)?.dimension : undefined);
  if (term.unit) {
    const unit = findUnit(term.unit.replace(/\/(km|公里)$/i, ''));
    const compatible =
      unit && (unit.dimension === dimension || (dimension === 'money_per_km' && unit.dimension === 'money'));
    if (!compatible) {
      problems.push({
        path: [...path, 'unit'],
        message: `unit "${term.unit}" cannot express ${catalogTerm?.label.en ?? key}`,
        hint: catalogTerm?.unit ? `use ${catalogTerm.unit}` : undefined,
      });
      return undefined;
    }
    factor = unit.factor;
  }
  return {
    key,
    kind: 'number',
    specPath: path.join('.'),
    values: Object.fromEntries(variantIds.map((id) => [id, term.value * factor])),
    unit: catalogTerm?.unit ?? term.unit,
    dimension,
    best: catalogTerm?.best ?? 'min',
    tolerance: parseTolerance(term.tolerance),
    words: term.terms,
    custom: !catalogTerm,
  };
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
