import { isImageLocation, type Location } from '../types.js';

/**
 * "12:7"; for an image "@10,20 120x40 conf 87"; for a PDF "p3 @56,120 200x14" (points from the
 * page's top-left corner); for a Word draft "¶12:7" (paragraph 12).
 */
export function locationText(location: Location): string {
  if (isImageLocation(location)) {
    const b = location.bbox;
    const conf = location.confidence !== undefined ? ` conf ${Math.round(location.confidence)}` : '';
    const page = location.page !== undefined ? `p${location.page} ` : '';
    return `${page}@${Math.round(b.x0)},${Math.round(b.y0)} ${Math.round(b.x1 - b.x0)}x${Math.round(b.y1 - b.y0)}${conf}`;
  }
  if (location.paragraph !== undefined) return `¶${location.paragraph}:${location.column}`;
  return `${location.line}:${location.column}`;
}
