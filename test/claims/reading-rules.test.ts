import { describe, expect, it } from 'vitest';
import { extractDocumentClaims } from '../../src/claims/extract.js';
import { extractHtml } from '../../src/extract/html.js';
import { extractMarkdown } from '../../src/extract/markdown.js';
import type { Claim } from '../../src/types.js';
import { claimsOf, contextFor, testSpec } from '../helpers/claims.js';

// Reading rules of issue 9, each a class of phrasings tested in both languages. Each row: a
// sentence and every claim it makes, written "feature[:qualifier][@variants][=value]" (NOT for a
// negation), in order. A spec with three trims in the usual entry-to-top order.
const spec = testSpec(`
schemaVersion: 1
product: { id: x7, name: VEYRA X7, aliases: [维拉X7, X7] }
revision: "r1"
variants:
  - { id: rwd, name: 后驱标准版, aliases: [Standard RWD, 标准版] }
  - { id: lr, name: 后驱长续航版, aliases: [Long Range RWD, 长续航版] }
  - { id: awd, name: 四驱性能版, aliases: [Performance AWD, 性能版] }
features:
  air_suspension: { standard: [awd] }
  automatic_parking: { standard: [lr, awd] }
  lidar: { optional: [awd] }
  heated_seats: { standard: [lr, awd], optional: [rwd] }
  motor_power_kw: { value: { rwd: 200, lr: 200, awd: 390 } }
  battery_kwh: { value: { rwd: 66, lr: 85, awd: 85 } }
  range_km: { value: { rwd: 520, lr: 650, awd: 600 }, cycle: CLTC }
  wheelbase_mm: { value: 2960 }
  price: { value: { rwd: 219800, lr: 249800, awd: 289800 } }
`);
const ctx = contextFor(spec);

function show(c: Claim): string {
  const q = c.qualifier ? `:${c.qualifier}` : '';
  const v = c.variants?.length ? `@${c.variants.join(',')}` : '';
  const value = c.value !== undefined ? `=${c.bound ? `${c.bound} ` : ''}${c.value}` : '';
  return `${c.polarity === 'negated' ? 'NOT ' : ''}${c.feature}${q}${v}${value}`;
}
const read = (text: string) => claimsOf(text, {}, ctx).map(show);
type Row = [string, string[]];
const table = (rows: Row[]) => it.each(rows)('%s', (text, expected) => expect(read(text)).toEqual(expected));

describe('the subject of a sentence carries over its commas (not to a line-up bound)', () => {
  table([
    ['The Performance AWD adds a second motor, and air suspension.', ['air_suspension@awd']],
    ['The Performance AWD gets lidar, plus air suspension.', ['lidar@awd', 'air_suspension@awd']],
    ['The Performance AWD adds lidar, as well as air suspension.', ['lidar@awd', 'air_suspension@awd']],
    ['四驱性能版搭载激光雷达，并标配空气悬架。', ['lidar@awd', 'air_suspension:standard@awd']],
    ['四驱性能版配备激光雷达，同时配备空气悬架。', ['lidar@awd', 'air_suspension@awd']],
    ['四驱性能版有激光雷达，还有空气悬架。', ['lidar@awd', 'air_suspension@awd']],
    ['后驱长续航版搭载85kWh电池，CLTC续航650公里。', ['battery_kwh@lr=85', 'range_km@lr=650']],
    [
      'The Long Range RWD has an 85 kWh battery, 650 km of CLTC range.',
      ['battery_kwh@lr=85', 'range_km@lr=650'],
    ],
    // A line-up bound is the line-up's: "最高", "up to", "起", "from".
    ['后驱标准版售价21.98万元起，CLTC续航最高650公里。', ['price@rwd=from 219800', 'range_km=upTo 650']],
    [
      'The Standard RWD starts at ¥219,800, and the line-up goes up to 650 km.',
      ['price@rwd=from 219800', 'range_km=upTo 650'],
    ],
    // A list that goes on after commas: every item is about the variant that started it.
    [
      'The Performance AWD adds a heated steering wheel, lidar, a 360° camera and air suspension.',
      ['heated_steering_wheel@awd', 'lidar@awd', 'surround_view_camera@awd', 'air_suspension@awd'],
    ],
    [
      '四驱性能版增加方向盘加热，激光雷达，空气悬架。',
      ['heated_steering_wheel@awd', 'lidar@awd', 'air_suspension@awd'],
    ],
    // Not a continuation: a clause of its own, or a variant of its own.
    [
      'The Performance AWD adds lidar, and the Long Range RWD gets air suspension.',
      ['lidar@awd', 'air_suspension@lr'],
    ],
    ['The Performance AWD adds lidar. Air suspension is new.', ['lidar@awd', 'air_suspension']],
    ['四驱性能版搭载激光雷达，长续航版配备自动泊车。', ['lidar@awd', 'automatic_parking@lr']],
  ]);
});

