import { isImageLocation, type Location } from '../types.js';

/** "12:7", or for an image "image x=10 y=20 120x40 (conf 87)". */
export function locationText(location: Location): string {
  if (isImageLocation(location)) {
    const b = location.bbox;
    const conf = location.confidence !== undefined ? ` conf ${Math.round(location.confidence)}` : '';
    return `@${Math.round(b.x0)},${Math.round(b.y0)} ${Math.round(b.x1 - b.x0)}x${Math.round(b.y1 - b.y0)}${conf}`;
  }
  return `${location.line}:${location.column}`;
}
