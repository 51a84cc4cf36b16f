import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from './package-root.js';

/** The compiled table (dist/compiled/t2s.json): character i of `from` becomes character i of `to`. */
export function t2sTable(compiled: { from: string; to: string }): Map<string, string> {
  // By code point: a simplified form may be outside the BMP ("𠵾").
  const from = Array.from(compiled.from);
  const to = Array.from(compiled.to);
  if (from.length !== to.length) throw new Error('t2s.json: from and to differ in length');
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) map.set(from[i]!, to[i]!);
  return map;
}

/**
 * Traditional to simplified Chinese, one character at a time, so that offsets stay mappable
 * (phrase conversion could change the length): the table the build derived from OpenCC
 * (scripts/compile-data.mjs), or, run from source, OpenCC itself. Read here, with the rest of the
 * bundled data, so that claims/ stays free of I/O.
 */
export const simplifiedChar: (ch: string) => string = (() => {
  try {
    const map = t2sTable(JSON.parse(readFileSync(packagePath('dist', 'compiled', 't2s.json'), 'utf8')));
    return (ch: string) => map.get(ch) ?? ch;
  } catch {
    const OpenCC = createRequire(import.meta.url)('opencc-js') as {
      Converter(o: { from: string; to: string }): (s: string) => string;
    };
    const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const cache = new Map<string, string>();
    return (ch: string) => {
      let out = cache.get(ch);
      if (out === undefined) {
        const converted = toSimplified(ch);
        out = [...converted].length === 1 ? converted : ch;
        cache.set(ch, out);
      }
      return out;
    };
  }
})();
