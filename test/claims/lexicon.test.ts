import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/claims/normalize-text.js';
import { featureCatalog } from '../../src/data/catalog.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { claimsOf, summary } from '../helpers/claims.js';

// Each row: a sentence and every equipment claim it makes ("feature:polarity"), in order.
type Row = [string, string[]];

const zh: Row[] = [
  ['全系标配电动天窗与座椅加热', ['sunroof:asserted', 'heated_seats:asserted']],
  ['头顶超大全景天窗，阳光尽收眼底', ['sunroof:asserted']],
  ['配备全景天幕，视野开阔', ['panoramic_glass_roof:asserted']],
  ['标配全景遮阳帘', ['sunshade:asserted']],
  ['360全景影像，停车更安心', ['surround_view_camera:asserted']],
  ['支持座椅通风和方向盘加热', ['ventilated_seats:asserted', 'heated_steering_wheel:asserted']],
  ['真皮座椅，电动尾门', ['leather_seats:asserted', 'power_tailgate:asserted']],
  ['无钥匙进入，手机无线充电', ['keyless_entry:asserted', 'wireless_charging:asserted']],
  ['AR-HUD抬头显示', ['head_up_display:asserted']],
  [
    '全速自适应巡航、车道保持辅助、AEB自动紧急制动',
    ['adaptive_cruise_control:asserted', 'lane_keep_assist:asserted', 'automatic_emergency_braking:asserted'],
  ],
  ['自动泊车入位，盲区监测', ['automatic_parking:asserted', 'blind_spot_monitoring:asserted']],
  ['支持OTA远程升级和CarPlay', ['ota_updates:asserted', 'carplay:asserted']],
  ['智能语音助手，64色氛围灯', ['voice_assistant:asserted', 'ambient_lighting:asserted']],
  ['热泵空调，支持对外放电', ['heat_pump:asserted', 'v2l:asserted']],
  ['支持巧克力换电和直流快充', ['battery_swap:asserted', 'dc_fast_charging:asserted']],
  [
    '车顶激光雷达，空气悬架，双电机四驱',
    ['lidar:asserted', 'air_suspension:asserted', 'all_wheel_drive:asserted'],
  ],
  // Negations: not claims of the feature.
  ['本车无天窗', ['sunroof:negated']],
  ['没有天窗', ['sunroof:negated']],
  ['不带天窗', ['sunroof:negated']],
  ['天窗：无', ['sunroof:negated']],
  ['暂不支持换电', ['battery_swap:negated']],
  ['未配备激光雷达', ['lidar:negated']],
  ['不支持CarPlay', ['carplay:negated']],
  ['埃安UT super没有天窗，也没有全景遮阳帘。', ['sunroof:negated', 'sunshade:negated']],
  ['没有天窗，但配有全景遮阳帘', ['sunroof:negated', 'sunshade:asserted']],
  ['没有天窗和遮阳帘', ['sunroof:negated', 'sunshade:negated']],
  // Words that contain a negation character do not negate.
  ['无线充电', ['wireless_charging:asserted']],
  ['无钥匙进入', ['keyless_entry:asserted']],
  ['天窗无异响，密封性好', ['sunroof:asserted']],
  // Questions are not claims.
  ['有没有天窗？', []],
  ['这款车有天窗吗', []],
  ['是否支持OTA升级？', []],
  // Traps: not the feature a shorter word suggests.
  ['配备3颗毫米波雷达', []],
  ['倒车影像', []],
  ['定速巡航', []],
  ['车道偏离预警', []],
  ['化妆镜遮阳板', []],
  // Traditional characters, full-width forms, OCR spacing.
  ['電動天窗', ['sunroof:asserted']],
  ['座椅加熱', ['heated_seats:asserted']],
  ['ＨＵＤ抬头显示', ['head_up_display:asserted']],
  ['全 景 天 窗', ['sunroof:asserted']],
];

