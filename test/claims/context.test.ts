import { describe, expect, it } from 'vitest';
import { buildClaimContext } from '../../src/claims/context.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { loadSpec } from '../../src/spec/load.js';
import { demoSpec } from '../helpers/paths.js';

describe('the claim context', () => {
  it('is built once for the same data and specs (a rescan in one process reuses it)', async () => {
    const data = bundledClaimData();
    const spec = await loadSpec(demoSpec);
    const first = buildClaimContext(data, [spec]);
    expect(buildClaimContext(data, spec)).toBe(first);
    expect(buildClaimContext(data, [spec], { otherProducts: [] })).toBe(first);
  });

  it('is built anew for a reloaded spec, other products or other data', async () => {
    const data = bundledClaimData();
    const spec = await loadSpec(demoSpec);
    const first = buildClaimContext(data, [spec]);
    const reloaded = await loadSpec(demoSpec);
    expect(buildClaimContext(data, [reloaded])).not.toBe(first);
    const withOthers = buildClaimContext(data, [spec], { otherProducts: ['AION Y'] });
    expect(withOthers).not.toBe(first);
    expect(withOthers.products.find('AION Y', { text: 'aion y', map: [0, 1, 2, 3, 4, 5, 6] })).toHaveLength(
      1,
    );
    expect(buildClaimContext({ ...data }, [spec])).not.toBe(first);
  });
});