describe('"from X up" / "X及以上" names that variant and every one after it', () => {
  table([
    ['Automatic parking is standard from the Long Range RWD up.', ['automatic_parking:standard@lr,awd']],
    ['Automatic parking on the Long Range RWD and above.', ['automatic_parking@lr,awd']],
    ['Automatic parking comes on the Long Range RWD or higher.', ['automatic_parking@lr,awd']],
    ['Automatic parking from the Long Range RWD onwards.', ['automatic_parking@lr,awd']],
    ['长续航版及以上车型标配自动泊车。', ['automatic_parking:standard@lr,awd']],
    ['后驱长续航版及以上配备自动泊车', ['automatic_parking@lr,awd']],
    // "up to" is a bound, not "and up".
    ['The Long Range RWD goes up to 650 km.', ['range_km@lr=upTo 650']],
  ]);
});

describe('options: "can be specified", "can be added", 可加装', () => {
  table([
    ['A roof-mounted lidar can be specified on the Performance AWD.', ['lidar:optional@awd']],
    ['Lidar can be added to the Performance AWD.', ['lidar:optional@awd']],
    ['Lidar is available on request for the Performance AWD.', ['lidar:optional@awd']],
    ['四驱性能版可加装激光雷达。', ['lidar:optional@awd']],
    ['激光雷达仅作为四驱性能版的选装项提供。', ['lidar:optional@awd']],
  ]);
});

describe('one clause, two qualifiers for different variants: each qualifier takes its own variants', () => {
  table([
    [
      'Heated seats come standard on the Long Range RWD and can be added to the Standard RWD.',
      ['heated_seats:standard@lr', 'heated_seats:optional@rwd'],
    ],
    [
      'Heated seats are standard on the Long Range RWD and optional on the Standard RWD.',
      ['heated_seats:standard@lr', 'heated_seats:optional@rwd'],
    ],
    ['座椅加热长续航版标配、标准版选装。', ['heated_seats:standard@lr', 'heated_seats:optional@rwd']],
  ]);
});

describe('what a platform can take is not what the car has', () => {
  table([
    ['The SEA-X platform supports batteries from 60 kWh to 120 kWh and motors of up to 500 kW.', []],
    ["GAC's AEP 3.0 platform, on which the X7 is built, supports battery packs from 30 to 70 kWh.", []],
    ['The architecture can accommodate lidar and air suspension.', []],
    ['平台的电子电气架构按照“可安装激光雷达”设计，最多可接入3颗激光雷达。', []],
    ['整个换电体系可覆盖25kWh至75kWh的多种电池规格。', []],
    ['SEA-X平台电机功率范围覆盖150kW至500kW。', []],
    // The car itself, built on a platform, still claims.
    [
      'Built on the SEA-X platform, the X7 has air suspension on the Performance AWD.',
      ['air_suspension@awd'],
    ],
  ]);
});

describe('a sentence about an unnamed other car claims nothing', () => {
  table([
    ['有家人说隔壁某款A0级小车续航能跑400公里，价格6万多。', []],
    ['竞品的电池只有60kWh。', []],
    ['Its nearest rival manages 480 km.', []],
    ['Rivals charge extra for air suspension.', []],
    // The product named in the sentence: a claim of its own.
    ['Unlike its rivals, the X7 Performance AWD has air suspension.', ['air_suspension@awd']],
  ]);
});

describe('a difference is not a value', () => {
  table([
    ['The Long Range RWD costs ¥40,000 less than the Performance AWD.', []],
    ['The wheelbase is 60 mm longer than before.', []],
    ['我们长续航版比它多跑30公里还便宜。', []],
    ['新款降价2万元。', []],
    ['An extra 50 km of range.', []],
    // A value stays a value.
    ['CLTC range of 650 km or more.', ['range_km=650']],
    ['续航提升至650公里。', ['range_km=650']],
  ]);
});

describe("a number owned by the noun that modifies the feature word is that noun's", () => {
  table([
    // (DC charging itself is equipment the words claim.)
    ['Max DC charging power: 180 kW', ['dc_fast_charging']],
    ['Peak DC charging power of 180 kW', ['dc_fast_charging']],
    ['Charging power peaks at 180 kW', []],
    ['直流快充峰值功率(kW): 240', ['dc_fast_charging']],
    ['快充峰值功率240kW', ['dc_fast_charging']],
    ['交流充电功率11kW', []],
    // The feature's own name holds the owner noun: still the feature.
    ['Peak power: 390 kW', ['motor_power_kw=390']],
    ['最大功率390kW', ['motor_power_kw=390']],
  ]);
});

describe('a bare 万 is money only where the clause says so; 万+ and 万首 are counts', () => {
  table([
    ['阅读 12.3万', []],
    ['累计评价 2万+', []],
    ['拥有80万首云端正版曲库', []],
    ['售价21.98万元起', ['price=from 219800']],
    ['21.98万起', ['price=from 219800']],
    ['官方指导价21.98万', ['price=219800']],
  ]);
});

