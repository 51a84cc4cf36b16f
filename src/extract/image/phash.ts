import type { Sharp } from 'sharp';
import { loadSharp } from './sharp.js';

/**
 * A difference hash (dHash): the picture shrunk to 17x16 grey pixels, one bit per horizontal
 * neighbour pair (is the left one brighter?). Resizing and re-encoding barely move it; an
 * unrelated picture differs in about half of the 256 bits.
 */
const W = 17;
const H = 16;
export const HASH_BITS = (W - 1) * H;

export type ImageHash = Uint8Array;

async function dhash(input: Buffer | Sharp): Promise<ImageHash> {
  const img = Buffer.isBuffer(input) ? (await loadSharp())(input) : input;
  const px = await img.greyscale().resize(W, H, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
  const bits = new Uint8Array(HASH_BITS);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W - 1; x++) bits[y * (W - 1) + x] = px[y * W + x]! > px[y * W + x + 1]! ? 1 : 0;
  return bits;
}

export function hamming(a: ImageHash, b: ImageHash): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

export interface HashSet {
  /** the whole picture, after trimming a uniform border */
  full: ImageHash;
  /** centre crops: a lightly cropped copy still matches one of them */
  crops: ImageHash[];
}

/** Hashes of a decoded PNG: trimmed whole, and centre crops at 90% and 80%. */
export async function hashImage(png: Buffer): Promise<HashSet> {
  const sharp = await loadSharp();
  let base = png;
  try {
    base = await sharp(png).trim({ threshold: 12 }).png().toBuffer();
  } catch {
    // A uniform image has nothing to trim.
  }
  const meta = await sharp(base).metadata();
  const w = meta.width ?? 1;
  const h = meta.height ?? 1;
  const crop = async (f: number) => {
    const cw = Math.max(1, Math.round(w * f));
    const ch = Math.max(1, Math.round(h * f));
    return dhash(
      sharp(base).extract({
        left: Math.floor((w - cw) / 2),
        top: Math.floor((h - ch) / 2),
        width: cw,
        height: ch,
      }),
    );
  };
  return { full: await dhash(base), crops: [await crop(0.9), await crop(0.8)] };
}

/** Smallest distance between two pictures, allowing either to be a light crop of the other. */
export function distance(a: HashSet, b: HashSet): number {
  let best = hamming(a.full, b.full);
  for (const c of b.crops) best = Math.min(best, hamming(a.full, c));
  for (const c of a.crops) best = Math.min(best, hamming(c, b.full));
  return best;
}

/** Matches at or below this many differing bits of 256 are the same picture. */
export const MATCH_THRESHOLD = 40;
