import { rule } from '../../src/check/unknown-feature.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a feature the spec states', docs: '<p>长续航版标配座椅加热</p>' },
    { name: 'a negated feature', docs: '<p>不支持CarPlay</p>' },
    { name: 'a number cue with no number', docs: '<p>续航表现出色</p>' },
  ],
  invalid: [
    {
      name: 'a feature the spec does not mention',
      docs: '<p>标配热泵空调</p>',
      errors: [{ feature: 'heat_pump', severity: 'info' }],
    },
    {
      name: 'once per document and feature',
      docs: '<p>标配热泵空调</p><p>热泵让冬季更省电</p><p>Heat pump</p>',
      errors: [{ feature: 'heat_pump' }],
    },
    { name: 'a number', docs: '<p>电池容量44.1kWh</p>', errors: [{ feature: 'battery_kwh' }] },
  ],
});