describe('a stated range is the line-up: its top is the highest value', () => {
  it('"21.98-28.98万元" reads low and high ends with the range', () => {
    const claims = claimsOf('官方指导价21.98-28.98万元', {}, ctx);
    expect(claims.map((c) => [c.bound, c.value, c.range])).toEqual([
      ['from', 219800, [219800, 289800]],
      ['upTo', 289800, [219800, 289800]],
    ]);
  });
});

describe('a negation reaches the items of the list after it', () => {
  table([
    [
      'No X7 has lidar, a head-up display, air suspension or automatic parking.',
      ['NOT lidar', 'NOT head_up_display', 'NOT air_suspension', 'NOT automatic_parking'],
    ],
    ['X7不配备激光雷达，空气悬架，自动泊车。', ['NOT lidar', 'NOT air_suspension', 'NOT automatic_parking']],
    // A clause with a verb of its own is not an item of the list.
    ['The X7 has no lidar, but every X7 has air suspension.', ['NOT lidar', 'air_suspension']],
  ]);
});

describe('denials written as "cannot be ordered with", "无需", "打不开"', () => {
  table([
    ['The Standard RWD cannot be ordered with lidar.', ['NOT lidar@rwd']],
    ["The Standard RWD can't be ordered with air suspension.", ['NOT air_suspension@rwd']],
    ['标准版无需空气悬架。', ['NOT air_suspension@rwd']],
    ['标准版无法选装激光雷达。', ['NOT lidar@rwd']],
  ]);
});

describe('a future launch, a roadmap line, a correction or a picture is not a claim about the car on sale', () => {
  table([
    ['X7四驱性能版将于2026年第二季度推出，标配空气悬架。', []],
    ['An X7 GT with air suspension is expected to launch in 2026.', []],
    ['A lidar version will arrive next year.', []],
    ['2027年：基于SEA-X平台的第一款换电车型。', []],
    ['2026 H2: lidar on the Performance AWD.', []],
    ['之前网上有图片带空气悬架，那个是错的。', []],
    ['An earlier version of this page wrongly listed air suspension on the Long Range RWD.', []],
    ['有用户看到带有激光雷达的车辆图片。', []],
    ['The photo shows air suspension on a show car.', []],
    // Stays a claim: the car on sale, now.
    ['The X7 Performance AWD has air suspension.', ['air_suspension@awd']],
    ['2026款X7四驱性能版标配空气悬架。', ['air_suspension:standard@awd']],
  ]);
});

describe('invoicing cities are read from the invoicing clause', () => {
  const cities = (text: string) =>
    claimsOf(text, {}, ctx)
      .filter((c) => c.feature === 'invoicing_cities')
      .map((c) => `${c.polarity === 'negated' ? 'NOT ' : ''}${(c.items ?? []).join('+')}`);
  it.each([
    ['目前只支持广州、上海两地开票，东莞暂不支持呢。', ['Guangzhou+Shanghai']],
    ['答：目前只能在广州或上海开票，所以佛山本地补贴用不了。', ['Guangzhou+Shanghai']],
    ['开票城市仅限广州、上海，不影响全国上牌。', ['Guangzhou+Shanghai']],
    [
      'Invoices can only be issued in Guangzhou or Shanghai, and the car can be registered in Foshan.',
      ['Guangzhou+Shanghai'],
    ],
  ] as [string, string[]][])('%s', (text, expected) => expect(cities(text)).toEqual(expected));
});

describe('press-kit lines written as a table ("Trims: a / b / c", "Label: x / y / z")', () => {
  const readDoc = (text: string) =>
    extractDocumentClaims(extractMarkdown('facts.txt', text, { plainText: true }).segments, ctx).map(show);
  it.each([
    [
      'Trims: Standard RWD / Long Range RWD / Performance AWD\nRange (CLTC, km): 520 / 650 / 600\nSuspension: steel springs / steel springs / air suspension\nLidar: n/a / n/a / optional',
      [
        'range_km@rwd=520',
        'range_km@lr=650',
        'range_km@awd=600',
        'air_suspension@awd',
        'NOT lidar@rwd',
        'NOT lidar@lr',
        'lidar:optional@awd',
      ],
    ],
    [
      '车型：后驱标准版 / 后驱长续航版 / 四驱性能版\n续航(CLTC, km)：520 / 650 / 600\n价格(万元)：21.98 / 24.98 / 28.98',
      [
        'range_km@rwd=520',
        'range_km@lr=650',
        'range_km@awd=600',
        'price@rwd=219800',
        'price@lr=249800',
        'price@awd=289800',
      ],
    ],
    ['Power / battery: 390 kW / 85 kWh', ['motor_power_kw=390', 'battery_kwh=85']],
    ['最大功率／电池容量：390kW／85kWh', ['motor_power_kw=390', 'battery_kwh=85']],
    // "n/a" is a value, not two cells.
    ['Lidar: n/a', ['NOT lidar']],
  ] as [string, string[]][])('%s', (text, expected) => expect(readDoc(text)).toEqual(expected));
});

