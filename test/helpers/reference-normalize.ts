import { simplifiedChar as simplify } from '../../src/data/simplified-chinese.js';

// normalizeGeneral as it was before it kept each character's reading (src/claims/normalize-text.ts):
// the reference test/claims/normalize-text.test.ts compares the kept readings with, character by
// character and on whole pages.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[a-z]/;
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

  // Second pass: fold spaces and rewrite separators, keeping the map aligned.
  const text: string[] = [];
  const outMap: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (text.length === 0 || text[text.length - 1] === ' ') continue;
      let j = i + 1;
      while (j < chars.length && chars[j] === ' ') j++;
      const prev = text[text.length - 1];
      const next = chars[j];
      if (next === undefined) continue;
      // "全 景 天 窗" (OCR) -> "全景天窗"
      if (isCjk(prev) && isCjk(next)) continue;
      text.push(' ');
      outMap.push(map[i]!);
      continue;
    }
    if (
      (c === '-' || c === '_' || c === '\u2010' || c === '\u2011') &&
      LATIN.test(text[text.length - 1] ?? '')
    ) {
      const next = chars[i + 1] ?? '';
      if (LATIN.test(next)) {
        text.push(' ');
        outMap.push(map[i]!);
        continue;
      }
    }
    const mapped = c === '\u2019' || c === '\u2018' ? "'" : c;
    text.push(mapped);
    outMap.push(map[i]!);
  }
  outMap.push(input.length);
  return { text: text.join(''), map: outMap };
}
