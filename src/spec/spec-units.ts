import { findUnit } from '../data/catalog.js';
import { editDistance, nearest } from '../util/nearest.js';

const MILE_KM = 1.609344;

/** Names people write for a currency that are not its ISO 4217 code. */
const CURRENCY_ALIASES: Record<string, string> = { RMB: 'CNY', YUAN: 'CNY', US$: 'USD', EURO: 'EUR' };
/** Tried first, so that a typo suggests the likely code ("USX" -> USD, not UGX). */
const COMMON = [
  'CNY',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'HKD',
  'CAD',
  'AUD',
  'CHF',
  'KRW',
  'SGD',
  'NZD',
  'SEK',
  'NOK',
];

let isoCodes: string[] | undefined;

/** Every ISO 4217 code the runtime knows (Node's ICU data: about 300 codes). */
export function isoCurrencies(): string[] {
  isoCodes ??= Intl.supportedValuesOf('currency');
  return isoCodes;
}

/** Why a spec's `currency` is not usable, with a fix; undefined when it is an ISO 4217 code. */
export function currencyProblem(code: string): { message: string; hint: string } | undefined {
  const codes = isoCurrencies();
  if (codes.includes(code)) return undefined;
  const upper = code.toUpperCase();
  const alias = CURRENCY_ALIASES[upper];
  const guess = codes.includes(upper)
    ? upper
    : (alias ?? (COMMON.find((c) => editDistance(c, upper) <= 1) || nearest(upper, codes)));
  return {
    message: `"${code}" is not an ISO 4217 currency code`,
    hint: guess
      ? `did you mean "${guess}"?`
      : 'use a three-letter ISO 4217 code such as CNY, USD, EUR or GBP',
  };
}

/** The unit a spec figure of this dimension is shown in: money in the spec's currency. */
export function displayUnit(dimension: string | undefined, fallback: string | undefined, currency: string) {
  if (dimension === 'money') return currency;
  if (dimension === 'money_per_km') return `${currency}/km`;
  return fallback;
}

/**
 * The factor that converts a spec figure written in `unit` to the canonical unit of `dimension`,
 * or why it cannot: a unit of another dimension, or money in another currency than the spec's (a
 * spec states one currency; a page in another one is reported, not converted).
 */
export function specUnitFactor(
  unit: string,
  dimension: string | undefined,
  currency: string,
): { factor: number; dimension: string } | { problem: string; hint?: string } {
  let name = unit.trim();
  let perDistance = 1;
  const perKm = name.match(/\/(km|公里|千米)$/i);
  const perMile = name.match(/\/(mi|mile)$/i);
  if (perKm) name = name.slice(0, perKm.index);
  else if (perMile) {
    name = name.slice(0, perMile.index);
    perDistance = 1 / MILE_KM;
  }
  const found = findUnit(name);
  const isCode = !found && /^[A-Za-z]{3}$/.test(name) && isoCurrencies().includes(name.toUpperCase());
  const unitDimension = found?.dimension ?? (isCode ? 'money' : undefined);
  const perRate = perKm || perMile;
  const dim = dimension ?? (unitDimension === 'money' && perRate ? 'money_per_km' : unitDimension);
  const compatible =
    unitDimension !== undefined &&
    (unitDimension === dim || (dim === 'money_per_km' && unitDimension === 'money'));
  if (!compatible || !dim) return { problem: `unit "${unit}" cannot express this figure` };
  const unitCurrency = found?.currency ?? (isCode ? name.toUpperCase() : undefined);
  if (unitDimension === 'money' && unitCurrency && unitCurrency !== currency) {
    return {
      problem: `unit "${unit}" is in ${unitCurrency}, but the spec's currency is ${currency}`,
      hint: `state it in ${currency}, or set currency: ${unitCurrency} at the top of the spec`,
    };
  }
  return { factor: (found?.factor ?? 1) * perDistance, dimension: dim };
}
