import type { SpecVariant } from '../spec/model.js';
import { type NormalizedText, normalizeText } from './normalize-text.js';
import { SpansByStart } from './spans-by-start.js';

export interface VariantMatch {
  id: string;
  start: number;
  end: number;
}

export interface VariantMatcher {
  /** variants named in the normalised range [from, to) of a text */
  find(original: string, n: NormalizedText, from?: number, to?: number): VariantMatch[];
  /** variants named anywhere in a short text (a heading, a column header) */
  inText(text: string): string[];
  /** the variant ids in the spec's order (entry trim first, as specs list them) */
  ids: string[];
}

interface Name {
  id: string;
  /** normalised, spaces removed */
  key: string;
  /** original form of a Latin alias: matched case-sensitively ("Standard" the trim, not "standard" the word) */
  latinOriginal?: string;
  /** a group of variants named by what their names share ("the RWD versions", "两款后驱车型") */
  group?: string[];
}

// Nouns that make a shared part of variant names a group: "RWD versions", "后驱车型".
const GROUP_NOUNS_EN = ['versions', 'version', 'models', 'model', 'trims', 'variants', 'cars'];
const GROUP_NOUNS_ZH = ['车型', '版本', '两款', '版'];

/**
 * Parts of names that several variants (not all) share: Latin word runs ("RWD" in "Standard RWD" and
 * "Long Range RWD") and CJK prefixes ("后驱" in 后驱标准版 and 后驱长续航版). Followed by a group noun
 * they name those variants together.
 */
function groupNames(variants: Pick<SpecVariant, 'id' | 'name' | 'aliases'>[]): Name[] {
  if (variants.length < 3) return [];
  const shared = new Map<string, Set<string>>();
  const add = (part: string, id: string) => {
    const key = stripSpaces(normalizeText(part).text);
    if (key.length < 2) return;
    const set = shared.get(key) ?? new Set<string>();
    set.add(id);
    shared.set(key, set);
  };
  for (const v of variants) {
    for (const name of [v.name, ...v.aliases]) {
      const words = name.split(/\s+/).filter(Boolean);
      if (/^[\x20-\x7e]+$/.test(name)) {
        for (let i = 0; i < words.length; i++)
          for (let j = i + 1; j <= words.length && j - i <= 3; j++) add(words.slice(i, j).join(' '), v.id);
      } else {
        const chars = [...name];
        for (let k = 2; k < chars.length; k++)
          if (/[\u4e00-\u9fff]/.test(chars[k - 1]!)) add(chars.slice(0, k).join(''), v.id);
      }
    }
  }
  const out: Name[] = [];
  for (const [key, ids] of shared) {
    if (ids.size < 2 || ids.size >= variants.length) continue;
    const latin = /^[a-z0-9]/.test(key);
    for (const noun of latin ? GROUP_NOUNS_EN : GROUP_NOUNS_ZH) {
      const group = [...ids];
      if (noun === '两款') out.push({ id: group[0]!, key: `${noun}${key}`, group });
      else out.push({ id: group[0]!, key: `${key}${noun}`, group });
    }
  }
  return out;
}

const stripSpaces = (s: string) => s.replace(/ /g, '');

export function buildVariantMatcher(
  variants: Pick<SpecVariant, 'id' | 'name' | 'aliases'>[],
  options: { caseSensitive?: boolean } = {},
): VariantMatcher {
  const caseSensitive = options.caseSensitive ?? true;
  const names: Name[] = [];
  for (const v of variants) {
    for (const name of [v.name, ...v.aliases]) {
      const key = stripSpaces(normalizeText(name).text);
      if (!key) continue;
      names.push({
        id: v.id,
        key,
        ...(caseSensitive && /^[\x20-\x7e]+$/.test(name) ? { latinOriginal: stripSpaces(name) } : {}),
      });
    }
  }
  names.push(...groupNames(variants));
  names.sort((a, b) => b.key.length - a.key.length);

  // A segment's clauses each ask for the variants in their range: the whole text is searched once
  // and each range takes the names that lie inside it (by start: a sentence of many clauses asks
  // for each of them).
  const byText = new WeakMap<NormalizedText, SpansByStart<VariantMatch>>();
  const inTextCache = new Map<string, string[]>();

  function find(original: string, n: NormalizedText, from = 0, to = n.text.length): VariantMatch[] {
    if (!names.length) return [];
    let all = byText.get(n);
    if (!all) {
      all = new SpansByStart(findIn(original, n, 0, n.text.length));
      byText.set(n, all);
    }
    return all.inside({ start: from, end: to });
  }

  function findIn(original: string, n: NormalizedText, from: number, to: number): VariantMatch[] {
    // Search with spaces removed, with a map back to normalised offsets. Most texts name no
    // variant: the map is made only when a name is found, from character codes (text[i] would
    // make a string of every character).
    const hay = stripSpaces(from === 0 && to === n.text.length ? n.text : n.text.slice(from, to));
    let backMap: number[] | undefined;
    const backOf = (): number[] => {
      if (!backMap) {
        backMap = [];
        for (let i = from; i < to; i++) if (n.text.charCodeAt(i) !== 32) backMap.push(i);
      }
      return backMap;
    };
    const taken: [number, number][] = [];
    const found: VariantMatch[] = [];
    for (const name of names) {
      let at = hay.indexOf(name.key);
      while (at !== -1) {
        const back = backOf();
        const end = at + name.key.length;
        const overlaps = taken.some(([s, e]) => at < e && end > s);
        // Word boundaries are judged in the text with its spaces: "the Long Range", not "theLongRange".
        const before = n.text[back[at]! - 1] ?? '';
        const after = n.text[back[end - 1]! + 1] ?? '';
        const latinBoundary = !/[a-z0-9]/.test(name.key[0]!) || !/[a-z0-9]/.test(before);
        const latinBoundaryEnd = !/[a-z0-9]$/.test(name.key) || !/[a-z0-9]/.test(after);
        let caseOk = true;
        if (name.latinOriginal) {
          const s = n.map[back[at]!]!;
          const e = n.map[back[end - 1]!]! + 1;
          caseOk = stripSpaces(original.slice(s, e)) === name.latinOriginal;
        }
        if (!overlaps && latinBoundary && latinBoundaryEnd && caseOk) {
          taken.push([at, end]);
          for (const id of name.group ?? [name.id])
            found.push({ id, start: back[at]!, end: back[end - 1]! + 1 });
        }
        at = hay.indexOf(name.key, at + 1);
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  return {
    find,
    ids: [...new Set(variants.map((v) => v.id))],
    inText(text: string): string[] {
      // Headings and column headers are asked about once per segment under them.
      let ids = inTextCache.get(text);
      if (!ids) {
        ids = [...new Set(find(text, normalizeText(text)).map((m) => m.id))];
        if (inTextCache.size > 10_000) inTextCache.clear();
        inTextCache.set(text, ids);
      }
      return [...ids];
    },
  };
}
