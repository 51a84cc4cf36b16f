// A result as a few flat arrays, for V8's serialiser: its strings once each, the key lists of its
// objects once each, and one stream of numbers that says how to put them back together.
//
// Why: `v8.serialize` keeps every object it wrote (its identity map, for back-references) until
// the garbage collector finds the serialiser itself unused, so each page's result, handed to it
// whole, outlived a young-generation collection and was copied (or promoted) with it. Handed these
// arrays, it holds four objects and the strings. The walk costs about what V8's own did, the
// reading back less, and an entry is a quarter smaller (BENCHMARKS.md, eighth session).
//
// Exact for data (plain objects, arrays, strings, numbers, booleans, null, undefined): the value
// read back deep-equals the one written, keys in the same order. Anything else (a typed array, a
// Map, an object with another prototype) is passed to V8's serialiser as it is, as before.

const MARK = 'claimlint-flat-1';

const STRING = 0;
const INT = 1;
const FLOAT = 2;
const TRUE = 3;
const FALSE = 4;
const UNDEFINED = 5;
const NULL = 6;
const ARRAY = 7;
const OBJECT = 8;
const OTHER = 9;

export type Flat = [typeof MARK, string[], string[][], Uint32Array, Float64Array, unknown[]];

export function flatten(value: unknown): Flat {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapes: string[][] = [];
  const shapesBySize = new Map<number, { keys: string[]; id: number }[]>();
  const ops: number[] = [];
  const floats: number[] = [];
  const others: unknown[] = [];

  const stringId = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  // Objects of one kind share their key list: found by size, then key by key (no joined string).
  const shapeId = (keys: string[]): number => {
    let known = shapesBySize.get(keys.length);
    if (!known) {
      known = [];
      shapesBySize.set(keys.length, known);
    }
    search: for (const shape of known) {
      for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue search;
      return shape.id;
    }
    const id = shapes.length;
    shapes.push(keys);
    known.push({ keys, id });
    return id;
  };

  const write = (v: unknown): void => {
    switch (typeof v) {
      case 'string':
        ops.push(STRING, stringId(v));
        return;
      case 'number':
        if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff && !Object.is(v, -0)) ops.push(INT, v);
        else {
          ops.push(FLOAT);
          floats.push(v);
        }
        return;
      case 'boolean':
        ops.push(v ? TRUE : FALSE);
        return;
      case 'undefined':
        ops.push(UNDEFINED);
        return;
    }
    if (v === null) {
      ops.push(NULL);
      return;
    }
    if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) {
      ops.push(ARRAY, v.length);
      for (let i = 0; i < v.length; i++) write(v[i]);
      return;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const keys = Object.keys(v);
      ops.push(OBJECT, shapeId(keys));
      const record = v as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) write(record[keys[i]!]);
      return;
    }
    ops.push(OTHER);
    others.push(v);
  };

  write(value);
  return [MARK, strings, shapes, Uint32Array.from(ops), Float64Array.from(floats), others];
}

export const isFlat = (value: unknown): value is Flat => Array.isArray(value) && value[0] === MARK;

/** The value `flatten` was given. Throws on arrays it did not make. */
export function unflatten(flat: Flat): unknown {
  const [, strings, shapes, ops, floats, others] = flat;
  let at = 0;
  let nextFloat = 0;
  let nextOther = 0;
  const read = (): unknown => {
    const op = ops[at++];
    switch (op) {
      case STRING:
        return strings[ops[at++]!];
      case INT:
        return ops[at++];
      case FLOAT:
        return floats[nextFloat++];
      case TRUE:
        return true;
      case FALSE:
        return false;
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case ARRAY: {
        const n = ops[at++]!;
        // Pushed, not preallocated: a packed array, and no huge allocation for a damaged length.
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(read());
        return out;
      }
      case OBJECT: {
        const keys = shapes[ops[at++]!]!;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) out[keys[i]!] = read();
        return out;
      }
      case OTHER:
        return others[nextOther++];
      default:
        throw new Error(`not a flattened value (op ${op} at ${at - 1})`);
    }
  };
  const value = read();
  if (at !== ops.length) throw new Error('not a flattened value (ops left over)');
  return value;
}
