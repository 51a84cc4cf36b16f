import { escapeRegex } from '../util/regex.js';
import { normalizeText } from './normalize-text.js';

/** rules/features/cues.yaml as written. */
export interface CuesFile {
  question: { endings: string[]; words: string[] };
  negationBefore: { zh: string[]; en: string[] };
  negationAfter: { zh: string[]; en: string[] };
  negationAfterGlue: string[];
  notNegation: { zh: string[]; en: string[] };
  contrast: { zh: string[]; en: string[] };
  clauseBreaks: string[];
  sentenceBreaks: string[];
  qualifiers: { optional: { zh: string[]; en: string[] }; standard: { zh: string[]; en: string[] } };
  allVariants: { zh: string[]; en: string[] };
  upTo: { zh: string[]; en: string[] };
  from: { zh: string[]; en: string[] };
  cycles: string[];
  tableMarks: { standard: string[]; optional: string[]; absent: string[] };
  notOnSale: { zh: string[]; en: string[] };
  comparison: { zh: string[]; en: string[] };
  notComparison: { zh: string[]; en: string[] };
  answers: { no: { zh: string[]; en: string[] }; yes: { zh: string[]; en: string[] }; prefix: string[] };
  numberOwners: Record<string, { zh: string[]; en: string[] }>;
  perMonthClause: { zh: string[]; en: string[] };
  differenceAfter: { zh: string[]; en: string[] };
  differenceBefore: { zh: string[]; en: string[] };
  otherCar: { zh: string[]; en: string[] };
  platform: { subjects: { zh: string[]; en: string[] }; capabilities: { zh: string[]; en: string[] } };
  andUp: { zh: string[]; en: string[] };
  listGlue: { zh: string[]; en: string[] };
  correction: { zh: string[]; en: string[] };
  future: { markers: { zh: string[]; en: string[] }; events: { zh: string[]; en: string[] } };
  timeline: string;
  depiction: { zh: string[]; en: string[] };
  perKmClause: { zh: string[]; en: string[] };
  priceSegment: string;
  everyBeforeProduct: { zh: string[]; en: string[] };
  carNouns: { zh: string[]; en: string[] };
  respectively: { zh: string[]; en: string[] };
  relativeStart: { zh: string[]; en: string[] };
  measureAfter: Record<string, { zh: string[]; en: string[] }>;
  genericMeasures: { zh: string[]; en: string[] };
  conjunctions: { zh: string[]; en: string[] };
  only: { zh: string[]; en: string[] };
  unitDefaults: Record<string, string>;
}

export interface Span {
  start: number;
  end: number;
}

/** A cue list compiled to one regex over normalised text (Latin words at word boundaries). */
export class CueSet {
  private readonly regex: RegExp | undefined;
  /** the same alternatives, anchored where matching starts (no scan to the end of the text) */
  private readonly sticky: RegExp | undefined;

  constructor(words: string[]) {
    const norm = [...new Set(words.map((w) => normalizeText(w).text.trim()).filter(Boolean))].sort(
      (a, b) => b.length - a.length,
    );
    if (!norm.length) return;
    const parts = norm.map((w) => {
      const body = escapeRegex(w).replace(/ /g, '[ ]?');
      const before = /^[a-z0-9]/.test(w) ? '(?<![a-z0-9])' : '';
      const after = /[a-z0-9]$/.test(w) ? '(?![a-z0-9])' : '';
      return `${before}${body}${after}`;
    });
    this.regex = new RegExp(parts.join('|'), 'g');
    this.sticky = new RegExp(parts.join('|'), 'y');
  }

