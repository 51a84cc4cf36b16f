import type sharpModule from 'sharp';

export type SharpFn = typeof sharpModule;

let loading: Promise<SharpFn> | undefined;

/**
 * sharp (libvips) on first use: loading it costs start-up time that a scan of text pages, and
 * every command that reads no image, should not pay.
 */
export function loadSharp(): Promise<SharpFn> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
