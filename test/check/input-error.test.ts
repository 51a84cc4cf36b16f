import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/check/engine.js';
import { rule } from '../../src/check/input-error.js';
import { contextFor, testSpec } from '../helpers/claims.js';

// input-error reads document records, not page text: its table lists records.
const cases = {
  valid: [
    {
      name: 'a document that was read',
      record: { uri: 'a.html', kind: 'html', sha256: 'x', status: 'ok' } as const,
    },
  ],
  invalid: [
    {
      name: 'a file that does not exist',
      record: {
        uri: 'missing.html',
        kind: 'html',
        sha256: '',
        status: 'error',
        error: 'no such file or folder',
      } as const,
      expected: { uri: 'missing.html', message: 'no such file or folder' },
    },
  ],
};

describe('input-error', () => {
  const run = (record: (typeof cases.valid)[number]['record'] | (typeof cases.invalid)[number]['record']) => {
    const spec = testSpec();
    return runRules(
      {
        spec,
        claims: [],
        segments: [],
        documents: [{ record, location: { line: 1, column: 1 }, suppressionProblems: [] }],
        asOf: '2025-12-01',
        claimContext: contextFor(spec),
        options: {},
      },
      { rules: [rule] },
    ).findings;
  };
  it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_, c) => {
    expect(run(c.record)).toEqual([]);
  });
  it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_, c) => {
    expect(run(c.record)).toEqual([
      expect.objectContaining({ ruleId: 'input-error', severity: 'error', ...c.expected }),
    ]);
  });
});
