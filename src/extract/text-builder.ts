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
  private readonly parts: string[] = [];
  private length = 0;
  private pendingSpace = false;
  readonly pieces: SegmentPiece[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** Appends a source text; rawStart is its offset in the file when the raw text equals `data`. */
  append(data: string, rawStart: number | undefined, fallback?: { line: number; column: number }): void {
    let newPiece = true;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (/\s/.test(ch)) {
        if (this.length > 0) this.pendingSpace = true;
        if (ch === '\n' && rawStart !== undefined) newPiece = true;
        continue;
      }
      if (this.pendingSpace) {
        this.parts.push(' ');
        this.length++;
        this.pendingSpace = false;
      }
      if (newPiece) {
        const pos = rawStart !== undefined ? this.lines.at(rawStart + i) : fallback;
        if (pos) this.pieces.push({ offset: this.length, line: pos.line, column: pos.column });
        newPiece = false;
      }
      this.parts.push(ch);
      this.length++;
    }
  }

  /** A word boundary between inline elements ("<b>A</b><b>B</b>" stays "AB"; a cell edge is a space). */
  space(): void {
    if (this.length > 0) this.pendingSpace = true;
  }

  get text(): string {
    return this.parts.join('');
  }

  get empty(): boolean {
    return this.length === 0;
  }
}
