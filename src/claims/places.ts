import { escapeRegex } from '../util/regex.js';
import { CueSet } from './cues.js';
import { normalizeText } from './normalize-text.js';

/** rules/places/cn-cities.yaml as written. */
export interface PlacesFile {
  cities: { en: string; zh: string[]; aliases?: string[] }[];
  everywhere: { zh: string[]; en: string[] };
}

export interface PlaceMatcher {
  /** canonical (English) city names named in [from, to) of normalised text, in order */
  find(normalized: string, from?: number, to?: number): string[];
  /** true when the text says "nationwide" instead of naming cities */
  everywhere(normalized: string, from?: number, to?: number): boolean;
  /** canonical name of a place as a spec writes it ("广州" or "Guangzhou") */
  canonical(name: string): string;
}

export function buildPlaceMatcher(
  file: PlacesFile,
  extra: { name: string; aliases: string[] }[] = [],
): PlaceMatcher {
  const byName = new Map<string, string>();
  for (const c of file.cities) {
    for (const n of [c.en, ...c.zh, ...(c.aliases ?? [])]) byName.set(normalizeText(n).text, c.en);
  }
  for (const p of extra) {
    const canonical = byName.get(normalizeText(p.name).text) ?? p.name;
    for (const n of [p.name, ...p.aliases]) byName.set(normalizeText(n).text, canonical);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const regex = new RegExp(
    names
      .map((n) => {
        const body = escapeRegex(n);
        return /^[a-z]/.test(n) ? `(?<![a-z])${body}(?![a-z])` : body;
      })
      .join('|'),
    'g',
  );
  const everywhere = new CueSet([...file.everywhere.zh, ...file.everywhere.en]);
  return {
    find(normalized, from = 0, to = normalized.length) {
      const out: string[] = [];
      const slice = normalized.slice(0, to);
      regex.lastIndex = from;
      for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
        const c = byName.get(m[0]);
        if (c && !out.includes(c)) out.push(c);
      }
      return out;
    },
    everywhere(normalized, from = 0, to = normalized.length) {
      return everywhere.test(normalized, from, to);
    },
    canonical(name) {
      return byName.get(normalizeText(name).text) ?? name;
    },
  };
}