describe('all-variant words reach every clause of the sentence but one that names its own variant', () => {
  table([
    ['全系标配座椅加热，四驱性能版增加空气悬架。', ['heated_seats:standard', 'air_suspension@awd']],
    [
      'Heated seats are standard on every trim, and the Performance AWD adds air suspension.',
      ['heated_seats:standard', 'air_suspension@awd'],
    ],
  ]);
  it('the all-variant claim is marked as such, the other is not', () => {
    const claims = claimsOf('全系标配座椅加热，四驱性能版增加空气悬架。', {}, ctx);
    expect(claims.map((c) => [c.feature, !!c.allVariants])).toEqual([
      ['heated_seats', true],
      ['air_suspension', false],
    ]);
  });
});

describe('more denials: "does not offer", "instead of", "cannot be retrofitted with", 而不是', () => {
  table([
    ["No, the X7 doesn't offer lidar on any trim.", ['NOT lidar']],
    ['The X7 does not offer air suspension.', ['NOT air_suspension']],
    ['The Standard RWD uses steel springs instead of air suspension.', ['NOT air_suspension@rwd']],
    ['They cannot be retrofitted with lidar.', ['NOT lidar']],
    ['标准版采用钢制弹簧，而不是空气悬架。', ['NOT air_suspension@rwd']],
  ]);
});

describe('one element: a plain mention of a feature it also places on a variant is that claim', () => {
  const readDoc = (text: string) =>
    extractDocumentClaims(extractMarkdown('p.md', text).segments, ctx).map(show);
  it.each([
    ['车顶可以看到激光雷达的安装位置，激光雷达在四驱性能版上为选装。', ['lidar:optional@awd']],
    [
      'Lidar makes motorway driving easier. Lidar is an option on the Performance AWD.',
      ['lidar:optional@awd'],
    ],
    // Separate elements stay separate claims.
    [
      'Lidar makes motorway driving easier.\n\nLidar is an option on the Performance AWD.',
      ['lidar', 'lidar:optional@awd'],
    ],
  ] as [string, string[]][])('%s', (text, expected) => expect(readDoc(text)).toEqual(expected));
});

describe('a per-km rate written before the amount is the overage fee', () => {
  const fees = (text: string) =>
    claimsOf(text, {}, ctx)
      .filter((c) => c.value !== undefined)
      .map((c) => `${c.feature}=${c.value}`);
  it.each([
    ['beyond that, each extra km costs ¥0.20.', ['battery_rental.overage_fee_per_km=0.2']],
    ['Every additional kilometre is charged at ¥0.20.', ['battery_rental.overage_fee_per_km=0.2']],
    ['超出部分每公里0.2元。', ['battery_rental.overage_fee_per_km=0.2']],
    ['超出的部分每公里收 0.2 元。', ['battery_rental.overage_fee_per_km=0.2']],
    ['超出部分0.2元/公里。', ['battery_rental.overage_fee_per_km=0.2']],
  ] as [string, string[]][])('%s', (text, expected) => expect(fees(text)).toEqual(expected));
});

describe('figures that belong to something else: another car, a segment, an accessory, a cabin measure', () => {
  table([
    ['合资车型车长4900mm、轴距2900mm，第三排更适合儿童。', []],
    ['对比车型搭载2.0T发动机，最大功率165kW，官方零百加速7.9秒。', []],
    ['维拉X7在20-30万元的七座纯电SUV里配置给得相当扎实。', ['seats=7']],
    ['20万级纯电SUV', []],
    ['It competes in the ¥200,000-300,000 segment.', []],
    ['Third-row legroom is 850 mm.', []],
    ['第三排腿部空间850mm。', []],
    ['7kW家用充电桩 ￥1999.00', []],
    ['A 7 kW wallbox costs ¥1,999.', []],
    ['3.4 座舱', []],
    // The car's own figures stay.
    ['维拉X7车长4955mm，轴距2960mm。', ['length_mm=4955', 'wheelbase_mm=2960']],
    ['7座SUV', ['seats=7']],
  ]);
  it("an amount in its own element after an element naming an accessory is the accessory's", () => {
    const claims = extractDocumentClaims(
      extractMarkdown(
        'shop.md',
        '埃安UT super 7kW家用充电桩 含基础安装\n\n￥1999.00\n\n官方指导价\n\n¥219,800',
      ).segments,
      ctx,
    ).map(show);
    expect(claims).toEqual(['price=219800']);
  });
});

describe('"every X7", "每一台X7" are all-variant words', () => {
  it.each([
    ['Every X7 comes with air suspension.'],
    ['Each X7 has lidar.'],
    ['每一台维拉X7都配备空气悬架。'],
  ])('%s', (text) => {
    expect(claimsOf(text, {}, ctx).map((c) => !!c.allVariants)).toEqual([true]);
  });
  it('not for "every" before something else', () => {
    expect(
      claimsOf('Every journey is easier with air suspension.', {}, ctx).map((c) => !!c.allVariants),
    ).toEqual([false]);
  });
});

