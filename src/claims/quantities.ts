import type { UnitsData } from '../data/catalog.js';
import { escapeRegex } from '../util/regex.js';

/** A number with its unit, found in normalised text. */
export interface Quantity {
  start: number;
  end: number;
  /** value in the canonical unit of `dimension` */
  value: number;
  dimension: string | undefined;
  /** the text as written (normalised) */
  text: string;
  /** relative slack a rounded non-decimal conversion allows (310 mi for 500 km) */
  slack: number;
  per?: 'month' | 'km' | 'year';
  /** ISO 4217 code of a money amount ("USD" for "$39,990"); "LOCAL" for ¥ (the spec's CNY or JPY) */
  currency?: string;
  /** a second number of a range "420-500km" */
  rangeTo?: number;
}

export interface Window {
  start: number;
  end: number;
  from: number;
  to: number;
}

// A Latin unit must end at a word boundary ("5 min" is not "5 mi"); a CJK one need not ("5座SUV").
const alternation = (words: string[]) =>
  [...words]
    .map((w) => w.toLowerCase())
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegex(w).replace(/ /g, '[ ]?') + (/[a-z]$/.test(w) ? '(?![a-z])' : ''))
    .join('|');

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const EN_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

export interface QuantityParser {
  find(text: string, defaultUnit?: string): Quantity[];
  windows(text: string): Window[];
}

