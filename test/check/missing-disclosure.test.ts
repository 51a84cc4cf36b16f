import { rule } from '../../src/check/missing-disclosure.js';
import type { RulePack } from '../../src/config/packs.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { DEMO_LIKE_SPEC } from '../helpers/specs.js';

const disclaimerPack: RulePack = {
  name: 'brand',
  file: 'brand.yaml',
  required: [
    {
      id: 'image-disclaimer',
      message: 'a page with pictures must say "{term}"',
      terms: ['图片仅供参考', 'images for illustration only'],
      when: ['图片', 'picture'],
      severity: 'warning',
    },
  ],
};

// A credit offer (an APR among its terms): promoted by its figures, not by its name.
const FINANCE_SPEC = `
schemaVersion: 1
product: { id: t, name: Test Car }
revision: "r1"
features: {}
offers:
  finance:
    terms: { term_months: 36, apr_percent: 0 }
disclosures:
  - when: [finance]
    require: [finance.term_months, finance.apr_percent]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'credit named without a figure (en)',
      spec: FINANCE_SPEC,
      docs: '<p>Finance available, subject to status.</p>',
    },
    {
      name: 'credit named without a figure (zh)',
      spec: FINANCE_SPEC,
      docs: '<p>提供金融方案，详询门店。</p>',
    },
    { name: 'credit with its term and APR (zh)', spec: FINANCE_SPEC, docs: '<p>享36期0息金融方案。</p>' },
    {
      name: 'battery rental with its cap and overage fee (zh)',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>电池租赁月租399元，每月3000公里基础里程，超出部分按0.2元/公里收取。</p>',
    },
    {
      name: 'battery rental with its cap and overage fee (en)',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>Battery rental from 399 yuan a month, 3,000 km a month included; 0.2 yuan per extra km.</p>',
    },
    {
      name: 'a wrong value is not a missing disclosure',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>电池租赁含每月5000公里，超出部分按0.2元/公里收取。</p>',
    },
    {
      name: 'a subsidy with the invoicing restriction',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>享购车补贴，仅限广州、上海开票。</p>',
    },
    {
      name: 'a price with the invoicing restriction (en)',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>Priced from 49,900 yuan. Invoices are issued in Guangzhou and Shanghai only.</p>',
    },
    { name: 'nothing promoted', spec: DEMO_LIKE_SPEC, docs: '<p>欢迎到店试驾</p>' },
    { name: 'a negated offer', spec: DEMO_LIKE_SPEC, docs: '<p>本车型不支持电池租赁</p>' },
    {
      name: 'a required term that is there',
      packs: [disclaimerPack],
      docs: '<p>图片仅供参考</p><img alt="图片">',
    },
  ],
  invalid: [
    {
      name: 'credit promoted by a figure in its word ("0首付")',
      spec: FINANCE_SPEC,
      docs: '<p>0首付金融方案，轻松开回家。</p>',
      errors: [{ feature: 'finance' }],
    },
    {
      name: 'credit promoted by a figure beside its word',
      spec: FINANCE_SPEC,
      docs: '<p>Finance from ¥2,999 a month.</p>',
      errors: [{ feature: 'finance' }],
    },
    {
      name: 'battery rental without cap and overage fee',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>电池月租仅需399元/月</p>',
      // One promotion lacking two facts is one finding naming both.
      errors: [
        {
          feature: 'battery_rental',
          expected: 'battery_rental.mileage_cap_km, battery_rental.overage_fee_per_km',
        },
      ],
    },
    {
      name: 'at the words that promote, not at the heading above them',
      spec: DEMO_LIKE_SPEC,
      docs: '<h2>电池租用方案</h2><p>租电版月租399元，轻松用车。</p>',
      errors: [{ feature: 'battery_rental', location: { line: 1, column: 19 } as never }],
    },
    {
      name: 'a battery-rental landing page (en) with neither cap nor fee',
      spec: DEMO_LIKE_SPEC,
      docs: '# Battery rental\n\nRent the battery from 399 yuan a month and drive more for less.\n',
      errors: [
        {
          feature: 'battery_rental',
          expected: 'battery_rental.mileage_cap_km, battery_rental.overage_fee_per_km',
        },
      ],
    },
    {
      name: 'the overage fee is missing (en)',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>Rent the battery for 399 yuan a month, with 3,000 km a month included.</p>',
      errors: [
        {
          feature: 'battery_rental',
          expected: 'battery_rental.overage_fee_per_km',
          specPath: 'disclosures[0]',
        },
      ],
    },
    {
      name: 'a subsidy without the invoicing restriction',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>限时享广州以旧换新补贴</p>',
      errors: [{ feature: 'subsidy', expected: 'invoicing_cities' }],
    },
    {
      name: 'each document must disclose on its own',
      spec: DEMO_LIKE_SPEC,
      docs: { 'a.html': '<p>售价4.99万起</p>', 'b.html': '<p>仅限广州、上海开票</p>' },
      errors: [{ feature: 'price', expected: 'invoicing_cities', uri: 'a.html' }],
    },
    {
      name: 'a required term of a pack',
      packs: [disclaimerPack],
      docs: '<h1>新车图片</h1>',
      errors: [{ feature: 'brand/image-disclaimer', severity: 'warning' }],
    },
  ],
});