describe('"分别为" / "respectively" gives the values to the variants in the order named', () => {
  table([
    [
      '后驱标准版电机最大功率200kW，四驱性能版390kW，零百加速分别为6.9秒和3.9秒。',
      [
        'motor_power_kw@rwd=200',
        'motor_power_kw@awd=390',
        'acceleration_0_100_s@rwd=6.9',
        'acceleration_0_100_s@awd=3.9',
      ],
    ],
    [
      'The Standard RWD and the Performance AWD do 0-100 km/h in 6.9 s and 3.9 s respectively.',
      ['acceleration_0_100_s@rwd=6.9', 'acceleration_0_100_s@awd=3.9'],
    ],
  ]);
});

describe('a feature negated to describe other cars says nothing about this one', () => {
  table([
    ['零下十度续航衰减比没有热泵的车型少不少。', []],
    ['Unlike cars without a heat pump, the X7 keeps its range in winter.', []],
    // This car's own denial stays.
    ['本车没有空气悬架。', ['NOT air_suspension']],
  ]);
});

describe('a bare feature label is a topic only when an answer follows it', () => {
  const readDoc = (html: string) =>
    extractDocumentClaims(extractHtml('faq.html', html).segments, ctx).map(show);
  it.each([
    [
      '<details><summary>激光雷达</summary><p>仅四驱性能版可选装激光雷达，后驱车型不提供。</p></details>',
      ['lidar:optional@awd', 'NOT lidar@rwd,lr'],
    ],
    [
      '<details><summary>Air suspension</summary><p>Only the Performance AWD has it.</p></details>',
      ['air_suspension@awd'],
    ],
    ['<h3>空气悬架</h3><p>仅四驱性能版配备。</p>', ['air_suspension@awd']],
    // A list of labels: each is a claim of its own.
    ['<ul><li>激光雷达</li><li>空气悬架</li></ul>', ['lidar', 'air_suspension']],
    ['<p>电动天窗</p><p>全景天窗</p>', ['sunroof', 'sunroof']],
  ] as [string, string[]][])('%s', (html, expected) => expect(readDoc(html)).toEqual(expected));
});

describe('what reports or rumours say is not a claim of the maker', () => {
  table([
    ['Chinese reports suggest the Performance AWD will make 420 kW.', []],
    ['The X7 is rumoured to get lidar next year.', []],
    ['Reportedly, the X7 has air suspension on every trim.', []],
    ['据传四驱性能版最大功率将达到420kW。', []],
    ['网传维拉X7将配备激光雷达。', []],
    ['有消息称X7或将标配空气悬架。', []],
    // Not hearsay: the maker's own statement.
    ['The Performance AWD has 390 kW of power.', ['motor_power_kw@awd=390']],
    ['四驱性能版最大功率390kW。', ['motor_power_kw@awd=390']],
  ]);
});

describe('a word after a measure says what it measures ("4,990 mm long", "1,950 mm wide")', () => {
  table([
    ['The X7 is 4,990mm long with a 2,960mm wheelbase.', ['length_mm=4990', 'wheelbase_mm=2960']],
    ['It is 4,990 mm in length and rides on a 2,960 mm wheelbase.', ['length_mm=4990', 'wheelbase_mm=2960']],
    ['At 1,950 mm wide and 1,700 mm tall, it has a 2,960 mm wheelbase.', ['wheelbase_mm=2960']],
    ['车长4990mm，轴距2960mm。', ['length_mm=4990', 'wheelbase_mm=2960']],
  ]);
});

describe('a relative clause continues the clause before it ("…its rival, whose 2,900 mm wheelbase…")', () => {
  table([
    ['Compared with its closest rival, whose 2,900 mm wheelbase is shorter, the X7 has more room.', []],
    ['Against the competitor, which offers 520 km of range, the X7 goes further.', []],
    ['对比竞品，其轴距为2900mm，维拉X7空间更大。', []],
    // A relative clause after the car's own clause stays the car's.
    ['The X7 has a 2,960 mm wheelbase, which gives the third row more room.', ['wheelbase_mm=2960']],
  ]);
});

describe('a power word that does not say whose power belongs to a charging subject', () => {
  table([
    ['DC charging is fast, which supports a maximum power of 180 kW.', ['dc_fast_charging']],
    ['Its DC charging has a peak power of 180 kW.', ['dc_fast_charging']],
    ['直流快充最大功率180kW。', ['dc_fast_charging']],
    // Two things listed: the power word is the motor's.
    ['It offers 180 kW charging and a maximum power of 390 kW.', ['motor_power_kw=390']],
    ['快充功率180kW，电机最大功率390kW。', ['dc_fast_charging', 'motor_power_kw=390']],
    ['The Performance AWD has a maximum power of 390 kW.', ['motor_power_kw@awd=390']],
  ]);
});