  all(text: string, from = 0, to = text.length): Span[] {
    if (!this.regex) return [];
    const out: Span[] = [];
    const slice = text.slice(0, to);
    this.regex.lastIndex = from;
    for (let m = this.regex.exec(slice); m; m = this.regex.exec(slice)) {
      if (!m[0]) {
        this.regex.lastIndex++;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /** A cue that ends exactly at `end` (ignoring trailing spaces). */
  endsAt(text: string, end: number, from = 0): Span | undefined {
    return this.all(text, from, end).find((s) => s.end === end || text.slice(s.end, end).trim() === '');
  }

  /** A cue that starts exactly at `start`. */
  startsAt(text: string, start: number): Span | undefined {
    if (!this.sticky) return undefined;
    this.sticky.lastIndex = start;
    const m = this.sticky.exec(text);
    return m?.[0] ? { start, end: start + m[0].length } : undefined;
  }

  /** A cue that opens the range, after any spaces and punctuation ("…, whose", "SEA-X is"). */
  leads(text: string, range: Span): Span | undefined {
    let at = range.start;
    while (at < range.end && /[\s\p{P}]/u.test(text[at]!)) at++;
    return this.startsAt(text, at);
  }

  test(text: string, from = 0, to = text.length): boolean {
    return this.all(text, from, to).length > 0;
  }
}

export interface Cues {
  questionEndings: string[];
  questionWords: CueSet;
  negationBefore: CueSet;
  negationAfter: CueSet;
  negationAfterGlue: string[];
  notNegation: CueSet;
  contrast: CueSet;
  clauseBreaks: Set<string>;
  sentenceBreaks: Set<string>;
  optional: CueSet;
  standard: CueSet;
  allVariants: CueSet;
  upTo: CueSet;
  from: CueSet;
  cycles: CueSet;
  cycleNames: string[];
  tableMarks: { standard: Set<string>; optional: Set<string>; absent: Set<string> };
  notOnSale: CueSet;
  comparison: CueSet;
  notComparison: CueSet;
  answerNo: CueSet;
  answerYes: CueSet;
  answerPrefix: CueSet;
  /** dimension -> nouns that own a number of that dimension */
  numberOwners: Map<string, CueSet>;
  perMonthClause: CueSet;
  differenceAfter: CueSet;
  differenceBefore: CueSet;
  otherCar: CueSet;
  platformSubjects: CueSet;
  platformCapabilities: CueSet;
  andUp: CueSet;
  listGlue: CueSet;
  correction: CueSet;
  futureMarkers: CueSet;
  futureEvents: CueSet;
  timeline: RegExp;
  depiction: CueSet;
  perKmClause: CueSet;
  priceSegment: RegExp;
  everyBeforeProduct: CueSet;
  carNouns: CueSet;
  respectively: CueSet;
  relativeStart: CueSet;
  /** feature key (or "none") -> words after a measure that say what it measures */
  measureAfter: Map<string, CueSet>;
  genericMeasures: CueSet;
  conjunctions: CueSet;
  only: CueSet;
  /** dimension -> the feature a figure of it is when nothing in its sentence owns it */
  unitDefaults: Map<string, string>;
}

const both = (x: { zh: string[]; en: string[] }) => [...x.zh, ...x.en];
const normSet = (words: string[]) => new Set(words.map((w) => normalizeText(w).text.trim()));

export function buildCues(file: CuesFile): Cues {
  return {
    questionEndings: file.question.endings.map((e) => normalizeText(e).text),
    questionWords: new CueSet(file.question.words),
    negationBefore: new CueSet(both(file.negationBefore)),
    negationAfter: new CueSet(both(file.negationAfter)),
    negationAfterGlue: file.negationAfterGlue.map((g) => normalizeText(g).text),
    notNegation: new CueSet(both(file.notNegation)),
    contrast: new CueSet(both(file.contrast)),
    clauseBreaks: new Set(file.clauseBreaks.map((c) => normalizeText(c).text || c)),
    sentenceBreaks: new Set(file.sentenceBreaks.map((c) => normalizeText(c).text || c)),
    optional: new CueSet(both(file.qualifiers.optional)),
    standard: new CueSet(both(file.qualifiers.standard)),
    allVariants: new CueSet(both(file.allVariants)),
    upTo: new CueSet(both(file.upTo)),
    from: new CueSet(both(file.from)),
    cycles: new CueSet(file.cycles),
    cycleNames: file.cycles,
    tableMarks: {
      standard: normSet(file.tableMarks.standard),
      optional: normSet(file.tableMarks.optional),
      absent: normSet(file.tableMarks.absent),
    },
    notOnSale: new CueSet(both(file.notOnSale)),
    comparison: new CueSet(both(file.comparison)),
    notComparison: new CueSet(both(file.notComparison)),
    answerNo: new CueSet(both(file.answers.no)),
    answerYes: new CueSet(both(file.answers.yes)),
    answerPrefix: new CueSet(file.answers.prefix),
    numberOwners: new Map(Object.entries(file.numberOwners).map(([d, w]) => [d, new CueSet(both(w))])),
    perMonthClause: new CueSet(both(file.perMonthClause)),
    differenceAfter: new CueSet(both(file.differenceAfter)),
    differenceBefore: new CueSet(both(file.differenceBefore)),
    otherCar: new CueSet(both(file.otherCar)),
    platformSubjects: new CueSet(both(file.platform.subjects)),
    platformCapabilities: new CueSet(both(file.platform.capabilities)),
    andUp: new CueSet(both(file.andUp)),
    listGlue: new CueSet(both(file.listGlue)),
    correction: new CueSet(both(file.correction)),
    futureMarkers: new CueSet(both(file.future.markers)),
    futureEvents: new CueSet(both(file.future.events)),
    timeline: new RegExp(file.timeline),
    depiction: new CueSet(both(file.depiction)),
    perKmClause: new CueSet(both(file.perKmClause)),
    priceSegment: new RegExp(file.priceSegment),
    everyBeforeProduct: new CueSet(both(file.everyBeforeProduct)),
    carNouns: new CueSet(both(file.carNouns)),
    respectively: new CueSet(both(file.respectively)),
    relativeStart: new CueSet(both(file.relativeStart)),
    measureAfter: new Map(Object.entries(file.measureAfter).map(([k, v]) => [k, new CueSet(both(v))])),
    genericMeasures: new CueSet(both(file.genericMeasures)),
    conjunctions: new CueSet(both(file.conjunctions)),
    only: new CueSet(both(file.only)),
    unitDefaults: new Map(Object.entries(file.unitDefaults ?? {})),
  };
}
