import { rule } from '../../src/check/feature-denied.js';
import { ruleTester } from '../helpers/rule-tester.js';

const SPEC = `
schemaVersion: 1
product: { id: t, name: Test Car, aliases: [测试车] }
revision: "r1"
variants:
  - { id: std, name: 标准续航版, aliases: [Standard Range] }
  - { id: lr, name: 长续航版, aliases: [Long Range] }
features:
  sunroof: absent
  sunshade: standard
  wireless_charging: { standard: [lr], optional: [std] }
  heat_pump: { standard: [lr] }
  adaptive_cruise_control: standard
`;

ruleTester(rule, {
  valid: [
    { name: 'denies a feature the car lacks', spec: SPEC, docs: '<p>本车不配备天窗。</p>' },
    { name: 'denies an absent feature (en)', spec: SPEC, docs: '<p>There is no sunroof on this car.</p>' },
    {
      name: 'denies it for a trim where it is only optional',
      spec: SPEC,
      docs: '<p>The Standard Range does not come with wireless charging.</p>',
    },
    { name: 'denies it for a trim that lacks it', spec: SPEC, docs: '<p>标准续航版没有热泵空调。</p>' },
    { name: 'asserts a standard feature', spec: SPEC, docs: '<p>全系标配全景遮阳帘。</p>' },
    { name: 'a question is not a denial', spec: SPEC, docs: '<p>有遮阳帘吗？</p>' },
    {
      name: 'not only … but: no denial',
      spec: SPEC,
      docs: '<p>Not only adaptive cruise control, but lane keeping too.</p>',
    },
  ],
  invalid: [
    {
      name: 'one channel says no sunshade (zh)',
      spec: SPEC,
      docs: '<p>客服：该车没有遮阳帘，也没有天窗。</p>',
      errors: [{ feature: 'sunshade', claimed: 'absent', expected: 'standard' }],
    },
    {
      name: 'does not come with a standard feature (en)',
      spec: SPEC,
      docs: '<p>The car does not come with adaptive cruise control.</p>',
      errors: [{ feature: 'adaptive_cruise_control' }],
    },
    {
      name: 'a table cell marks a standard feature absent',
      spec: SPEC,
      docs: '<table><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>遮阳帘</td><td>●</td><td>-</td></tr></table>',
      errors: [{ feature: 'sunshade', variant: '长续航版' }],
    },
    {
      name: 'an FAQ answers no under a question heading (en)',
      spec: SPEC,
      docs: '<h3>Does it have a sunshade?</h3><p>No, it does not.</p>',
      errors: [{ feature: 'sunshade' }],
    },
    {
      name: 'denied on any trim, but one trim has it as standard: names that trim',
      spec: SPEC,
      docs: "<p>No, the Test Car doesn't offer a heat pump on any trim.</p>",
      errors: [{ feature: 'heat_pump', variant: '长续航版' }],
    },
    {
      name: '全系不配备, but one trim has it as standard',
      spec: SPEC,
      docs: '<p>测试车全系不配备热泵。</p>',
      errors: [{ feature: 'heat_pump', variant: '长续航版' }],
    },
    {
      name: 'denied for the trim that has it as standard',
      spec: SPEC,
      docs: '<p>长续航版不支持手机无线充电。</p>',
      errors: [{ feature: 'wireless_charging', variant: '长续航版' }],
    },
  ],
});
