import { extname } from 'node:path';
import type { DocumentKind } from '../types.js';

const BY_EXTENSION: Record<string, DocumentKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
};

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif', '.tif', '.tiff', '.svg'];

/** Extensions a folder scan picks up. */
export const SCANNED_EXTENSIONS = [...Object.keys(BY_EXTENSION), ...IMAGE_EXTENSIONS];

export function kindFromName(name: string): DocumentKind | undefined {
  const ext = extname(name.split(/[?#]/)[0] ?? name).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(ext)) return 'image';
  return BY_EXTENSION[ext];
}

export function kindFromMediaType(mediaType: string | undefined): DocumentKind | undefined {
  const t = (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (t === 'text/markdown') return 'markdown';
  if (t === 'text/plain') return 'text';
  if (t.startsWith('image/')) return 'image';
  return undefined;
}

/** For stdin and unknown names: markup looks like markup. */
export function sniffKind(text: string): DocumentKind {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /<(body|div|p|h1|section|table)[\s>]/.test(head)
  )
    return 'html';
  if (/^#{1,6}\s|\n#{1,6}\s|\n\|.*\|\n/.test(head)) return 'markdown';
  return 'text';
}
