import { isImageLocation, type Segment } from '../types.js';
import type { ClaimContext } from './context.js';
import { locate } from './evidence.js';
import type { SegmentReading } from './scope.js';

/** "Label: a / b / c" on one line: the label and each value with its offset in the line. */
interface SlashRow {
  label: string;
  values: { text: string; offset: number }[];
}

// Spaced slashes or full-width ones: "n/a" and "330/430km" are values, not two cells.
const SEPARATOR = /\s+\/\s+|\s*／\s*/g;

function slashRow(text: string): SlashRow | undefined {
  if (text.includes('\n') || text.length > 200) return undefined;
  const m = /^([^:：]{1,60})[:：]\s*/.exec(text);
  if (!m) return undefined;
  const body = text.slice(m[0].length);
  const values: SlashRow['values'] = [];
  let at = 0;
  for (const sep of body.matchAll(SEPARATOR)) {
    values.push({ text: body.slice(at, sep.index), offset: m[0].length + at });
    at = sep.index + sep[0].length;
  }
  values.push({ text: body.slice(at), offset: m[0].length + at });
  if (values.length < 2 || values.some((v) => !v.text.trim())) return undefined;
  return { label: m[1]!.trim(), values };
}

/** A cell of a slash row as a table cell segment, located where its words are in the line. */
function cell(segment: Segment, row: SlashRow, i: number, rowLabel: string, columnHeader?: string): Segment {
  const v = row.values[i]!;
  const location = locate(segment, v.offset, v.offset + v.text.length);
  const { pieces: _pieces, words: _words, ...rest } = segment;
  return {
    ...rest,
    text: v.text,
    source: 'table',
    location,
    table: {
      rowLabel,
      ...(columnHeader ? { columnHeader } : {}),
      variantColumns: columnHeader !== undefined,
    },
  };
}

/**
 * Press-kit lines written as a table without markup, read as table rows:
 * - "Trims: Standard RWD / Long Range RWD / Performance AWD" names the columns; a later
 *   "Range (CLTC, km): 520 / 650 / 600" or "Suspension: steel springs / steel springs / air
 *   suspension" with as many values gives one cell per trim.
 * - "Length / wheelbase: 4,955 mm / 2,960 mm": as many labels as values, paired in order.
 * Other segments are returned as they are.
 */
export function slashRowSegments(
  segments: Segment[],
  readings: SegmentReading[],
  ctx: ClaimContext,
): {
  segments: Segment[];
  readings: SegmentReading[];
} {
  const out: Segment[] = [];
  const outReadings: SegmentReading[] = [];
  let columns: { ids: string[]; names: string[] } | undefined;
  for (const [index, segment] of segments.entries()) {
    const reading = readings[index] ?? {};
    const keep = () => {
      out.push(segment);
      outReadings.push(reading);
    };
    const row = segment.table || isImageLocation(segment.location) ? undefined : slashRow(segment.text);
    if (!row) {
      keep();
      continue;
    }
    const product = reading.product?.id ?? ctx.defaultProduct;
    const matcher = product ? ctx.variantsOf.get(product) : undefined;
    // The trims line: each value names exactly one variant, all different.
    const named = row.values.map((v) => matcher?.inText(v.text) ?? []);
    if (named.every((ids) => ids.length === 1) && new Set(named.map((ids) => ids[0])).size === named.length) {
      columns = { ids: named.map((ids) => ids[0]!), names: row.values.map((v) => v.text.trim()) };
      keep();
      continue;
    }
    const labels = row.label.split(SEPARATOR).map((l) => l.trim());
    if (labels.length === row.values.length && labels.every(Boolean)) {
      row.values.forEach((_, i) => {
        out.push(cell(segment, row, i, labels[i]!));
        outReadings.push(reading);
      });
      continue;
    }
    if (columns && columns.ids.length === row.values.length) {
      row.values.forEach((_, i) => {
        out.push(cell(segment, row, i, row.label, columns!.names[i]));
        outReadings.push(reading);
      });
      continue;
    }
    keep();
  }
  return { segments: out, readings: outReadings };
}
