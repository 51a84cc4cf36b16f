// A result as a few flat arrays, for V8's serialiser: its strings once each, the key lists of its
// objects once each, and one stream of bytes that says how to put them back together.
//
// Why: `v8.serialize` keeps every object it wrote (its identity map, for back-references) until
// the garbage collector finds the serialiser itself unused, so each page's result, handed to it
// whole, outlived a young-generation collection and was copied (or promoted) with it. Handed these
// arrays, it holds four objects and the strings. The walk costs less than V8's own, the reading
// back less again, and an entry is about 0.4x what V8 wrote of the objects (BENCHMARKS.md, eighth
// and eleventh sessions).
//
// Exact for data (plain objects, arrays, strings, numbers, booleans, null, undefined): the value
// read back deep-equals the one written, keys in the same order. Anything else (a typed array, a
// Map, an object with another prototype) is passed to V8's serialiser as it is, as before.

import { literalKeys, quoted } from '../util/object-literal.js';

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

/**
 * The mark, the strings, the key lists, the stream, the other numbers, what V8 writes itself. The
 * stream is bytes: each op one byte, each integer (string and key list numbers, lengths, integers
 * of the data) seven bits a byte, low bits first, the high bit saying another byte follows. Most
 * are under 128: the stream is a quarter of the 32-bit numbers it was, and an entry half the size.
 */
export type Flat = [typeof MARK, string[], string[][], Uint8Array, Float64Array, unknown[]];

/** Bytes an op and its integer can take: one, and five for 32 bits. */
const OP_ROOM = 6;

/** One key list, and the longer lists that start with it (a trie: objects are matched key by key). */
interface Shape {
  id: number;
  keys: string[];
  /** the lists one key longer: few, so searched in order, comparing keys by identity */
  longer: Shape[];
}

/**
 * The writer: a class, and objects' keys read with `for...in` and matched key by key against the
 * key lists seen. Closures over an `Object.keys` array per object measured 0.85 ms a generated
 * page's result against 0.60 this way, 0.69 with the byte stream (BENCHMARKS.md, eleventh
 * session): encoding is about a sixth of an extraction thread's time on a large site.
 */
class Flattener {
  readonly strings: string[] = [];
  readonly shapes: string[][] = [];
  readonly floats: number[] = [];
  readonly others: unknown[] = [];
  ops = new Uint8Array(16384);
  length = 0;
  private readonly stringIds = new Map<string, number>();
  private readonly noKeys: Shape = { id: -1, keys: [], longer: [] };

  /**
   * Whether `for...in` lists exactly an object's own keys: it also lists enumerable keys its
   * prototype has, and a plain object's prototype has none unless something added one.
   */
  private readonly ownKeysOnly = !hasEnumerableKey(Object.prototype);

