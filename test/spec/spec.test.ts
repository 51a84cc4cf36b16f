import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/parse.js';
import { demoSpec } from '../helpers/paths.js';
import { specProblems } from '../helpers/specs.js';

const demo = readFileSync(demoSpec, 'utf8');

describe('spec loading', () => {
  it('loads the demo spec with variants, features, offers and disclosures', () => {
    const spec = parseSpec(demo, 'spec.yaml');
    expect(spec.product.id).toBe('aion-ut-super');
    expect(spec.revision).toBe('2025-11-28');
    expect(spec.variants.map((v) => v.id)).toEqual(['std', 'lr']);
    expect(spec.features.get('sunroof')?.availability).toEqual({ std: 'absent', lr: 'absent' });
    expect(spec.features.get('heated_seats')?.availability).toEqual({ std: 'optional', lr: 'standard' });
    expect(spec.features.get('price')?.values).toEqual({ std: 49900, lr: 59900 });
    expect(spec.features.get('battery_rental.mileage_cap_km')?.values).toEqual({ std: 3000, lr: 3000 });
    expect(spec.features.get('battery_rental.mileage_cap_km')?.specPath).toBe(
      'offers.battery_rental.terms.mileage_cap_km',
    );
    expect(spec.offers.get('subsidy')?.validUntil).toBe('2026-01-31');
    expect(spec.disclosures).toHaveLength(2);
    expect(spec.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads JSON as well as YAML', () => {
    const spec = parseSpec(
      JSON.stringify({
        schemaVersion: 1,
        product: { id: 'x', name: 'X' },
        revision: 'r1',
        features: { lidar: 'absent' },
      }),
      'spec.json',
    );
    expect(spec.implicitVariant).toBe(true);
    expect(spec.features.get('lidar')?.availability).toEqual({ '*': 'absent' });
  });

  it('converts units in the spec to the canonical unit', () => {
    const spec = parseSpec(
      'schemaVersion: 1\nproduct: { id: x, name: X }\nrevision: r\nfeatures:\n  price: { value: 4.99, unit: 万元 }\n  range_km: { value: 310, unit: mi }\n',
      's.yaml',
    );
    expect(spec.features.get('price')?.values?.['*']).toBeCloseTo(49900);
    expect(spec.features.get('range_km')?.values?.['*']).toBeCloseTo(498.9, 0);
  });
});

describe('spec validation: every error with its path and line', () => {
  it('a missing revision names the path', () => {
    const problems = specProblems(demo.replace(/^revision:.*$/m, ''));
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/revision', message: expect.stringMatching(/missing/) }),
    );
  });

  it('a misspelt feature key suggests the canonical one, with its line', () => {
    const text = demo.replace('  sunroof: absent', '  sunrof: absent');
    const line = text.split('\n').findIndex((l) => l.includes('sunrof')) + 1;
    const problems = specProblems(text);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/features/sunrof', hint: 'did you mean "sunroof"?', line }),
    );
  });

  it('unknown keys are errors, with a suggestion', () => {
    const problems = specProblems(
      demo.replace('revision: "2025-11-28"', 'revision: "2025-11-28"\nrevison: x'),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/revison', hint: 'did you mean "revision"?' }),
    );
  });

  it('lists schema and semantic errors together', () => {
    const text = demo
      .replace('  sunroof: absent', '  sunrof: absent')
      .replace(
        'heated_seats: { standard: [lr], optional: [std] }',
        'heated_seats: { standard: [lrr], optional: [std] }',
      )
      .replace('cycle: CLTC', 'cycle: CLTX');
    const paths = specProblems(text).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/features/sunrof',
        '/features/heated_seats/standard/0',
        '/features/range_km/cycle',
      ]),
    );
  });

  it('a custom key with terms is allowed; without terms it is an error', () => {
    const base = 'schemaVersion: 1\nproduct: { id: x, name: X }\nrevision: r\nfeatures:\n';
    expect(() =>
      parseSpec(
        `${base}  rear_fog_lamp: { availability: standard, terms: { en: [rear fog lamp], zh: [后雾灯] } }\n`,
        's',
      ),
    ).not.toThrow();
    expect(specProblems(`${base}  rear_fog_lamp: standard\n`)[0]?.message).toMatch(
      /not a canonical feature key/,
    );
  });

  it('a disclosure must point at something the spec states', () => {
    const problems = specProblems(
      demo.replace('mileage_cap_km: { value: 3000', 'mileage_cap: { value: 3000'),
    );
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/offers/battery_rental/terms/mileage_cap', '/disclosures/0/require/0']),
    );
  });

  it('equipment with a value, or a number with an availability, is an error', () => {
    const base = 'schemaVersion: 1\nproduct: { id: x, name: X }\nrevision: r\nfeatures:\n';
    expect(specProblems(`${base}  sunroof: { value: 1 }\n`)[0]?.message).toMatch(/equipment/);
    expect(specProblems(`${base}  range_km: standard\n`)[0]?.message).toMatch(/is a number/);
  });

  it('syntax errors carry a line', () => {
    const problems = specProblems('schemaVersion: 1\nproduct: [unclosed\n');
    expect(problems[0]?.line).toBeGreaterThan(0);
  });
});
