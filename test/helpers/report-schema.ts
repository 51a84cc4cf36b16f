import { expect } from 'vitest';
import { validateSchema } from '../../src/util/schema.js';

/** Every JSON report a test sees is checked against specs/report.schema.json. */
export function expectValidReport(report: unknown): void {
  expect(validateSchema('report', report)).toEqual([]);
}
