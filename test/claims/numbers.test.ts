import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/types.js';
import { claimsOf } from '../helpers/claims.js';

const values = (text: string) =>
  claimsOf(text)
    .filter((c: Claim) => c.value !== undefined)
    .map((c) => [c.feature, c.value, c.bound ?? null, c.variants ?? null]);

// Each row: a sentence and the numbers it states [feature, value in the canonical unit, bound, variants].
const rows: [string, unknown[][]][] = [
  ['长续航版CLTC续航430公里', [['range_km', 430, null, ['lr']]]],
  ['京东价 4.99万起（标准续航版）', [['price', 49900, 'from', ['std']]]],
  ['售价9.98万元', [['price', 99800, null, null]]],
  ['价格：59,900元（长续航版）', [['price', 59900, null, ['lr']]]],
  [
    '续航330-430km',
    [
      ['range_km', 330, 'from', null],
      ['range_km', 430, 'upTo', null],
    ],
  ],
  ['Long Range: up to 430 km of range', [['range_km', 430, 'upTo', ['lr']]]],
  ['Drive up to 500 km on a single charge', [['range_km', 500, 'upTo', null]]],
  ['快充30%-80%仅需24分钟', [['dc_charge_time_min', 24, null, null]]],
  ['0-100km/h加速7.9秒', [['acceleration_0_100_s', 7.9, null, null]]],
  [
    '最大功率100kW，峰值扭矩180N·m，最高车速150km/h',
    [
      ['motor_power_kw', 100, null, null],
      ['torque_nm', 180, null, null],
      ['top_speed_kmh', 150, null, null],
    ],
  ],
  ['136马力', []],
  ['电池：44.1度', [['battery_kwh', 44.1, null, null]]],
  [
    '轴距2750mm，车长4270mm',
    [
      ['wheelbase_mm', 2750, null, null],
      ['length_mm', 4270, null, null],
    ],
  ],
  ['5座SUV', [['seats', 5, null, null]]],
  // The distance is the warranty's (warranty_km), not a range.
  [
    '整车质保8年或16万公里',
    [
      ['warranty_years', 8, null, null],
      ['warranty_km', 160000, null, null],
    ],
  ],
  [
    '电池月租399元/月，每月3000公里基础里程，超出部分按0.2元/公里收取',
    [
      ['battery_rental.monthly_fee', 399, null, null],
      ['battery_rental.mileage_cap_km', 3000, null, null],
      ['battery_rental.overage_fee_per_km', 0.2, null, null],
    ],
  ],
  [
    'The plan includes 3,000 km a month; every extra km costs 0.2 yuan per extra km.',
    [
      ['battery_rental.mileage_cap_km', 3000, null, null],
      ['battery_rental.overage_fee_per_km', 0.2, null, null],
    ],
  ],
  ['月供1999元', []],
  ['限时优惠：立减5000元', []],
  ['有没有续航500公里的版本？', []],
];

describe('numbers with units and what they state', () => {
  it.each(rows)('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('a converted value carries the rounding it may have', () => {
    const [claim] = claimsOf('WLTP range 310 miles');
    expect(claim).toMatchObject({ feature: 'range_km', cycle: 'WLTP' });
    expect(claim?.value).toBeCloseTo(498.9, 1);
    expect(claim?.conversionSlack).toBeGreaterThan(0);
  });

  it('invoicing cities are a list, or "everywhere"', () => {
    expect(claimsOf('仅限广州、上海开票').find((c) => c.feature === 'invoicing_cities')?.items).toEqual([
      'Guangzhou',
      'Shanghai',
    ]);
    expect(
      claimsOf('Invoices are issued in Guangzhou and Shanghai only').find(
        (c) => c.feature === 'invoicing_cities',
      )?.items,
    ).toEqual(['Guangzhou', 'Shanghai']);
    expect(claimsOf('全国均可开票').find((c) => c.feature === 'invoicing_cities')?.items).toEqual(['*']);
  });
});

describe('variant scope', () => {
  it('the variant named in the sentence, else the block, else the nearest heading, else the page heading', () => {
    const scope = (text: string, extra = {}) => claimsOf(text, extra).map((c) => c.variants ?? null);
    expect(scope('长续航版标配座椅加热')).toEqual([['lr']]);
    expect(scope('标配座椅加热', { headings: ['Long Range', 'Test Car'] })).toEqual([['lr']]);
    expect(scope('标配座椅加热', { pageHeading: 'Test Car 标准续航版' })).toEqual([['std']]);
    expect(scope('标配座椅加热')).toEqual([null]);
    expect(claimsOf('全系标配座椅加热', { headings: ['Long Range'] })[0]).toMatchObject({
      allVariants: true,
    });
    expect(claimsOf('Heated seats come standard on every trim')[0]).toMatchObject({
      allVariants: true,
      qualifier: 'standard',
    });
  });

  it('a table cell is about the variant of its column; an unknown column keeps its label', () => {
    const cell = (header: string) =>
      claimsOf('●', {
        source: 'table',
        table: { rowLabel: '座椅加热', columnHeader: header, variantColumns: true },
      })[0];
    expect(cell('长续航版')).toMatchObject({ variants: ['lr'], qualifier: 'standard' });
    expect(cell('豪华版')).toMatchObject({ variantLabel: '豪华版' });
  });
});