describe('a sentence whose subject is a platform the document named is about the platform', () => {
  const readDoc = (md: string) =>
    extractDocumentClaims(extractMarkdown('press.md', md).segments, ctx).map(show);
  it.each([
    [
      'The X7 is built on the SEA-X platform.\n\nSEA-X supports batteries from 60 kWh to 120 kWh and motors of up to 500 kW.',
      [],
    ],
    [
      'The X7 is built on the SEA-X platform.\n\nSEA-X is designed for wheelbases from 2,800 mm to 3,100 mm.',
      [],
    ],
    ['维拉X7基于SEA-X纯电平台打造。\n\nSEA-X可支持60kWh至120kWh的电池。', []],
    ['维拉X7基于SEA-X平台打造。\n\nSEA-X 可兼容最大500kW电机。', []],
    // The car as subject stays a claim; a name not given to a platform is not one.
    ['The X7 is built on the SEA-X platform.\n\nThe X7 supports a 85 kWh battery.', ['battery_kwh=85']],
    ['Meet the X7 platform-mate.\n\nX7 supports a 85 kWh battery.', ['battery_kwh=85']],
  ] as [string, string[]][])('%s', (md, expected) => expect(readDoc(md)).toEqual(expected));
});

describe('a time next to DC fast charging is its charging time (a sibling of the feature)', () => {
  table([
    ['DC fast charging from 30 to 80% takes 18 minutes.', ['dc_fast_charging', 'dc_charge_time_min=18']],
    ['直流快充30%-80%仅需18分钟。', ['dc_fast_charging', 'dc_charge_time_min=18']],
    ['快充18分钟，补能更安心。', ['dc_fast_charging', 'dc_charge_time_min=18']],
  ]);
  const readTable = (html: string) =>
    extractDocumentClaims(extractHtml('specs.html', html).segments, ctx).map(show);
  it.each([
    [
      '<table><tr><th>Version</th><th>Standard RWD</th><th>Long Range RWD</th></tr><tr><td>DC charge 30–80%</td><td>24 min</td><td>20 min</td></tr></table>',
      [
        'dc_fast_charging@rwd',
        'dc_charge_time_min@rwd=24',
        'dc_fast_charging@lr',
        'dc_charge_time_min@lr=20',
      ],
    ],
    // A test cycle in the label's parentheses is not a unit.
    [
      '<table><tr><th>Version</th><th>Standard RWD</th><th>Long Range RWD</th></tr><tr><td>Range (CLTC)</td><td>520 km</td><td>650 km</td></tr></table>',
      ['range_km@rwd=520', 'range_km@lr=650'],
    ],
    [
      '<table><tr><th>版本</th><th>后驱标准版</th><th>后驱长续航版</th></tr><tr><td>续航里程(CLTC)</td><td>520km</td><td>650km</td></tr></table>',
      ['range_km@rwd=520', 'range_km@lr=650'],
    ],
  ] as [string, string[]][])('%s', (html, expected) => expect(readTable(html)).toEqual(expected));
});

describe('several variants in one clause, each with its own figure', () => {
  table([
    [
      'The CLTC range is 520 km for the Standard RWD and 650 km for the Long Range RWD.',
      ['range_km@rwd=520', 'range_km@lr=650'],
    ],
    ['Range: Standard RWD 520 km, Long Range RWD 650 km.', ['range_km@rwd=520', 'range_km@lr=650']],
    ['CLTC续航：后驱标准版520公里、后驱长续航版650公里。', ['range_km@rwd=520', 'range_km@lr=650']],
    ['Both the Standard RWD and the Long Range RWD have air suspension.', ['air_suspension@rwd,lr']],
  ]);
});

describe('a definition list or label/value table is about the variant its heading names', () => {
  const readDoc = (html: string) =>
    extractDocumentClaims(extractHtml('cards.html', html).segments, ctx).map(show);
  it.each([
    [
      '<div><h3>Standard RWD</h3><dl><dt>Battery</dt><dd>66 kWh</dd></dl></div><div><h3>Long Range RWD</h3><dl><dt>Battery</dt><dd>85 kWh</dd></dl></div>',
      ['battery_kwh@rwd=66', 'battery_kwh@lr=85'],
    ],
    [
      '<h3>后驱标准版</h3><table><tr><td>电池容量</td><td>66kWh</td></tr></table><h3>后驱长续航版</h3><table><tr><td>电池容量</td><td>85kWh</td></tr></table>',
      ['battery_kwh@rwd=66', 'battery_kwh@lr=85'],
    ],
  ] as [string, string[]][])('%s', (html, expected) => expect(readDoc(html)).toEqual(expected));
});

describe('a group of trims named by what their names share ("the RWD versions", "两款后驱车型")', () => {
  table([
    ['On the RWD versions, heated seats are standard.', ['heated_seats:standard@rwd,lr']],
    ['Both RWD models come with automatic parking.', ['automatic_parking@rwd,lr']],
    ['两款后驱车型均配备座椅加热。', ['heated_seats@rwd,lr']],
    ['后驱版本不提供激光雷达。', ['NOT lidar@rwd,lr']],
    // The shared word alone is not a group.
    ['RWD means rear-wheel drive.', []],
  ]);
});

