import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from './package-root.js';

/**
 * Traditional to simplified Chinese, one character at a time, so that offsets stay mappable
 * (phrase conversion could change the length): the table the build derived from OpenCC
 * (scripts/compile-data.mjs), or, run from source, OpenCC itself. Read here, with the rest of the
 * bundled data, so that claims/ stays free of I/O.
 */
export const simplifiedChar: (ch: string) => string = (() => {
  try {
    const { table } = JSON.parse(readFileSync(packagePath('dist', 'compiled', 't2s.json'), 'utf8')) as {
      table: Record<string, string>;
    };
    const map = new Map(Object.entries(table));
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
