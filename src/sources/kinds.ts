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
  '.pdf': 'pdf',
  '.docx': 'docx',
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
  if (t === 'application/pdf') return 'pdf';
  if (t === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (t.startsWith('image/')) return 'image';
  return undefined;
}

/** For stdin and unknown names: a PDF starts with its signature. */
export function sniffBinaryKind(bytes: Uint8Array): DocumentKind | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-') ? 'pdf' : undefined;
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

/** Why a file met while expanding a folder or glob is not read: listed in the report as skipped. */
export function skipReason(name: string): string {
  const ext = extname(name).toLowerCase();
  const hint: Record<string, string> = {
    '.doc': 'Word 97-2003 (.doc) is not read: save it as .docx',
    '.rtf': 'RTF is not read: save it as .docx',
    '.odt': 'OpenDocument text is not read: save it as .docx',
    '.pages': 'Pages documents are not read: export them as PDF or .docx',
    '.xls': 'spreadsheets are not scanned (a configuration sheet is a spec: claimlint spec import)',
    '.xlsx': 'spreadsheets are not scanned (a configuration sheet is a spec: claimlint spec import)',
    '.csv': 'spreadsheets are not scanned (a configuration sheet is a spec: claimlint spec import)',
    '.ppt': 'presentations are not read: export them as PDF',
    '.pptx': 'presentations are not read: export them as PDF',
  };
  return (
    hint[ext] ??
    `not a type claimlint reads (${ext || 'no extension'}): it reads .html .htm .md .txt .pdf .docx and images`
  );
}
