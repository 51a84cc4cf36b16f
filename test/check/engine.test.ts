import { describe, expect, it } from 'vitest';
import { fingerprint, runRules } from '../../src/check/engine.js';
import type { Rule } from '../../src/check/rule.js';
import { contextFor, testSpec } from '../helpers/claims.js';

const ocrRule = (confidences: number[]): Rule => ({
  meta: {
    id: 'feature-absent',
    severity: 'error',
    description: 'test',
    docs: 'docs/rules/feature-absent.md',
    pack: 'recommended',
  },
  check: () =>
    confidences.map((confidence, i) => ({
      message: `finding ${i}`,
      uri: 'banner.png',
      location: { bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, confidence },
      evidence: {
        source: 'ocr',
        text: '全景天窗',
        span: [0, 4],
        location: { bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, confidence },
      },
      identity: String(i),
    })),
});

function run(rule: Rule, severities?: Record<string, 'error' | 'warning' | 'info' | 'off'>) {
  const spec = testSpec();
  return runRules(
    {
      spec,
      claims: [],
      segments: [],
      documents: [],
      asOf: '2025-12-01',
      claimContext: contextFor(spec),
      options: {},
    },
    { rules: [rule], ...(severities ? { overrides: severities } : {}) },
  ).findings;
}

describe('engine', () => {
  it('OCR confidence: under 60 no finding, under 80 a warning for review, else as the rule says', () => {
    const findings = run(ocrRule([95, 70, 40]));
    expect(findings.map((f) => [f.message, f.severity, f.review ?? false])).toEqual([
      ['finding 0', 'error', false],
      ['finding 1', 'warning', true],
    ]);
  });

  it('a rule set to off in the config does not run; another severity replaces the default', () => {
    expect(run(ocrRule([95]), { 'feature-absent': 'off' })).toEqual([]);
    expect(run(ocrRule([95]), { 'feature-absent': 'info' })[0]?.severity).toBe('info');
  });

  it('fingerprints ignore where the claim is and depend on what it says', () => {
    const base = { message: 'm', uri: 'a.html', feature: 'sunroof', location: { line: 1, column: 1 } };
    const at = (line: number, words: string) =>
      fingerprint('feature-absent', {
        ...base,
        location: { line, column: 1 },
        evidence: { source: 'text', text: words, span: [0, words.length], location: { line, column: 1 } },
      });
    expect(at(1, '全景天窗')).toBe(at(40, '全景天窗'));
    expect(at(1, '全景天窗')).toBe(at(1, '全景  天窗'));
    expect(at(1, '全景天窗')).not.toBe(at(1, '电动天窗'));
  });
});
