import type { Metadata } from 'sharp';
import { ChildRenderTimeout, renderInChild } from './render-child.js';
import { loadSharp } from './sharp.js';

export interface DecodeLimits {
  /** largest decoded size, all frames of an animation counted */
  maxPixels: number;
  /** per image, in milliseconds */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxPixels: 40_000_000, timeoutMs: 20_000 };

export interface DecodedImage {
  /** the first frame, auto-oriented, flattened on white, re-encoded as PNG by sharp */
  png: Buffer;
  width: number;
  height: number;
  format: string;
}

export class ImageError extends Error {
  override name = 'ImageError';
}

const timedOut = (ms: number) =>
  new ImageError(
    `decoding the image took longer than ${Math.round(ms / 1000)} s (config ocr.timeoutSeconds)`,
  );

/** Rejects after `ms`, saying the image took longer than `limitMs` (the configured limit). */
function withTimeout<T>(promise: Promise<T>, ms: number, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(limitMs)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const m = (error as Error)?.message ?? String(error);
  if (/unsupported image format|Input buffer contains unsupported/i.test(m))
    return 'not an image (unsupported or unrecognised format)';
  if (/pixel limit/i.test(m)) return 'image is larger than the pixel limit';
  if (/premature end|truncated|VipsJpeg|Read error|corrupt|bad|invalid|not a valid/i.test(m))
    return `corrupt or truncated image (${m.split('\n')[0]})`;
  return m.split('\n')[0] ?? m;
}

/**
 * Decodes an untrusted image safely: the header is read first and a decompression bomb (or an
 * animation whose frames add up past the limit) is refused before any pixel is decoded; decoding
 * is strict (a truncated file fails) and bounded in time (an SVG renders in a child process that is
 * killed when its time is up, see renderInChild). The result is re-encoded by sharp, so
 * OCR only ever sees a clean PNG buffer, never a path or a URL.
 */
export async function decodeImage(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_LIMITS,
): Promise<DecodedImage> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const work = async (): Promise<DecodedImage> => {
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      meta = await sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata();
    } catch (error) {
      throw new ImageError(describe(error));
    }
    if (!meta.width || !meta.height) throw new ImageError('not an image (no dimensions)');
    const frames = meta.pages ?? 1;
    const frameHeight = meta.pageHeight ?? meta.height;
    const pixels = meta.width * frameHeight * frames;
    if (pixels > limits.maxPixels) {
      throw new ImageError(
        `image is ${meta.width}x${frameHeight}${frames > 1 ? ` x ${frames} frames` : ''} = ${(pixels / 1e6).toFixed(1)} MP, over the ${(limits.maxPixels / 1e6).toFixed(0)} MP limit (a decompression bomb or an oversized image)`,
      );
    }
    if (meta.format === 'svg') {
      // An SVG's rendering cost has no bound its header can tell: it renders where it can be killed.
      try {
        const r = await renderInChild(input, {
          maxPixels: limits.maxPixels,
          timeoutMs: limits.timeoutMs,
          density: 144,
        });
        return { png: r.png, width: r.width, height: r.height, format: 'svg' };
      } catch (error) {
        if (error instanceof ChildRenderTimeout) throw timedOut(limits.timeoutMs);
        throw new ImageError(describe(error));
      }
    }
    try {
      const { data, info } = await sharp(input, {
        limitInputPixels: limits.maxPixels,
        failOn: 'warning',
        pages: 1,
      })
        .rotate()
        .flatten({ background: '#ffffff' })
        .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) })
        .png({ compressionLevel: 1 })
        .toBuffer({ resolveWithObject: true });
      return { png: data, width: info.width, height: info.height, format: meta.format ?? 'unknown' };
    } catch (error) {
      throw new ImageError(describe(error));
    }
  };
  // A raster image's decoding is bounded by its pixels (checked above); the race is a last guard.
  // An SVG's child has its own timer a little earlier, so it is the one that reports.
  return withTimeout(work(), limits.timeoutMs + 1000, limits.timeoutMs);
}
