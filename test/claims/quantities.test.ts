import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/claims/normalize-text.js';
import { buildQuantityParser } from '../../src/claims/quantities.js';
import { unitsData } from '../../src/data/catalog.js';

const parser = buildQuantityParser(unitsData());
const first = (text: string, unit?: string) => parser.find(normalizeText(text).text, unit)[0];

describe('numbers and units', () => {
  it.each([
    ['9.98万', 'money', 99_800],
    ['4.99万元', 'money', 49_900],
    ['¥49,900', 'money', 49_900],
    ['49900元', 'money', 49_900],
    ['CNY 59,900', 'money', 59_900],
    ['500km', 'distance', 500],
    ['430 公里', 'distance', 430],
    ['16万公里', 'distance', 160_000],
    ['44.1kWh', 'energy', 44.1],
    ['44.1度', 'energy', 44.1],
    ['100kW', 'power', 100],
    ['136马力', 'power', 136 * 0.73549875],
    ['134 hp', 'power', 134 * 0.745699872],
    ['180N·m', 'torque', 180],
    ['150km/h', 'speed', 150],
    ['7.9s', 'time_s', 7.9],
    ['7.9秒', 'time_s', 7.9],
    ['24分钟', 'time_min', 24],
    ['2750mm', 'length_mm', 2750],
    ['5座', 'count_seats', 5],
    ['five seats', 'count_seats', 5],
    ['8年', 'years', 8],
  ])('%s is %s %d', (text, dimension, value) => {
    const q = first(text);
    expect(q?.dimension).toBe(dimension);
    expect(q?.value).toBeCloseTo(value, 3);
  });

  it('converts miles with rounding slack', () => {
    const q = first('310 miles');
    expect(q?.value).toBeCloseTo(498.9, 1);
    expect(q?.slack).toBeGreaterThan(0);
  });

  it('reads prices per km and per month', () => {
    expect(first('超出部分按0.2元/公里收取')).toMatchObject({
      dimension: 'money_per_km',
      value: 0.2,
      per: 'km',
    });
    expect(first('0.2 yuan per extra km')).toMatchObject({ dimension: 'money_per_km', value: 0.2 });
    expect(first('399元/月')).toMatchObject({ dimension: 'money', value: 399, per: 'month' });
    expect(first('每月3000公里基础里程')).toMatchObject({ dimension: 'distance', value: 3000, per: 'month' });
    expect(first('3,000 km a month')).toMatchObject({ dimension: 'distance', value: 3000, per: 'month' });
  });

  it('reads ranges of values and state-of-charge windows', () => {
    expect(first('330-430km')).toMatchObject({ value: 330, rangeTo: 430, dimension: 'distance' });
    expect(parser.windows('30%-80%仅需24分钟')[0]).toMatchObject({ from: 30, to: 80 });
  });

  it('takes a unit from a table label when the cell has none', () => {
    expect(first('4980', 'mm')).toMatchObject({ dimension: 'length_mm', value: 4980 });
  });

  it('does not read model codes as quantities', () => {
    expect(parser.find(normalizeText('260TURBO').text).filter((q) => q.dimension)).toEqual([]);
  });
});
