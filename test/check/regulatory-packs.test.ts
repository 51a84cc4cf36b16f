// The regulatory packs as tables: trigger terms, disclosed in the body, disclosed in the legal
// footnote, not disclosed. They read the page text alone: the spec here has no offers at all.
import { readFileSync } from 'node:fs';
import { rule as missingDisclosure } from '../../src/check/missing-disclosure.js';
import { rule as prohibitedTerm } from '../../src/check/prohibited-term.js';
import { parsePack } from '../../src/config/packs.js';
import { ruleTester } from '../helpers/rule-tester.js';

const pack = (name: string) => {
  const file = `rules/packs/${name}.yaml`;
  return parsePack(readFileSync(file, 'utf8'), file);
};
const REG_M = [pack('us-reg-m')];
const REG_Z = [pack('us-reg-z')];
const BOTH = [...REG_M, ...REG_Z];
const CN_AD_LAW = [pack('cn-ad-law')];
const CN_CONSUMER = [pack('cn-consumer')];

const footer = (body: string, note: string) => `<main>${body}</main><footer><p>${note}</p></footer>`;

ruleTester(missingDisclosure, {
  valid: [
    // Regulation M
    {
      name: 'reg-m: every disclosure in the body',
      packs: REG_M,
      docs: '<p>Lease the 2027 Volta E7 SE for $279/mo for 36 months. $3,999 due at signing. No security deposit required.</p>',
    },
    {
      name: 'reg-m: disclosures in the legal footnote',
      packs: REG_M,
      docs: footer(
        '<h2>Lease the Volta E7 SE</h2><p class="price">$279/mo*</p>',
        '*Closed-end lease. 36 monthly payments of $279. $3,999 total due at signing, includes first payment. No security deposit required. Excess mileage charge of $0.25/mile over 10,000 miles per year.',
      ),
    },
    {
      name: 'reg-m: a dealer lease card with the regulation text in small print',
      packs: BOTH,
      docs: '<div class="offer-card"><h3>Lease a new 2027 Volta E7 SE</h3><p><strong>$279</strong> per month for 36 months</p><p>$3,999 due at signing</p></div><div class="disclaimer"><small>Closed-end lease available to well-qualified lessees approved by Volta Financial Services. Higher lease rates apply for lessees with lower credit ratings. MSRP $39,990. Total monthly payments $10,044. Option to purchase at lease end $22,394. Lessee responsible for $0.25/mile over 10,000 miles/year. Security deposit waived.</small></div>',
    },
    {
      name: 'reg-m: "$2,999 at signing" discloses the amount due',
      packs: REG_M,
      docs: '<p>Lease the E7 SE: $279/mo. for 36 mos., $2,999 at signing, no security deposit.</p>',
    },
    {
      name: 'reg-m: a loan card on a site whose menu links to lease specials is not a lease ad',
      packs: REG_M,
      docs: '<p>New inventory</p><p>Lease specials</p><h1>Own the 2027 Volta E7</h1><p>Special financing with approved credit</p><p>$599/mo</p>',
    },
    {
      name: 'reg-m: no trigger term',
      packs: REG_M,
      docs: '<p>Ask about our lease offers on the Volta E7.</p>',
    },
    {
      name: 'reg-m: a loan is not a lease',
      packs: REG_M,
      docs: '<p>Finance the E7 with $0 down at 2.9% APR.</p>',
    },
    // Regulation Z
    {
      name: 'reg-z: an APR alone triggers nothing',
      packs: REG_Z,
      docs: '<p>Special financing: 0.9% APR on the Volta E7.</p>',
    },
    {
      name: 'reg-z: every disclosure in the body',
      packs: REG_Z,
      docs: '<p>Finance the E7 at 2.9% APR for 60 months: 60 monthly payments of $17.92 per $1,000 financed with a $3,000 down payment.</p>',
    },
    {
      name: 'reg-z: disclosures in the legal footnote',
      packs: REG_Z,
      docs: footer(
        '<h2>Finance the Volta E7</h2><p>As low as $599/mo*</p>',
        '*Financing with approved credit: 2.9% Annual Percentage Rate, 60 monthly payments of $599 with $5,000 down payment.',
      ),
    },
    {
      name: 'reg-z: a lease is not credit',
      packs: REG_Z,
      docs: '<p>Lease the E7 for $279/mo for 36 months, $0 down.</p>',
    },
    {
      name: 'reg-z: a lease footnote that mentions credit is still about the lease',
      packs: REG_Z,
      docs: footer(
        '<h1>Lease the E7 SE</h1><p>$279/mo for 36 months</p>',
        '*Closed-end lease through Volta Financial Services with approved credit. 36 monthly payments of $279.',
      ),
    },
    {
      name: 'reg-m and reg-z: a compliant lease and a compliant loan on one page',
      packs: BOTH,
      docs: '<section><h2>Lease</h2><p>Lease the E7 SE for $279/mo for 36 months, $3,999 due at signing, no security deposit.</p></section><section><h2>Finance</h2><p>Or finance it: 2.9% APR, 60 monthly payments of $17.92 per $1,000 financed, 10% down payment.</p></section>',
    },
    // PRC Advertising Law art. 8: gifts
    {
      name: 'art. 8: a gift with its period',
      packs: CN_AD_LAW,
      docs: '<h2>限时购车礼遇（2025年12月1日—12月31日）</h2><p>充电礼：赠送家用7kW充电桩及基础安装一套。</p>',
    },
    {
      name: 'art. 8: the period in the footnote',
      packs: CN_AD_LAW,
      docs: footer('<p>到店试驾即送露营装备一套</p>', '*活动时间：即日起至12月31日，数量有限，送完即止。'),
    },
    {
      name: 'art. 8: delivery is not a gift',
      packs: CN_AD_LAW,
      docs: '<p>多仓直发，极速配送，送货上门。</p>',
    },
  ],
  invalid: [
    {
      name: 'reg-m: a payment without the amount due at signing, the term or the deposit',
      packs: REG_M,
      docs: '<h1>Lease the Volta E7 SE</h1><p>Just $279/mo!</p>',
      errors: [
        {
          feature: 'reg-m.due_at_signing',
          expected: 'reg-m.due_at_signing, reg-m.payments, reg-m.security_deposit',
          evidence: {
            source: 'text',
            text: 'Just $279/mo!',
            span: [5, 12],
            location: { line: 1, column: 39 },
          },
        },
      ],
    },
    {
      name: 'reg-m: "$0 down" (no payment at signing) without the rest',
      packs: REG_M,
      docs: '<p>Lease a new E7 with $0 down!</p>',
      errors: [
        {
          feature: 'reg-m.due_at_signing',
          expected: 'reg-m.due_at_signing, reg-m.payments, reg-m.security_deposit',
        },
      ],
    },
    {
      name: 'reg-m: the footnote leaves out the security deposit',
      packs: REG_M,
      docs: footer(
        '<h2>Lease the E7</h2><p>$279/mo*</p>',
        '*36 monthly payments of $279, $3,999 due at signing.',
      ),
      errors: [{ feature: 'reg-m.security_deposit', expected: 'reg-m.security_deposit' }],
    },
    {
      name: 'reg-m: an open-end lease without the end-of-term charge',
      packs: REG_M,
      docs: '<p>Open-end lease: $279/mo for 36 months, $3,999 due at signing, no security deposit.</p>',
      errors: [{ feature: 'reg-m.end_of_term_liability' }],
    },
    {
      name: 'reg-m: the loan on the same page does not disclose for the lease',
      packs: BOTH,
      docs: '<section><h2>Lease</h2><p>Lease the E7 SE for $279/mo with $3,999 due at signing, no security deposit.</p></section><section><h2>Finance</h2><p>Or finance it: 2.9% APR, 60 monthly payments of $17.92 per $1,000 financed, 10% down payment.</p></section>',
      errors: [{ feature: 'reg-m.payments' }],
    },
    {
      name: 'reg-z: a number of months without the down payment',
      packs: REG_Z,
      docs: '<p>Finance the E7: 2.9% APR for 60 months at $599/mo.</p>',
      errors: [{ feature: 'reg-z.down_payment', expected: 'reg-z.down_payment' }],
    },
    {
      name: 'reg-z: "$0 down" financing without the terms or the APR',
      packs: REG_Z,
      docs: '<p>Drive home today: $0 down financing on every E7!</p>',
      errors: [{ feature: 'reg-z.terms_of_repayment', expected: 'reg-z.terms_of_repayment, reg-z.apr' }],
    },
    {
      name: 'reg-z: a payment amount without the APR (the footnote gives the rest)',
      packs: REG_Z,
      docs: footer(
        '<p>Finance the E7 from $599/mo*</p>',
        '*60 monthly payments of $599, $5,000 down payment, with approved credit.',
      ),
      errors: [{ feature: 'reg-z.apr' }],
    },
    {
      name: 'art. 8: 买车送 with no period',
      packs: CN_AD_LAW,
      docs: '<p>买车送三年免费保养，名额有限！</p>',
      errors: [{ feature: 'ad-law-art8.period' }],
    },
    {
      name: 'art. 8: a gift with no period',
      packs: CN_AD_LAW,
      docs: '<p>👉 点击链接预约试驾，到店即送露营装备一套（数量有限）</p>',
      errors: [{ feature: 'ad-law-art8.period', claimed: 'not stated' }],
    },
  ],
});

ruleTester(prohibitedTerm, {
  valid: [
    {
      name: 'cn-consumer: an explanation is not a reserved interpretation',
      packs: CN_CONSUMER,
      docs: '<p>具体解释请咨询门店顾问。</p>',
    },
  ],
  invalid: [
    {
      name: 'cn-consumer: 最终解释权归本店所有',
      packs: CN_CONSUMER,
      docs: '<p>*活动最终解释权归本店所有</p>',
      errors: [{ claimed: '活动最终解释权归本店所有' }],
    },
    {
      name: 'cn-consumer: 本公司保留最终解释权',
      packs: CN_CONSUMER,
      docs: '<p>本活动本公司保留最终解释权。</p>',
      errors: [{ claimed: '本公司保留最终解释权' }],
    },
    {
      name: 'cn-consumer: in English',
      packs: CN_CONSUMER,
      docs: '<p>The dealer reserves the right of final interpretation of this offer.</p>',
      errors: [{ claimed: 'reserves the right of final interpretation' }],
    },
  ],
});
