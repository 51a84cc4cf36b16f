import { expect } from 'vitest';
import { rule } from '../../src/check/suppression-reason.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a suppression with a reason',
      docs: '<!-- claimlint-disable-next-line feature-absent -- facelift adds it -->\n<p>全景天窗</p>',
    },
    { name: 'an ordinary comment', docs: '<!-- hero banner -->\n<p>全景天窗</p>' },
  ],
  invalid: [
    {
      name: 'a comment without a reason',
      docs: '<!-- claimlint-disable-next-line feature-absent -->\n<p>全景天窗</p>',
      errors: [{ severity: 'warning', location: { line: 1, column: 1 } }],
    },
    {
      name: 'an attribute without a reason',
      docs: '<div data-claimlint-ignore="feature-absent"><p>全景天窗</p></div>',
      errors: [{ message: expect.stringContaining('no reason') }],
    },
    {
      name: 'in Markdown',
      docs: '<!-- claimlint-disable-next-line feature-absent -->\n全景天窗'.replace(/^/, '\n'),
      errors: [{}],
    },
  ],
});