const en: Row[] = [
  ['Comes with a power sunroof and heated seats', ['sunroof:asserted', 'heated_seats:asserted']],
  ['A panoramic glass roof floods the cabin with light', ['panoramic_glass_roof:asserted']],
  ['Panoramic sunroof with power sunshade', ['sunroof:asserted', 'sunshade:asserted']],
  [
    'Ventilated seats and a heated steering wheel',
    ['ventilated_seats:asserted', 'heated_steering_wheel:asserted'],
  ],
  [
    'Leather upholstery and a hands-free power tailgate',
    ['leather_seats:asserted', 'power_tailgate:asserted'],
  ],
  ['Keyless entry and wireless phone charging', ['keyless_entry:asserted', 'wireless_charging:asserted']],
  ['Head-up display standard', ['head_up_display:asserted']],
  ['Heads up display', ['head_up_display:asserted']],
  [
    'Adaptive cruise control, lane keeping assist and automatic emergency braking',
    ['adaptive_cruise_control:asserted', 'lane_keep_assist:asserted', 'automatic_emergency_braking:asserted'],
  ],
  [
    'Self-parking and blind-spot monitoring',
    ['automatic_parking:asserted', 'blind_spot_monitoring:asserted'],
  ],
  ['360-degree camera', ['surround_view_camera:asserted']],
  ['Over-the-air updates and Apple CarPlay', ['ota_updates:asserted', 'carplay:asserted']],
  ['Voice assistant and ambient lighting', ['voice_assistant:asserted', 'ambient_lighting:asserted']],
  ['Heat pump and vehicle-to-load', ['heat_pump:asserted', 'v2l:asserted']],
  ['Battery swapping and DC fast charging', ['battery_swap:asserted', 'dc_fast_charging:asserted']],
  [
    'Roof-mounted lidar, air suspension, all-wheel drive',
    ['lidar:asserted', 'air_suspension:asserted', 'all_wheel_drive:asserted'],
  ],
  ['Not available with a sunroof', ['sunroof:negated']],
  ['No sunroof', ['sunroof:negated']],
  ['There is no head-up display', ['head_up_display:negated']],
  ['Sunroof not included', ['sunroof:negated']],
  ['Without a sunroof', ['sunroof:negated']],
  ['No sunroof, but a panoramic sunshade', ['sunroof:negated', 'sunshade:asserted']],
  ['Does it have a sunroof?', []],
  ['Is there a heat pump?', []],
  ['Three millimeter-wave radars', []],
  ['Cruise control and a reversing camera', []],
  ['Not only heated seats but also ventilated seats', ['heated_seats:asserted', 'ventilated_seats:asserted']],
  ['No more range anxiety with fast charging', ['dc_fast_charging:asserted']],
];

describe('lexicon: Simplified Chinese', () => {
  it.each(zh)('%s', (text, expected) => {
    expect(summary(claimsOf(text))).toEqual(expected);
  });
});

describe('lexicon: English', () => {
  it.each(en)('%s', (text, expected) => {
    expect(summary(claimsOf(text))).toEqual(expected);
  });
});

describe('lexicon coverage', () => {
  it('every canonical key has terms in both languages', () => {
    const data = bundledClaimData();
    for (const file of data.lexicon) {
      for (const key of featureCatalog().keys()) {
        expect(file.features[key]?.terms.length, `${file.language}: ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('no term names two features in one language', () => {
    for (const file of bundledClaimData().lexicon) {
      const seen = new Map<string, string>();
      for (const [key, entry] of Object.entries(file.features)) {
        for (const term of entry.terms) {
          const t = String(term).toLowerCase();
          expect(seen.get(t) ?? key, `${file.language}: "${term}"`).toBe(key);
          seen.set(t, key);
        }
      }
    }
  });

  it('spellings that share a path of the matcher differ in length, so the longest is kept whatever the order', () => {
    // "sun roof" and "sunroof" are one path of the trie (a space is optional there): the first term
    // added keeps it, and terms are added longest first; the order of equal lengths is not locale-aware.
    const spellings = new Map<string, Set<string>>();
    for (const file of bundledClaimData().lexicon) {
      for (const term of [...(file.ignore ?? []), ...Object.values(file.features).flatMap((e) => e.terms)]) {
        const n = normalizeText(String(term)).text.trim();
        const path = n.replace(/ /g, '');
        spellings.set(path, (spellings.get(path) ?? new Set()).add(n));
      }
    }
    for (const list of spellings.values()) {
      const lengths = new Set([...list].map((n) => n.length));
      expect(lengths.size, [...list].join(' | ')).toBe(list.size);
    }
  });
});
