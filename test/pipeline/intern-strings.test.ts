import { describe, expect, it } from 'vitest';
import { internStrings } from '../../src/pipeline/intern-strings.js';

describe('internStrings', () => {
  it('keeps the graph equal, shares what was shared, and handles cycles and typed arrays', () => {
    const location = { line: 1, column: 2, selector: 'p' };
    const graph: Record<string, unknown> = {
      segments: [{ uri: 'a.html', text: 'sunroof', location }],
      claims: [{ uri: 'a.html', evidence: { text: 'sunroof', location, span: [0, 7] } }],
      bytes: new Uint8Array([1, 2]),
    };
    graph.self = graph;
    const clone = structuredClone(graph);
    internStrings(clone);
    expect(clone).toEqual(structuredClone(graph));
    const c = clone as { segments: { location: unknown }[]; claims: { evidence: { location: unknown } }[] };
    expect(c.claims[0]!.evidence.location).toBe(c.segments[0]!.location);
  });

  it('makes strings one across calls that share a table', () => {
    const strings = new Map<string, string>();
    const a = internStrings(structuredClone({ uri: 'page-0001.html', text: '标配热泵空调' }), strings);
    const b = internStrings(structuredClone({ uri: 'page-0001.html', text: '标配热泵空调' }), strings);
    expect(b).toEqual(a);
    expect([...strings.keys()]).toEqual(['page-0001.html', '标配热泵空调']);
    expect(strings.get(b.text)).toBe(a.text);
  });
});