describe('a clause that names a trim and how it has the feature just named, without naming it again', () => {
  table([
    ['长续航版出厂就带座椅加热；标准版需要在下单时选装。', ['heated_seats@lr', 'heated_seats:optional@rwd']],
    ['后驱长续航版标配座椅加热，后驱标准版不提供。', ['heated_seats:standard@lr', 'NOT heated_seats@rwd']],
    [
      'Heated seats are standard on the Long Range RWD; the Standard RWD offers them as an option.',
      ['heated_seats:standard@lr', 'heated_seats:optional@rwd'],
    ],
    ['The Performance AWD has lidar, but the Standard RWD does not.', ['lidar@awd', 'NOT lidar@rwd']],
    ['仅四驱性能版配备激光雷达，后驱标准版不配备且无法选装。', ['lidar@awd', 'NOT lidar@rwd']],
    // A clause that names a trim and nothing about the feature is not a claim.
    ['The Performance AWD has lidar, and the Standard RWD is the cheapest.', ['lidar@awd']],
  ]);
});

describe('a power figure next to the motor is the motor power', () => {
  table([
    ['The Performance AWD produces 390 kW from two motors.', ['motor_power_kw@awd=390']],
    ['The Standard RWD has a 200 kW rear motor.', ['motor_power_kw@rwd=200']],
    ['后驱标准版搭载200kW单电机。', ['motor_power_kw@rwd=200']],
    // A charger is not the motor.
    ['The motor is quiet, and the charger takes 11 kW.', []],
  ]);
});

describe('a heading inside one of a row of cards names that card, not what follows the cards', () => {
  const readDoc = (html: string) =>
    extractDocumentClaims(extractHtml('cards.html', html).segments, ctx).map(show);
  it.each([
    [
      '<div class="cards"><div class="card"><h3>Standard RWD</h3><p>Heated seats as an option.</p></div><div class="card"><h3>Performance AWD</h3><p>Air suspension.</p></div></div><p>Every X7 has automatic parking.</p>',
      ['heated_seats:optional@rwd', 'air_suspension@awd', 'automatic_parking'],
    ],
    [
      '<div class="col"><h3>后驱标准版</h3><p>选装座椅加热</p></div><div class="col"><h3>四驱性能版</h3><p>空气悬架</p></div><p>激光雷达为选装配置。</p>',
      ['heated_seats:optional@rwd', 'air_suspension@awd', 'lidar:optional'],
    ],
  ] as [string, string[]][])('%s', (html, expected) => expect(readDoc(html)).toEqual(expected));
});

describe('a later clause says more of the feature just claimed: an option after all, or only some trims', () => {
  table([
    ['答：后驱标准版出厂不带座椅加热，可以在下单时选装。', ['heated_seats:optional@rwd']],
    [
      'The Standard RWD does not come with heated seats, but they can be ordered as an option.',
      ['heated_seats:optional@rwd'],
    ],
    ['空气悬架需要不同的副车架，只在四驱性能版上提供。', ['air_suspension@awd']],
    [
      'Air suspension needs a different subframe, so it is offered only on the Performance AWD.',
      ['air_suspension@awd'],
    ],
    // Not "only": the feature stays the sentence's.
    ['Air suspension is quiet, and the Performance AWD is quick.', ['air_suspension']],
  ]);
});

describe('trims listed together share the figure that follows them', () => {
  table([
    ['后驱长续航版与四驱性能版搭载85kWh电池。', ['battery_kwh@lr,awd=85']],
    ['The Long Range RWD and the Performance AWD have an 85 kWh battery.', ['battery_kwh@lr,awd=85']],
    [
      '后驱标准版搭载66kWh电池；后驱长续航版与四驱性能版搭载85kWh电池。',
      ['battery_kwh@rwd=66', 'battery_kwh@lr,awd=85'],
    ],
  ]);
  const readTable = (html: string) =>
    extractDocumentClaims(extractHtml('specs.html', html).segments, ctx).map(show);
  it('a table row labelled with a trim name is about that trim, not the feature in its name', () => {
    const read = readTable(
      '<table><tr><th>Trim</th><th>Price</th><th>Battery</th></tr><tr><td>Performance AWD</td><td>¥289,800</td><td>85 kWh</td></tr></table>',
    );
    // The row's figures are read (the row is not skipped), and its name claims nothing.
    expect(read.some((c) => c.startsWith('price') || c.startsWith('battery_kwh'))).toBe(true);
    expect(read.filter((c) => c.startsWith('all_wheel_drive'))).toEqual([]);
  });
});

