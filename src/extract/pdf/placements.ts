import type { BBox } from '../../types.js';

/** The operator codes of pdf.js that matter for where images are painted (pdfjs OPS). */
export interface PlacementOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageXObjectRepeat: number;
}

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/**
 * Where a page paints its images, in the coordinates of `pageTransform` (the viewport's: points
 * from the top-left corner). An image is painted into the unit square of the current
 * transformation matrix, which is followed through save/restore, cm and form XObjects.
 */
export function imagePlacements(
  fnArray: number[],
  argsArray: unknown[][],
  ops: PlacementOps,
  pageTransform: number[],
): BBox[] {
  let ctm = pageTransform.slice(0, 6) as Matrix;
  const stack: Matrix[] = [];
  const out: BBox[] = [];
  const unitSquare = (m: Matrix): BBox => {
    const pts = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
    return {
      x0: Math.min(...pts.map((p) => p[0])),
      y0: Math.min(...pts.map((p) => p[1])),
      x1: Math.max(...pts.map((p) => p[0])),
      y1: Math.max(...pts.map((p) => p[1])),
    };
  };
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] ?? [];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0] as number[] | undefined;
      if (Array.isArray(m) && m.length === 6) ctm = multiply(ctm, m as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.paintImageXObject || fn === ops.paintInlineImageXObject) out.push(unitSquare(ctm));
    else if (fn === ops.paintImageXObjectRepeat) {
      // [objId, scaleX, scaleY, positions]: one image painted at several places.
      const [, sx, sy, positions] = args as [unknown, number, number, number[]];
      for (let p = 0; p + 1 < (positions?.length ?? 0); p += 2) {
        out.push(unitSquare(multiply(ctm, [sx, 0, 0, sy, positions[p]!, positions[p + 1]!])));
      }
    }
  });
  return out;
}