  write(v: unknown): void {
    if (this.length + OP_ROOM > this.ops.length) this.grow();
    const ops = this.ops;
    switch (typeof v) {
      case 'string': {
        let id = this.stringIds.get(v);
        if (id === undefined) {
          id = this.strings.length;
          this.strings.push(v);
          this.stringIds.set(v, id);
        }
        ops[this.length++] = STRING;
        this.integer(id);
        return;
      }
      case 'number':
        // An unsigned 32-bit integer, and not -0 (which the stream would give back as 0).
        if (v >>> 0 === v && (v !== 0 || 1 / v > 0)) {
          ops[this.length++] = INT;
          this.integer(v);
        } else {
          ops[this.length++] = FLOAT;
          this.floats.push(v);
        }
        return;
      case 'boolean':
        ops[this.length++] = v ? TRUE : FALSE;
        return;
      case 'undefined':
        ops[this.length++] = UNDEFINED;
        return;
    }
    if (v === null) {
      ops[this.length++] = NULL;
      return;
    }
    if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) {
      ops[this.length++] = ARRAY;
      this.integer(v.length);
      for (let i = 0; i < v.length; i++) this.write(v[i]);
      return;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const record = v as Record<string, unknown>;
      if (this.ownKeysOnly) {
        ops[this.length++] = OBJECT;
        this.integer(this.shapeOf(record));
        for (const key in record) this.write(record[key]);
      } else this.writeObject(record, Object.keys(record));
      return;
    }
    ops[this.length++] = OTHER;
    this.others.push(v);
  }

  /** The object's key list's number: objects of one kind share one. */
  private shapeOf(record: Record<string, unknown>): number {
    let shape = this.noKeys;
    for (const key in record) shape = this.longer(shape, key);
    return this.idOf(shape);
  }

  /** An object read through its key list (when `for...in` would list more than its own keys). */
  private writeObject(record: Record<string, unknown>, keys: string[]): void {
    let shape = this.noKeys;
    for (const key of keys) shape = this.longer(shape, key);
    this.ops[this.length++] = OBJECT;
    this.integer(this.idOf(shape));
    for (const key of keys) this.write(record[key]);
  }

  private longer(shape: Shape, key: string): Shape {
    const { longer } = shape;
    for (let i = 0; i < longer.length; i++) {
      const next = longer[i]!;
      if (next.keys[next.keys.length - 1] === key) return next;
    }
    const next: Shape = { id: -1, keys: [...shape.keys, key], longer: [] };
    longer.push(next);
    return next;
  }

  private idOf(shape: Shape): number {
    if (shape.id < 0) {
      shape.id = this.shapes.length;
      this.shapes.push(shape.keys);
    }
    return shape.id;
  }

  /** An unsigned 32-bit integer, seven bits a byte (room for it was made before its op). */
  private integer(v: number): void {
    const ops = this.ops;
    while (v > 0x7f) {
      ops[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    ops[this.length++] = v;
  }

  private grow(): void {
    const larger = new Uint8Array(this.ops.length * 2);
    larger.set(this.ops);
    this.ops = larger;
  }
}

function hasEnumerableKey(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

export function flatten(value: unknown): Flat {
  const out = new Flattener();
  out.write(value);
  return [
    MARK,
    out.strings,
    out.shapes,
    out.ops.slice(0, out.length),
    Float64Array.from(out.floats),
    out.others,
  ];
}

export const isFlat = (value: unknown): value is Flat => Array.isArray(value) && value[0] === MARK;

/** Makes an object of one key list from the values `read` gives, in the list's order. */
type Maker = (read: () => unknown) => Record<string, unknown>;

/**
 * A function per key list that builds its objects as one object literal (`{"uri": read(), ...}`):
 * decoding measured 2.3x quicker so than adding keys one by one to `{}` (0.15 against 0.35 ms a
 * generated page's result, both from 32-bit streams; 0.23 from bytes; BENCHMARKS.md, eleventh
 * session), and a warm scan decodes every page. Kept across entries (a site's entries share their
 * few dozen key lists), up to MAKERS_KEPT.
 */
const makers = new Map<string, Maker | null>();
const MAKERS_KEPT = 10_000;

function makerOf(keys: unknown): Maker | null {
  if (!literalKeys(keys)) return null;
  const signature = keys.join('\0');
  let maker = makers.get(signature);
  if (maker === undefined) {
    if (makers.size >= MAKERS_KEPT) return null;
    // Quoted: whatever an entry holds, its keys stay string literals.
    const fields = keys.map((k) => `${quoted(k)}: read()`).join(', ');
    maker = new Function('read', `return { ${fields} };`) as Maker;
    makers.set(signature, maker);
  }
  return maker;
}

/** The value `flatten` was given. Throws on arrays it did not make. */
export function unflatten(flat: Flat): unknown {
  const [, strings, shapes, ops, floats, others] = flat;
  const made = shapes.map(makerOf);
  let at = 0;
  let nextFloat = 0;
  let nextOther = 0;
  const integer = (): number => {
    const first = ops[at++]!;
    if (first < 0x80) return first;
    let value = first & 0x7f;
    for (let scale = 0x80; ; scale *= 0x80) {
      const next = ops[at++];
      // Past the end, or longer than 32 bits take: not a stream flatten wrote.
      if (next === undefined || scale > 2 ** 28)
        throw new Error(`not a flattened value (integer at ${at - 1})`);
      value += (next & 0x7f) * scale;
      if (next < 0x80) return value;
    }
  };
  const read = (): unknown => {
    const op = ops[at++];
    switch (op) {
      case STRING:
        return strings[integer()];
      case INT:
        return integer();
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
        const n = integer();
        // Pushed, not preallocated: a packed array, and no huge allocation for a damaged length.
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(read());
        return out;
      }
      case OBJECT: {
        const shape = integer();
        const maker = made[shape];
        if (maker) return maker(read);
        const keys = shapes[shape];
        if (!keys) throw new Error(`not a flattened value (no key list ${shape})`);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          // An own key named `__proto__` (JSON.parse makes them): assigning it would set the prototype.
          if (key === '__proto__')
            Object.defineProperty(out, key, {
              value: read(),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else out[key] = read();
        }
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