describe('a question answered only by naming trims is a claim for those trims', () => {
  table([
    ['Air suspension? Only on the Performance AWD.', ['air_suspension@awd']],
    ['有空气悬架吗？仅四驱性能版。', ['air_suspension@awd']],
    // A yes/no answer keeps working; a question with no answer claims nothing.
    ['Does it have lidar? No.', ['NOT lidar']],
    ['Air suspension?', []],
  ]);
  const readDoc = (html: string) =>
    extractDocumentClaims(extractHtml('faq.html', html).segments, ctx).map(show);
  it('across blocks', () => {
    expect(
      readDoc(
        '<details><summary>Does it have air suspension?</summary><p>Only the Performance AWD.</p></details>',
      ),
    ).toEqual(['air_suspension@awd']);
  });
});

describe('a question reported before a colon is answered after it', () => {
  table([
    ['很多用户问有没有空气悬架：四驱性能版标配空气悬架。', ['air_suspension:standard@awd']],
    ['People ask whether it has lidar: the Performance AWD offers it as an option.', ['lidar:optional@awd']],
    // The question alone is not a claim.
    ['有没有空气悬架？', []],
  ]);
});

describe('a figure whose clause names another offer term is not the earlier term', () => {
  const financeCtx = contextFor(
    testSpec(`
schemaVersion: 1
product: { id: x7, name: VEYRA X7 }
revision: "r1"
features: {}
offers:
  finance: { terms: { term_months: 36, apr_percent: 0 } }
`),
  );
  it.each([
    [
      '即日起购车享36期0息金融方案，首付低至20%。',
      ['finance', 'finance.term_months=36', 'finance.apr_percent=0'],
    ],
    [
      'Finance over 36 months at 0% APR, with a down payment of 20%.',
      ['finance', 'finance.term_months=36', 'finance.apr_percent=0'],
    ],
  ] as Row[])('%s', (text, expected) =>
    expect(
      claimsOf(text, {}, financeCtx)
        .filter((c) => c.feature.startsWith('finance'))
        .map(show),
    ).toEqual(expected),
  );
});

describe('a capacity in kWh with no owner is the battery; a battery covered for N years is the battery warranty', () => {
  table([
    ['The Long Range RWD has 85 kWh and 650 km of range.', ['battery_kwh@lr=85', 'range_km@lr=650']],
    ['后驱长续航版85kWh，CLTC续航650公里。', ['battery_kwh@lr=85', 'range_km@lr=650']],
    // A kW figure with no owner stays unread: it may be a charger's.
    ['The Long Range RWD takes 11 kW.', []],
    [
      'Seven years of warranty, with the battery covered for eight years.',
      ['warranty_years=7', 'battery_warranty_years=8'],
    ],
  ]);
});

describe('度 alone is not a battery capacity', () => {
  table([['360度全景影像，停车更轻松。', ['surround_view_camera']]]);
});

describe('range verbs: "good for", "rated at", "covers"', () => {
  table([
    ['The Standard RWD has a 66 kWh battery good for 520 km.', ['battery_kwh@rwd=66', 'range_km@rwd=520']],
    ['The Long Range RWD is rated at 650 km CLTC.', ['range_km@lr=650']],
    ['It covers 520 km on a charge.', ['range_km=520']],
    // Not a distance: no range.
    ['Good for families: seven seats.', ['seats=7']],
  ]);
});

describe('an answer and a statement in one sentence: the answer is for the question, the statement for itself', () => {
  table([
    ['问：后驱标准版有激光雷达吗？答：没有，激光雷达仅四驱性能版提供。', ['NOT lidar@rwd', 'lidar@awd']],
    [
      'Q: Does the Standard RWD have lidar? A: No, lidar is offered only on the Performance AWD.',
      ['NOT lidar@rwd', 'lidar@awd'],
    ],
  ]);
});

describe('short forms of feature names in social copy', () => {
  table([
    ['✅四驱性能版零百3.9s⚡️', ['acceleration_0_100_s@awd=3.9']],
    ['四驱性能版零百加速3.9秒', ['acceleration_0_100_s@awd=3.9']],
  ]);
});

describe('0-62 mph is the 0-100 km/h time (0-60 mph is not)', () => {
  table([
    ['The Performance AWD does 0-62mph in 3.9 seconds.', ['acceleration_0_100_s@awd=3.9']],
    ['0 to 62 mph takes 3.9 seconds in the Performance AWD.', ['acceleration_0_100_s@awd=3.9']],
    ['0-60 mph takes 3.7 seconds.', []],
  ]);
});

describe('a trim and a figure after a sentence that named the measure: the same measure', () => {
  table([
    [
      'The Performance AWD does 0-100 km/h in 3.9 seconds; the Standard RWD takes 7.2 seconds.',
      ['acceleration_0_100_s@awd=3.9', 'acceleration_0_100_s@rwd=7.2'],
    ],
    [
      '四驱性能版零百加速3.9秒；后驱标准版7.2秒。',
      ['acceleration_0_100_s@awd=3.9', 'acceleration_0_100_s@rwd=7.2'],
    ],
    // No trim named: not taken for the measure.
    [
      'The Performance AWD does 0-100 km/h in 3.9 seconds; braking takes 2.5 seconds.',
      ['acceleration_0_100_s@awd=3.9'],
    ],
  ]);
});
