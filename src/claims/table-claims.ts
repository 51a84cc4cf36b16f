import { findUnit } from '../data/catalog.js';
import type { Claim, Qualifier, Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { evidenceFor } from './evidence.js';
import { normalizeText } from './normalize-text.js';
import { numberClaims } from './numbers.js';
import { type SegmentReading, scopeVariants } from './scope.js';
import { claimHits, isQuestion, readSegment, scopeFields } from './text-claims.js';

type Mark = 'standard' | 'optional' | 'absent' | 'text';

/** What a spec-table cell says of its row's feature: ● standard, ○ optional, empty or - absent. */
export function cellMark(normalizedCell: string, ctx: ClaimContext): Mark {
  const t = normalizedCell.trim();
  const marks = ctx.cues.tableMarks;
  if (marks.absent.has(t)) return 'absent';
  if (marks.standard.has(t) || t.startsWith('●')) return 'standard';
  if (marks.optional.has(t) || t.startsWith('○')) return 'optional';
  return 'text';
}

/**
 * A cell of a spec table. The feature comes from the cell's own words ("●360°全景影像") or,
 * when the cell is only a mark or a value, from the row label ("车道保持辅助系统" + "●").
 * A number takes its unit from the label when the cell has none ("长(mm)" + "4980").
 */
export function tableClaims(segment: Segment, ctx: ClaimContext, reading?: SegmentReading): Claim[] {
  const table = segment.table!;
  const cell = normalizeText(segment.text);
  // A comparison table with one column per product: the column names the product.
  if (table.columnHeader && ctx.products.any) {
    const header = normalizeText(table.columnHeader);
    const named = ctx.products.find(table.columnHeader, header);
    if (named.length === 1)
      reading = { product: { id: named[0]!.id, other: named[0]!.other, from: 'block' } };
  }
  const mark = cellMark(cell.text, ctx);
  const whole = { start: 0, end: cell.text.length };
  const claims: Claim[] = [];

  // The label is matched as its own text; evidence still points at the cell.
  // A row labelled with a trim's or a product's name ("Performance AWD") is about that trim: the
  // name is not a claim of the feature it contains, and in a table with one row per trim ("Trim |
  // Price | Battery") the column header says what the cell measures.
  const rowLabel = normalizeText(table.rowLabel);
  const names = [
    ...ctx.allVariantNames.find(table.rowLabel, rowLabel),
    ...(ctx.products.any ? ctx.products.find(table.rowLabel, rowLabel) : []),
  ];
  const rowIsName = names.some((m) => m.start === 0 && m.end >= rowLabel.text.trim().length);
  const headerIsName =
    !!table.columnHeader &&
    ctx.allVariantNames.find(table.columnHeader, normalizeText(table.columnHeader)).length > 0;
  const labelRaw = rowIsName && table.columnHeader && !headerIsName ? table.columnHeader : table.rowLabel;
  const label = labelRaw === table.rowLabel ? rowLabel : normalizeText(labelRaw);
  const labelHits = ctx.lexicon
    .find(label.text)
    .filter((h) => labelRaw !== table.rowLabel || !names.some((m) => m.start < h.end && m.end > h.start));
  const cellHits = claimHits(segment, cell, ctx);
  const kindOf = (f: string | null) => (f ? ctx.catalog.get(f)?.kind : undefined);
  const cellFeatures = cellHits.filter((h) => h.feature && kindOf(h.feature) !== 'number');
  const qualifier: Qualifier | undefined =
    mark === 'optional' ? 'optional' : mark === 'standard' ? 'standard' : undefined;
  const scope = scopeVariants(
    {
      segment,
      n: cell,
      at: whole,
      clause: whole,
      sentence: whole,
      clauses: [whole],
      hasClaim: () => true,
      allVariants: false,
      ...(reading ? { reading } : {}),
    },
    ctx,
  );
  const fields = scopeFields(scope);

  const equipment = (feature: string, term: string, start: number, end: number, negated: boolean): Claim => ({
    uri: segment.uri,
    feature,
    polarity: negated ? 'negated' : 'asserted',
    ...(negated || !qualifier ? {} : { qualifier }),
    evidence: evidenceFor(segment, cell, start, end),
    ...fields,
    why: {
      term,
      ...(mark !== 'text' ? { cue: cell.text.trim() || '(empty cell)' } : {}),
      ...(scope.why.productFrom ? { productFrom: scope.why.productFrom } : {}),
      ...(scope.why.variantsFrom ? { variantsFrom: scope.why.variantsFrom } : {}),
    },
  });

  // A cell that is a sentence ("答：没有天窗，但配有全景遮阳帘") is read like any text, with its
  // negations; a cell that is a mark and a name ("●单天窗") takes its polarity from the mark.
  const sentence = mark === 'text' && cellFeatures.length > 0;
  const labelIsQuestion = isQuestion(label.text, { start: 0, end: label.text.length }, ctx);
  if (sentence) {
    claims.push(
      ...readSegment({ ...segment, table: { ...table, rowLabel: '' } }, ctx, reading, cell).claims.filter(
        (c) => c.value === undefined,
      ),
    );
  } else if (cellFeatures.length) {
    for (const h of cellFeatures)
      claims.push(equipment(h.feature!, h.term, h.start, h.end, mark === 'absent'));
  } else if (!labelIsQuestion && !cellHits.some((h) => h.feature === null)) {
    // A cell that names something the lexicon ignores ("●倒车影像" under a camera row) says
    // nothing about the row's own feature.
    for (const h of labelHits) {
      if (!h.feature || kindOf(h.feature) === 'number' || kindOf(h.feature) === 'restriction') continue;
      if (claims.some((c) => c.feature === h.feature)) continue;
      claims.push(equipment(h.feature, h.term, 0, cell.text.length, mark === 'absent'));
    }
  }

  // Numbers: a number cue in the label and a value in the cell.
  const numberCue =
    labelHits.find((h) => h.feature && kindOf(h.feature) === 'number') ??
    // "DC charge 30–80%" + "24 min": an equipment label whose sibling the cell's unit names.
    labelHits.find((h) => h.feature && ctx.catalog.get(h.feature)?.siblings && /\d/.test(cell.text));
  if (numberCue && mark !== 'absent') {
    const cueFeature = numberCue.feature!;
    const equipmentCue = kindOf(cueFeature) !== 'number';
    const accepted = new Set([cueFeature, ...Object.values(ctx.catalog.get(cueFeature)?.siblings ?? {})]);
    const feature = cueFeature;
    // "(mm)", "(CLTC, km)", "(MSRP, CNY)": the unit is the part of the parentheses that is one.
    // A test cycle in them ("Range (CLTC)") is not a unit.
    const inParens = /[(（]([^)）]+)[)）]/.exec(labelRaw)?.[1];
    const parts = (inParens?.split(/\s*[,，、;]\s*/) ?? []).filter(
      (p) => !ctx.cues.cycles.test(normalizeText(p).text),
    );
    const unitText = parts.find((p) => findUnit(p)) ?? parts[0];
    const catalogUnit = ctx.catalog.get(feature)?.unit;
    const labelUnit = unitText ? findUnit(unitText) : undefined;
    const catalogDimension = ctx.catalog.get(feature)?.dimension;
    // "最大功率转速(rpm)" names power but measures revs: a label unit the feature cannot have
    // means the row is about something else. "(个)" is a plain count.
    if (unitText && !labelUnit && !/^[个项款]$/.test(unitText)) return claims;
    if (labelUnit && !equipmentCue && labelUnit.dimension !== catalogDimension) return claims;
    const defaultUnit = labelUnit ? unitText : catalogUnit;
    // The label's cue is spliced in front of the cell text so that the number pairs with it.
    const prefix = `${label.text}: `;
    const joined = {
      text: prefix + cell.text,
      map: [...label.text.split('').map(() => 0), 0, 0, ...cell.map],
    };
    const hits = ctx.lexicon.find(joined.text);
    const found = numberClaims(segment, joined, { start: 0, end: joined.text.length }, hits, ctx, {
      allVariants: false,
      ...(reading ? { reading } : {}),
      ...(defaultUnit ? { defaultUnit } : {}),
    }).filter((c) => accepted.has(c.feature));
    // One value per cell: "141(192Ps)" states the same power twice.
    const first = found[0];
    if (first)
      claims.push({
        ...first,
        evidence: evidenceFor(segment, cell, 0, cell.text.length),
        ...fields,
        why: {
          ...first.why!,
          term: numberCue.term,
          ...(scope.why.variantsFrom ? { variantsFrom: scope.why.variantsFrom } : {}),
        },
      });
  }
  return claims;
}
