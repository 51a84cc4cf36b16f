import type { Flat } from '../../src/cache/flat-codec.js';

// flatten as it was before it became a class that reads keys with for...in
// (src/cache/flat-codec.ts), its stream of 32-bit numbers then written seven bits a byte as the
// codec writes it now (`asBytes`): test/cache/flat-codec.test.ts checks that both write the same bytes.

const MARK = 'claimlint-flat-2';
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

export function referenceFlatten(value: unknown): Flat {
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
  return [MARK as Flat[0], strings, shapes, asBytes(ops), Float64Array.from(floats), others];
}

/** Unsigned 32-bit numbers, seven bits a byte, low bits first, the high bit set on all but the last. */
export function asBytes(numbers: number[]): Uint8Array {
  const bytes: number[] = [];
  for (let v of numbers) {
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  }
  return Uint8Array.from(bytes);
}
