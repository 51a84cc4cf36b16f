/**
 * Makes equal strings in an object graph one string, and one with those of earlier calls given the
 * same `strings`. A structured clone (what a worker thread's result arrives as) writes a string out
 * again at every place it occurs, so a page's URI, its segments' texts and selectors, repeated in
 * every claim's evidence, arrive as thousands of copies; what a site scan holds to its end (the
 * claims the cross-document rules compare) would be mostly such copies. Mutates in place.
 */
export function internStrings<T>(value: T, strings = new Map<string, string>()): T {
  const seen = new Set<object>();
  const held = (v: string) => {
    const h = strings.get(v);
    if (h !== undefined) return h;
    strings.set(v, v);
    return v;
  };
  // Arrays by index and objects with for-in (a structured clone's objects are plain, with no
  // inherited keys): no array of keys is made for each of a page's thousands of objects.
  const visit = (o: object) => {
    // A frozen object is one the claim reader shares between pages (claims/segment-memo.ts): its
    // strings are one copy already, and it cannot be written.
    if (seen.has(o) || Object.isFrozen(o)) return;
    seen.add(o);
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const v: unknown = o[i];
        if (typeof v === 'string') o[i] = held(v);
        else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) visit(v);
      }
      return;
    }
    const record = o as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (typeof v === 'string') record[key] = held(v);
      else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) visit(v);
    }
  };
  if (value !== null && typeof value === 'object') visit(value);
  return value;
}
