import { readFileSync } from 'node:fs';
import { rule } from '../../src/check/range-cycle.js';
import { parsePack } from '../../src/config/packs.js';
import { ruleTester } from '../helpers/rule-tester.js';

const packs = [parsePack(readFileSync('rules/packs/range-cycle.yaml', 'utf8'), 'range-cycle.yaml')];

ruleTester(rule, {
  valid: [
    { name: 'not enabled: no pack turns it on', docs: '<p>续航500公里</p>' },
    { name: 'the cycle before the figure', packs, docs: '<p>CLTC续航430公里</p>' },
    { name: 'the cycle after the figure', packs, docs: '<p>Long Range: 570 km WLTP range.</p>' },
    { name: 'the cycle in the sentence', packs, docs: '<p>EPA-estimated range: up to 318 miles.</p>' },
    { name: 'a range of values with its cycle', packs, docs: '<p>CLTC续航330-430km</p>' },
    { name: 'not a range figure', packs, docs: '<p>百公里加速7.9秒</p>' },
    {
      name: 'a table row labelled with the cycle',
      packs,
      docs: '<table><tr><th></th><th>标准续航版</th><th>长续航版</th></tr><tr><td>CLTC纯电续航里程(km)</td><td>330</td><td>430</td></tr></table>',
    },
  ],
  invalid: [
    {
      name: 'a range with no cycle',
      packs,
      docs: '<p>续航500公里，满足日常通勤。</p>',
      errors: [{ feature: 'range_km', claimed: '续航500公里' }],
    },
    {
      name: 'a range of values with no cycle is one finding',
      packs,
      docs: '<p>Range: 330-430 km.</p>',
      errors: [{ feature: 'range_km' }],
    },
    {
      name: 'each figure without its cycle',
      packs,
      docs: '<p>长续航版续航430公里。</p><p>Up to 267 miles of range.</p>',
      errors: [{ feature: 'range_km' }, { feature: 'range_km' }],
    },
  ],
});
