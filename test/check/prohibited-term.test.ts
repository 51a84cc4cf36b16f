import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { rule } from '../../src/check/prohibited-term.js';
import { parsePack } from '../../src/config/packs.js';
import { packagePath } from '../../src/data/package-root.js';
import { ruleTester } from '../helpers/rule-tester.js';

const pack = (name: string) => {
  const file = packagePath('rules', 'packs', `${name}.yaml`);
  return parsePack(readFileSync(file, 'utf8'), file);
};
const adLaw = [pack('cn-ad-law')];
const en = [pack('en-claims')];
const custom = [
  parsePack(
    `schemaVersion: 1
name: brand
prohibited:
  - id: competitor
    severity: warning
    message: 'do not name competitors ("{term}")'
    docs: https://example.com/brand-guide
    patterns: ['tesla\\s*model\\s*\\d']
`,
    'brand.yaml',
  ),
];

ruleTester(rule, {
  valid: [
    {
      name: 'allowlisted words that contain a banned character',
      packs: adLaw,
      docs: '<p>第一排座椅支持加热，最近上市，最高车速150km/h</p>',
    },
    { name: 'no pack enabled', docs: '<p>同级最强</p>' },
    {
      name: 'a stated limit: 最高可 / 最多可',
      packs: adLaw,
      docs: '<p>平台最高可支持三电机布局，最多可接入3颗激光雷达</p>',
    },
    { name: 'the meaning of a name', packs: adLaw, docs: '<p>公司名字取自德语世界冠军（Weltmeister）。</p>' },
    { name: '100% electric is a description', packs: adLaw, docs: '<p>100% electric, 100%纯电驱动</p>' },
    { name: 'ordinary English', packs: en, docs: '<p>A comfortable city car with a good range.</p>' },
  ],
  invalid: [
    {
      name: 'absolute terms',
      packs: adLaw,
      docs: '<p>同级最强续航，销量第一！</p>',
      errors: [
        { claimed: '最强', severity: 'error', message: expect.stringContaining('第九条') },
        { claimed: '销量第一' },
      ],
    },
    {
      name: 'one term used twice in a document is one finding, listing the other place',
      packs: adLaw,
      docs: '<p>国际顶级调音师</p><p>23颗顶级传感器</p>',
      errors: [
        {
          claimed: '顶级',
          message: expect.stringContaining('used 2 times'),
          related: [expect.objectContaining({ text: '顶级' })],
        },
      ],
    },
    {
      name: 'through inserted spaces',
      packs: adLaw,
      docs: '<p>最 佳 选 择</p>',
      errors: [{ claimed: '最 佳' }],
    },
    {
      name: 'through punctuation',
      packs: adLaw,
      docs: '<p>国-家-级品质</p>',
      errors: [{ claimed: '国-家-级' }],
    },
    {
      name: 'full-width forms',
      packs: adLaw,
      docs: '<p>ＮＯ．１的选择</p>',
      errors: [{ claimed: 'ＮＯ．１' }],
    },
    { name: 'traditional characters', packs: adLaw, docs: '<p>頂級音響</p>', errors: [{ claimed: '頂級' }] },
    {
      name: 'English unsubstantiated claims are warnings',
      packs: en,
      docs: '<p>Best-in-class range, guaranteed.</p>',
      errors: [{ claimed: 'Best-in-class', severity: 'warning' }, { claimed: 'guaranteed' }],
    },
    {
      name: 'a custom pack with a regex',
      packs: custom,
      docs: '<p>比 Tesla Model 3 更省心</p>',
      errors: [{ claimed: 'Tesla Model 3', severity: 'warning' }],
    },
  ],
});
