import type { SegmentPiece } from '../types.js';

/** Maps offsets in a source file to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/**
 * Collects the text of one block with white space folded, remembering where each source line of
 * it started, so a claim found at offset k of the block maps back to its line and column.
 */
export class TextBuilder {
  private out = '';
  private pendingSpace = false;
  readonly pieces: SegmentPiece[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** Appends a source text; rawStart is its offset in the file when the raw text equals `data`. */
  append(data: string, rawStart: number | undefined, fallback?: { line: number; column: number }): void {
    // Word by word (a run of non-space), not character by character: a page's text goes through
    // here once, and a string a character was most of what building a block's text allocated.
    let newPiece = true;
    let end = 0;
    // Words found by character code, as /\S+/g would find them, without a match array a word.
    const n = data.length;
    for (let start = 0; start < n; ) {
      while (start < n && isWhiteSpace(data.charCodeAt(start))) start++;
      if (start === n) break;
      let stop = start + 1;
      while (stop < n && !isWhiteSpace(data.charCodeAt(stop))) stop++;
      if (this.between(data, end, start, rawStart)) newPiece = true;
      if (this.pendingSpace) {
        this.out += ' ';
        this.pendingSpace = false;
      }
      if (newPiece) {
        const pos = rawStart !== undefined ? this.lines.at(rawStart + start) : fallback;
        if (pos) this.pieces.push({ offset: this.out.length, line: pos.line, column: pos.column });
        newPiece = false;
      }
      this.out += start === 0 && stop === n ? data : data.slice(start, stop);
      end = stop;
      start = stop;
    }
    this.between(data, end, data.length, rawStart);
  }

  /**
   * White space between words folds to one space (none before the block's first word). True when
   * it ends a source line of a file whose offsets are known: the next word starts a new piece.
   */
  private between(data: string, from: number, to: number, rawStart: number | undefined): boolean {
    if (from === to) return false;
    if (this.out.length > 0) this.pendingSpace = true;
    if (rawStart === undefined) return false;
    // Only the white space itself is looked at: `lastIndexOf` from its end ran back to the start of
    // the text whenever the run held no newline, a pass over the text per word of one long line.
    for (let i = from; i < to; i++) if (data.charCodeAt(i) === NEWLINE) return true;
    return false;
  }

  /** A word boundary between inline elements ("<b>A</b><b>B</b>" stays "AB"; a cell edge is a space). */
  space(): void {
    if (this.out.length > 0) this.pendingSpace = true;
  }

  get text(): string {
    return this.out;
  }

  get empty(): boolean {
    return this.out.length === 0;
  }
}

/** A word: what `\s` does not match (the same white space the block's text folds). */
/**
 * What a regular expression's \s matches (ECMAScript's WhiteSpace and LineTerminator): tab, line
 * feed, vertical tab, form feed, carriage return, space, no-break space, ogham space mark, the
 * en quad to hair space, line and paragraph separators, narrow no-break space, medium
 * mathematical space, ideographic space and the byte order mark.
 */
export function isWhiteSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
const NEWLINE = 10;