export function buildQuantityParser(units: UnitsData): QuantityParser {
  const unitByName = new Map<
    string,
    { dimension: string; factor: number; exact: boolean; currency?: string | undefined; notBefore?: string[] }
  >();
  for (const u of units.units) {
    for (const n of u.names)
      unitByName.set(n.toLowerCase(), {
        dimension: u.dimension,
        factor: u.factor,
        exact: u.exact !== false,
        currency: u.currency,
        ...(u.notBefore ? { notBefore: u.notBefore } : {}),
      });
  }
  const currencyOf = (sign: string) => units.currencyCodes?.[sign.trim().toLowerCase()] ?? 'CNY';
  const unitAlt = alternation([...unitByName.keys()]);
  const currency = alternation(units.currencyPrefixes);
  const perKm = alternation(units.perKm);
  const perMonthAfter = alternation(units.perMonth.after);
  const perMonthBefore = alternation(units.perMonth.before);
  const perMile = units.perMile?.length ? alternation(units.perMile) : undefined;
  const perYear = units.perYear?.length ? alternation(units.perYear) : undefined;
  const number = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
  const wordNumber = `${Object.keys(EN_NUMBERS).join('|')}|[一二两三四五六七八九十]`;
  const source = [
    `(?<before>(?:${perMonthBefore})[ ]?)?`,
    `(?<cur>(?:${currency})[ ]?)?`,
    `(?<num>${number}|(?<![a-z])(?:${wordNumber}))`,
    `(?:[ ]?(?:-|–|~|至|到)[ ]?(?<num2>${number}))?`,
    '(?<mult>[ ]?(?:万|千|亿|k)(?![a-z]))?',
    // "7-seater", "a 300-km range": a hyphen may join a number to its unit.
    `(?:(?:[ ]?|-)(?<unit>${unitAlt}))?`,
    `(?<perkm>[ ]?(?:${perKm}))?`,
    perMile ? `(?<permile>[ ]?(?:${perMile}))?` : '',
    `(?<permonth>[ ]?(?:${perMonthAfter}))?`,
    perYear ? `(?<peryear>[ ]?(?:${perYear}))?` : '',
  ].join('');
  const regex = new RegExp(source, 'g');
  const windowRegex = /(\d{1,3})[ ]?%[ ]?(?:-|–|~|至|到)[ ]?(\d{1,3})[ ]?%/g;

  function find(text: string, defaultUnit?: string): Quantity[] {
    const out: Quantity[] = [];
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const g = m.groups ?? {};
      if (!g.num) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      // Part of a bigger token (a model code "260TURBO", a version "2.0"): the number must not be
      // glued to letters in front.
      const prev = text[m.index - 1] ?? '';
      if (/[a-z]/.test(prev) && !g.cur && !g.before) continue;
      const raw = g.num;
      let value = EN_NUMBERS[raw] ?? CN_DIGITS[raw] ?? Number.parseFloat(raw.replace(/,/g, ''));
      let value2 = g.num2 ? Number.parseFloat(g.num2.replace(/,/g, '')) : undefined;
      const isWordNumber = raw in EN_NUMBERS || raw in CN_DIGITS;
      const multText = g.mult?.trim();
      const mult =
        multText === '万' ? 1e4 : multText === '亿' ? 1e8 : multText === '千' || multText === 'k' ? 1e3 : 1;
      const unitName = g.unit?.toLowerCase().replace(/ /g, '');
      let unit = unitName ? (unitByName.get(unitName) ?? unitByName.get(g.unit!.toLowerCase())) : undefined;
      // "3.4 座舱" is a section number and a cockpit, not 3.4 seats.
      if (unit?.notBefore?.includes(text[m.index + m[0].length] ?? '')) continue;
      // "$39,990": the sign is the unit; "¥15.98万" and "$40k" keep their multiplier.
      if (g.cur && (!unit || unit.dimension === 'money'))
        unit = { dimension: 'money', factor: unit?.factor ?? 1, exact: true, currency: currencyOf(g.cur) };
      // A bare "12.3万" is money only where its clause says so (a price word, 起): it also counts
      // readers, reviews and songs. "2万+", "80万首" are counts outright.
      if (!unit && multText === '万') {
        if (/^[+＋]|^[首次人辆台条个家位份单名篇场]/.test(text.slice(m.index + m[0].length))) continue;
        unit = { dimension: 'money', factor: 1, exact: true };
      }
      if (!unit && defaultUnit) unit = unitByName.get(defaultUnit.toLowerCase());
      // A bare spelled-out number ("five") is only a quantity with a unit ("five seats").
      if (isWordNumber && !g.unit) continue;
      value *= mult;
      if (value2 !== undefined) value2 *= mult;
      let dimension = unit?.dimension;
      const factor = unit?.factor ?? 1;
      // 21.58 x 10000 is 215799.99999999997 in floating point: round away the noise.
      value = Number((value * factor).toPrecision(12));
      if (value2 !== undefined) value2 = Number((value2 * factor).toPrecision(12));
      if (dimension === 'money' && (g.perkm || g.permile)) dimension = 'money_per_km';
      // "$0.25 per mile": a rate per km is the rate per mile over 1.609344.
      if (dimension === 'money_per_km' && g.permile && !g.perkm)
        value = Number((value / 1.609344).toPrecision(12));
      const per =
        (g.perkm || g.permile) && dimension === 'money_per_km'
          ? 'km'
          : g.permonth || g.before
            ? 'month'
            : g.peryear
              ? 'year'
              : undefined;
      // One unit of the last stated digit, relative to the value: the rounding a non-decimal
      // conversion (mi -> km, hp -> kW) is allowed.
      let slack = 0;
      if (unit && !unit.exact) {
        const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
        slack = (10 ** -decimals * factor * mult) / Math.max(Math.abs(value), 1e-9);
      }
      let end = m.index + m[0].length;
      while (end > m.index && text[end - 1] === ' ') end--;
      let start = m.index;
      if (g.before && !unit) start += g.before.length;
      out.push({
        start,
        end,
        value,
        dimension,
        text: text.slice(start, end),
        slack,
        ...(per ? { per } : {}),
        ...(unit?.currency ? { currency: unit.currency } : {}),
        ...(value2 !== undefined ? { rangeTo: value2 } : {}),
      });
    }
    return out;
  }

  function windows(text: string): Window[] {
    const out: Window[] = [];
    windowRegex.lastIndex = 0;
    for (let m = windowRegex.exec(text); m; m = windowRegex.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, from: Number(m[1]), to: Number(m[2]) });
    }
    return out;
  }

  // A segment's sentences each ask for the quantities of the whole text: found once, the last
  // text's answer kept (read-only: callers filter it and never change a Quantity).
  let last: { text: string; unit: string | undefined; found: Quantity[]; windows?: Window[] } | undefined;
  return {
    find(text, defaultUnit) {
      if (last?.text !== text || last.unit !== defaultUnit)
        last = { text, unit: defaultUnit, found: find(text, defaultUnit) };
      return last.found;
    },
    windows(text) {
      if (last?.text !== text) return windows(text);
      last.windows ??= windows(text);
      return last.windows;
    },
  };
}
