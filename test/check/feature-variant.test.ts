import { rule } from '../../src/check/feature-variant.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'named on the variant that has it as standard', docs: '<p>长续航版标配座椅加热</p>' },
    { name: 'said to be optional', docs: '<p>座椅加热（选装）</p>' },
    { name: 'optional in English', docs: '<p>Heated seats are available as an option.</p>' },
    {
      name: 'under the heading of the variant',
      docs: '<h2>Long Range</h2><p>Heated seats keep you warm.</p>',
    },
    {
      name: 'a plain mention: the car can have it (some variant does)',
      docs: '<p>Heated seats keep winter mornings comfortable.</p>',
    },
    { name: 'a plain mention in Chinese', docs: '<p>座椅加热，冬天更舒适</p>' },
    {
      name: 'a table cell for the right variant',
      docs: '<table><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>座椅加热</td><td>○</td><td>●</td></tr></table>',
    },
  ],
  invalid: [
    {
      name: '"standard" with no variant, when one variant has it as an option',
      docs: '<p>Heated seats come as standard.</p>',
      errors: [{ feature: 'heated_seats', claimed: 'standard', variant: '标准续航版' }],
    },
    {
      name: '全系标配 when only one variant has it: names the variant it is false for',
      docs: '<p>全系标配座椅加热</p>',
      errors: [{ feature: 'heated_seats', claimed: 'standard', variant: '标准续航版' }],
    },
    {
      name: 'standard on a variant where it is optional',
      docs: '<table><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>座椅加热</td><td>●</td><td>●</td></tr></table>',
      errors: [{ feature: 'heated_seats', variant: '标准续航版' }],
    },
  ],
});
