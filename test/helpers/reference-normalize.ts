import { foldSpaces } from '../../src/claims/normalize-text.js';
import { simplifiedChar as simplify } from '../../src/data/simplified-chinese.js';

// normalizeGeneral as it was before it kept each character's reading (src/claims/normalize-text.ts):
// the reference test/claims/normalize-text.test.ts compares the kept readings with, character by
// character and on whole pages.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** The general reading, one character at a time, each through ICU. */
export function referenceGeneral(input: string): { text: string; map: number[] } {
  const chars: string[] = [];
  const map: number[] = [];
  let offset = 0;
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    let out: string;
    if (code < 0x80) {
      out = ch.toLowerCase();
    } else {
      out = ch.normalize('NFKC');
      if (isCjk(out)) out = simplify(out);
      out = out.toLowerCase();
    }
    for (const o of out) {
      // One entry per UTF-16 unit, so that offsets in the normalised string map back even after an
      // emoji or another astral character ("💰 全城最低价").
      if (o.length === 1) {
        chars.push(/\s/.test(o) ? ' ' : o);
        map.push(offset);
      } else {
        for (let k = 0; k < o.length; k++) {
          chars.push(o[k]!);
          map.push(offset + (o.length === ch.length ? k : 0));
        }
      }
    }
    offset += ch.length;
  }

  // The second pass did not change: the reference is the first, character by character.
  return foldSpaces(chars, map, input.length);
}
