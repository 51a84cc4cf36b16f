import { describe, expect, it } from 'vitest';
import { RULE_FIELDS, segmentForRules } from '../../src/pipeline/segment-for-rules.js';
import type { Segment } from '../../src/types.js';

describe('segments as the rules read them', () => {
  it('keep every field the rules read, the nearest block, and drop what only extraction reads', () => {
    const full: Segment = {
      uri: 'a.html',
      text: 'Heated seats',
      source: 'text',
      location: { line: 3, column: 5, selector: 'main > p' },
      headings: ['Comfort'],
      pageHeading: 'Test Car',
      pieces: [{ offset: 0, line: 3, column: 5 }],
      suppressions: [],
      words: [],
      blocks: [7, 3, 1],
      table: { rowLabel: '座椅加热', variantColumns: false },
      level: 2,
    };
    // The test's segment sets every field there is.
    expect(Object.keys(full).sort()).toEqual(Object.keys(RULE_FIELDS).sort());
    const kept = segmentForRules(full);
    for (const [field, fate] of Object.entries(RULE_FIELDS) as [keyof Segment, string][]) {
      if (fate === 'kept') expect(kept[field], field).toBe(full[field]);
      else if (fate === 'nearest') expect(kept[field], field).toEqual([7]);
      else expect(field in kept, field).toBe(false);
    }
    // Already as the rules read it: the same object.
    expect(segmentForRules(kept)).toBe(kept);
  });
});
