import { rule } from '../../src/check/offer-expired.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { DEMO_LIKE_SPEC } from '../helpers/specs.js';

const page = '<p>限时享广州以旧换新补贴</p><p>电池租赁月租399元</p>';

ruleTester(rule, {
  valid: [
    { name: 'promoted while valid', spec: DEMO_LIKE_SPEC, docs: page, asOf: '2026-01-31' },
    { name: 'on the first day', spec: DEMO_LIKE_SPEC, docs: page, asOf: '2025-11-20' },
    {
      name: 'not promoted',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>补贴已结束，敬请期待</p>'.replace('补贴已结束', '活动已结束'),
      asOf: '2026-03-01',
    },
  ],
  invalid: [
    {
      name: 'promoted after the end date',
      spec: DEMO_LIKE_SPEC,
      docs: page,
      asOf: '2026-02-01',
      errors: [
        { feature: 'subsidy', specPath: 'offers.subsidy' },
        { feature: 'battery_rental', specPath: 'offers.battery_rental' },
      ],
    },
    {
      name: 'promoted before it starts',
      spec: DEMO_LIKE_SPEC,
      docs: '<p>Battery rental: 399 yuan a month</p>',
      asOf: '2025-11-01',
      errors: [{ feature: 'battery_rental', expected: 'valid 2025-11-20 to 2026-01-31' }],
    },
  ],
});
