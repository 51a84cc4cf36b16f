import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/check/engine.js';
import { type AssetMatch, rule } from '../../src/check/image-reuse.js';
import { contextFor, testSpec } from '../helpers/claims.js';

// image-reuse reads asset matches (computed by the image pipeline), so its table lists matches.
const match = (depicts: string[], distance = 8): AssetMatch => ({
  uri: 'img/roof.jpg',
  parentUri: 'page.html',
  location: { bbox: { x0: 0, y0: 0, x1: 640, y1: 427 }, width: 640, height: 427 },
  asset: { file: 'assets/roof-studio.png', depicts },
  distance,
});

const cases = {
  valid: [
    { name: 'the asset depicts a feature the car has', matches: [match(['heated_seats'])] },
    { name: 'a feature the spec does not mention', matches: [match(['lidar'])] },
    { name: 'no match', matches: [] },
  ],
  invalid: [
    {
      name: 'the asset depicts a feature the spec marks absent',
      matches: [match(['sunroof', 'heated_seats'], 7)],
      expected: [
        {
          feature: 'sunroof',
          uri: 'img/roof.jpg',
          parentUri: 'page.html',
          asset: { file: 'assets/roof-studio.png', distance: 7 },
        },
      ],
    },
  ],
};

describe('image-reuse', () => {
  const run = (matches: AssetMatch[]) => {
    const spec = testSpec();
    return runRules(
      {
        spec,
        claims: [],
        segments: [],
        documents: [],
        asOf: '2025-12-01',
        claimContext: contextFor(spec),
        options: { assetMatches: matches },
      },
      { rules: [rule] },
    ).findings;
  };
  it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_, c) => {
    expect(run(c.matches)).toEqual([]);
  });
  it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_, c) => {
    const findings = run(c.matches);
    expect(findings).toHaveLength(c.expected.length);
    for (const [i, e] of c.expected.entries()) {
      expect(findings[i]).toMatchObject({ ruleId: 'image-reuse', severity: 'error', ...e });
    }
    expect(findings[0]?.message).toContain('distance 7 of 256 bits');
  });
});
