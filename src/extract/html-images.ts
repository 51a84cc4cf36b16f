import { textLocation } from './dom.js';
import type { ElementIndex } from './element-index.js';
import type { ImageRef } from './model.js';
import type { SelectorIndex } from './selector-index.js';
import type { LineIndex } from './text-builder.js';

/** The largest candidate of a srcset ("a.jpg 480w, b.jpg 1080w" -> b.jpg). */
export function largestFromSrcset(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = Number.parseFloat(descriptor) * (descriptor.endsWith('w') ? 1 : 1000);
    if (!best || size > best.size) best = { url, size: Number.isFinite(size) ? size : 0 };
  }
  return best?.url;
}

const CSS_URL = /background(?:-image)?\s*:[^;]*?url\(\s*(['"]?)([^'")]+)\1\s*\)/gi;

/** Images a page shows: img src/srcset, picture sources, inline CSS backgrounds, og:image. */
export function imageRefs(elements: ElementIndex, lines: LineIndex, selectors: SelectorIndex): ImageRef[] {
  const refs: ImageRef[] = [];
  const add = (
    url: string | undefined,
    el: Parameters<typeof textLocation>[0],
    via: string,
    alt?: string,
  ) => {
    const u = url?.trim();
    if (!u || u.startsWith('data:image/svg+xml;utf8') || u === '#') return;
    refs.push({ url: u, location: textLocation(el, lines, selectors), via, ...(alt ? { alt } : {}) });
  };
  for (const el of elements.named('img')) {
    const srcset = el.attribs.srcset ? largestFromSrcset(el.attribs.srcset) : undefined;
    add(srcset ?? el.attribs.src ?? el.attribs['data-src'], el, srcset ? 'srcset' : 'img', el.attribs.alt);
  }
  // picture > source
  for (const el of elements.named('source')) {
    const parent = el.parent;
    if (parent && 'name' in parent && parent.name === 'picture' && el.attribs.srcset)
      add(largestFromSrcset(el.attribs.srcset), el, 'picture');
  }
  for (const el of elements.styled) {
    CSS_URL.lastIndex = 0;
    for (let m = CSS_URL.exec(el.attribs.style ?? ''); m; m = CSS_URL.exec(el.attribs.style ?? ''))
      add(m[2], el, 'css');
  }
  for (const el of elements.named('meta')) {
    const name = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase();
    if (name === 'og:image' || name === 'twitter:image') add(el.attribs.content, el, 'og:image');
  }
  return refs;
}
