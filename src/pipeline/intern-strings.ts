/**
 * Makes equal strings in an object graph one string. A structured clone (what a worker thread's
 * result arrives as) writes a string out again at every place it occurs, so a page's URI, its
 * segments' texts and selectors, repeated in every claim's evidence, arrive as thousands of
 * copies; held until the rules run, they are most of a site scan's memory. Mutates in place.
 */
export function internStrings<T>(value: T): T {
  const strings = new Map<string, string>();
  const seen = new Set<object>();
  const visit = (o: Record<string, unknown> | unknown[]) => {
    if (seen.has(o)) return;
    seen.add(o);
    const record = o as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'string') {
        const held = strings.get(v);
        if (held === undefined) strings.set(v, v);
        else record[key] = held;
      } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
        visit(v as Record<string, unknown>);
      }
    }
  };
  if (value !== null && typeof value === 'object') visit(value as Record<string, unknown>);
  return value;
}
