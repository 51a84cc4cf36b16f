// Functions that build an object as one literal (`{"uri": uri, "feature": c["feature"], ...}`),
// made with `new Function` for a key list met many times: V8 then creates each object with one
// hidden class and reads its sources at sites that see one shape, where a spread or key-by-key
// assignment over objects of dozens of shapes takes its generic (megamorphic) paths.

/**
 * Keys a literal can hold as they are: strings only, and never `__proto__`, which a literal would
 * take as the object's prototype instead of an own key. A list that fails is built the general way.
 */
export function literalKeys(keys: unknown): keys is string[] {
  return Array.isArray(keys) && keys.every((k) => typeof k === 'string' && k !== '__proto__');
}

/** A key as a literal's property name or a computed member: quoted, whatever it holds stays a string. */
export const quoted = (key: string): string => JSON.stringify(key);
