import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { stylish } from '../../src/report/stylish.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { cleanReport, fullReport } from './fixtures/reports.js';

describe('the fixture reports follow the report schema', () => {
  it.each([
    ['clean', cleanReport],
    ['full', fullReport],
  ])('%s', (_, report) => expectValidReport(report));
});

describe('stylish', () => {
  it('a clean run', () => {
    expect(stylish(cleanReport, { color: false })).toMatchSnapshot();
  });
  it('every kind of finding, without colour', () => {
    expect(stylish(fullReport, { color: false })).toMatchSnapshot();
  });
  it('with colour', () => {
    const out = stylish(fullReport, { color: true });
    expect(out).toContain('\u001b[31merror');
    expect(out).toContain('\u001b[33mwarning');
  });
});

describe('json', () => {
  it('is the report, pretty-printed, with a final newline', () => {
    const out = json(fullReport, { color: false });
    expect(JSON.parse(out)).toEqual(fullReport);
    expect(out.endsWith('}\n')).toBe(true);
  });
});
