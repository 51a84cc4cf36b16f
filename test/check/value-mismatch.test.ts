import { rule } from '../../src/check/value-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { DEMO_LIKE_SPEC } from '../helpers/specs.js';

ruleTester(rule, {
  valid: [
    { name: 'a variant value that matches', docs: '<p>长续航版CLTC续航430公里</p>' },
    { name: 'unscoped, matches one variant', docs: '<p>CLTC续航330公里</p>' },
    { name: '"up to" the best variant', docs: '<p>Up to 430 km of range</p><p>续航最高可达430公里</p>' },
    { name: 'a range of values across variants', docs: '<p>续航330-430km</p>' },
    { name: 'a price "from" the lowest', docs: '<p>4.99万起</p><p>售价低至49,900元</p>' },
    { name: '万元 converts', docs: '<p>长续航版售价5.99万元</p>' },
    { name: 'miles convert with rounding', docs: '<p>Long Range: 267 miles of range</p>' },
    { name: 'another test cycle is not compared', docs: '<p>WLTP续航380公里</p>' },
    { name: 'a negated value is not a claim', docs: '<p>有没有续航500公里的版本？</p>' },
    {
      name: 'offer terms that match',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>电池月租399元，每月3000公里基础里程，超出部分按0.2元/公里收取</p>',
    },
    { name: 'invoicing cities that match', spec: DEMO_LIKE_SPEC, docs: '<p>仅限广州、上海开票</p>' },
    {
      name: 'tolerance',
      spec: `schemaVersion: 1
product: { id: t, name: T }
revision: r
features: { range_km: { value: 500, tolerance: "2%" } }`,
      docs: '<p>续航505公里</p>',
    },
  ],
  invalid: [
    {
      name: 'a variant value that differs',
      docs: '<p>长续航版CLTC续航500公里</p>',
      errors: [
        {
          feature: 'range_km',
          variant: '长续航版',
          claimed: '500 km',
          expected: '430 km',
          specPath: 'features.range_km',
        },
      ],
    },
    {
      name: 'unscoped, matches no variant',
      docs: '<p>续航高达450km</p>',
      errors: [{ feature: 'range_km', claimed: 'up to 450 km', expected: '430 km' }],
    },
    {
      name: 'a price',
      docs: '<p>长续航版售价5.49万元</p>',
      errors: [{ feature: 'price', claimed: '54,900 CNY' }],
    },
    {
      name: 'a mileage cap that differs from the spec (not a missing disclosure)',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>电池租赁每月含5000公里</p>',
      errors: [
        {
          feature: 'battery_rental.mileage_cap_km',
          claimed: '5,000 km',
          specPath: 'offers.battery_rental.terms.mileage_cap_km',
        },
      ],
    },
    {
      name: 'an overage fee in English',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>Battery rental: 0.3 yuan per extra km beyond the cap.</p>',
      errors: [{ feature: 'battery_rental.overage_fee_per_km', claimed: '0.3 CNY/km' }],
    },
    {
      name: 'invoicing promised everywhere',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>全国均可开票</p>',
      errors: [{ feature: 'invoicing_cities', claimed: 'everywhere' }],
    },
    {
      name: 'a table cell under its variant column',
      docs: '<table><tr><th>参数</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>CLTC纯电续航里程(km)</td><td>330</td><td>460</td></tr></table>',
      errors: [{ feature: 'range_km', variant: '长续航版', claimed: '460 km' }],
    },
  ],
});
