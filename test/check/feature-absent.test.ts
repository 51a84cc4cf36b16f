import { expect } from 'vitest';
import { rule } from '../../src/check/feature-absent.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a negation is not a claim', docs: '<p>本车无天窗。</p><p>Not available with a sunroof.</p>' },
    { name: 'a question is not a claim', docs: '<p>有没有天窗？</p><p>Does it have a sunroof?</p>' },
    { name: 'a glass roof is not a sunroof', docs: '<p>超大全景天幕，配电动遮阳帘</p>' },
    { name: 'a surround-view camera is not a roof', docs: '<p>360全景影像</p>' },
    { name: 'a feature the spec has', docs: '<p>长续航版标配座椅加热</p>' },
    {
      name: 'a table row that says absent',
      docs: '<table><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>天窗</td><td>-</td><td>—</td></tr></table>',
    },
  ],
  invalid: [
    {
      name: 'a promoted sunroof',
      docs: '<html><body>\n<p>头顶超大全景天窗，阳光尽收眼底</p>\n</body></html>',
      errors: [{ feature: 'sunroof', specPath: 'features.sunroof', location: { line: 2, column: 8 } }],
    },
    {
      name: 'in English, with the variant named',
      docs: '<p>The Long Range comes with a power sunroof.</p>',
      errors: [{ feature: 'sunroof', variant: '长续航版' }],
    },
    {
      name: 'a definition list that says standard',
      docs: '<dl><dt>天窗</dt><dd>●</dd></dl>',
      errors: [{ feature: 'sunroof', evidence: expect.objectContaining({ label: '天窗' }) }],
    },
    {
      name: 'a table column',
      docs: '<table><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr><tr><td>天窗</td><td>-</td><td>●</td></tr></table>',
      errors: [{ feature: 'sunroof', variant: '长续航版' }],
    },
    {
      name: 'a feature absent on the variant in scope',
      spec: `schemaVersion: 1
product: { id: t, name: T }
revision: r
variants: [{ id: a, name: 舒适版 }, { id: b, name: 豪华版 }]
features: { lidar: { standard: [b] } }`,
      docs: '<h2>舒适版</h2><p>车顶激光雷达</p>',
      errors: [{ feature: 'lidar', variant: '舒适版' }],
    },
    {
      name: 'an image alt text',
      docs: '<img src="roof.png" alt="电动天窗实拍">',
      errors: [{ feature: 'sunroof' }],
    },
  ],
});
