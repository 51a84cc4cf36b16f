/**
 * The fuzz suite's randomness: one seeded generator, so a failure reproduces. The seed is printed
 * with every failure; set CLAIMLINT_FUZZ_SEED to replay it (or to explore other seeds locally).
 */
export const SEED = Number(process.env.CLAIMLINT_FUZZ_SEED ?? 20_251_204);

export interface Rng {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
}

/** mulberry32: small, fast and good enough to shuffle inputs. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))),
  };
}

/** Damages bytes the ways files get damaged: cut short, bytes flipped, a run of garbage, a hole. */
export function mutateBytes(r: Rng, input: Uint8Array): Buffer {
  const b = Buffer.from(input);
  switch (r.int(0, 4)) {
    case 0:
      return b.subarray(0, r.int(0, Math.max(0, b.length - 1)));
    case 1: {
      for (let i = r.int(1, 32); i > 0 && b.length; i--) b[r.int(0, b.length - 1)] = r.int(0, 255);
      return b;
    }
    case 2: {
      const at = r.int(0, b.length);
      return Buffer.concat([b.subarray(0, at), r.bytes(r.int(1, 4096)), b.subarray(at)]);
    }
    case 3: {
      const at = r.int(0, b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + r.int(1, 4096)))]);
    }
    default:
      // The right signature, then noise.
      return Buffer.concat([b.subarray(0, Math.min(b.length, r.int(4, 64))), r.bytes(r.int(0, 8192))]);
  }
}

const YAML_TOKENS = [
  '&a ',
  '*a',
  '*b',
  '!!binary ',
  '!!str ',
  '!!js/function ',
  '? ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '\t',
  '"',
  "'",
  '#',
  '|',
  '>',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '<<: *a',
  '~',
  'null',
  '.nan',
  '-.inf',
  '1e999',
  '-1',
  '0x1F',
  '99999999999999999999',
  '"\\u0000"',
  '\u202e',
  '\uFEFF',
  '天窗',
  '  ',
  '\n',
];

/** Text mutations of a YAML file: lines dropped, doubled or swapped, tokens and characters thrown in. */
export function mutateYaml(r: Rng, text: string): string {
  const lines = text.split('\n');
  for (let i = r.int(1, 6); i > 0; i--) {
    const at = r.int(0, Math.max(0, lines.length - 1));
    switch (r.int(0, 5)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, lines[r.int(0, lines.length - 1)] ?? '');
        break;
      case 2: {
        const line = lines[at] ?? '';
        const col = r.int(0, line.length);
        lines[at] = line.slice(0, col) + r.pick(YAML_TOKENS) + line.slice(col);
        break;
      }
      case 3:
        lines[at] = (lines[at] ?? '').replace(/\d+(\.\d+)?/, () =>
          r.pick(['-1', '0', '1e308', 'NaN', '"12"', '[]']),
        );
        break;
      case 4:
        lines[at] = ' '.repeat(r.int(0, 8)) + (lines[at] ?? '').trimStart();
        break;
      default: {
        const other = r.int(0, lines.length - 1);
        [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
      }
    }
  }
  return lines.join('\n');
}
