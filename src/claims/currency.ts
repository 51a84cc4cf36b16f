import type { Quantity } from './quantities.js';

/** Currencies written with a bare "$": on a page checked against one of them, "$" is that currency. */
const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN'];

/**
 * The ISO 4217 code of a money figure, from the sign or word written with it and the spec's
 * currency: "¥" is JPY on a JPY spec and CNY otherwise; "$" is the spec's dollar (CAD on a Canadian
 * spec) and USD otherwise; a figure with no sign is in the spec's currency.
 */
export function currencyOf(q: Pick<Quantity, 'currency' | 'text'>, specCurrency: string): string {
  const code = q.currency;
  if (!code) return specCurrency;
  if (code === 'LOCAL') return specCurrency === 'JPY' ? 'JPY' : 'CNY';
  // "US$" and "USD" say USD outright; only a bare "$" takes the spec's dollar.
  if (code === 'USD' && isBareDollar(q.text) && DOLLARS.includes(specCurrency)) return specCurrency;
  return code;
}

/** "$" as written (not "US$" or "USD"): a sign that several currencies share. */
export function isBareDollar(text: string): boolean {
  return /(^|[^a-z])\$/i.test(text) && !/us\$|usd/i.test(text);
}

/**
 * The unit a money claim carries: the spec's currency when the figure is in it, else the
 * currency the page states (which the checks report instead of comparing).
 */
export function moneyClaimUnit(q: Quantity, specCurrency: string, perKm: boolean): string {
  const code = currencyOf(q, specCurrency);
  return perKm ? `${code}/km` : code;
}
