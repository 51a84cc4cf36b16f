import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RULES } from '../check/index.js';
import { packagePath } from '../data/package-root.js';
import { loadSharp } from '../extract/image/sharp.js';
import { renderPdfPages } from '../extract/pdf/read.js';
import { docsUrl, type EmbeddedImage, type RuleDoc } from '../report/format.js';
import { isImageLocation, type Report } from '../types.js';

/** Rule metadata and docs pages, for formats that carry help (SARIF). */
export function ruleDocs(): RuleDoc[] {
  return RULES.map((r) => {
    const file = packagePath(r.meta.docs);
    return {
      id: r.meta.id,
      severity: r.meta.severity,
      description: r.meta.description,
      markdown: existsSync(file) ? readFileSync(file, 'utf8') : r.meta.description,
      helpUri: docsUrl(r.meta.id),
    };
  });
}

/**
 * Downscaled copies of the images that findings point at, for the HTML report (which must be
 * self-contained). Only local files are read; an image that cannot be read is simply not shown.
 */
export async function embeddedImages(
  report: Report,
  cwd: string,
  fetched?: Map<string, Uint8Array>,
): Promise<Record<string, EmbeddedImage>> {
  const out: Record<string, EmbeddedImage> = {};
  const uris = new Set(
    report.findings
      .filter((f) => report.documents.some((d) => d.uri === f.uri && d.kind === 'image'))
      .map((f) => f.uri),
  );
  // A PDF's pages that findings point at, as pictures: the report draws the region on the page.
  const pdfPages = new Map<string, Set<number>>();
  for (const f of report.findings) {
    const page = isImageLocation(f.location) ? f.location.page : undefined;
    if (page === undefined || /^[a-z]+:/i.test(f.uri)) continue;
    if (!report.documents.some((d) => d.uri === f.uri && d.kind === 'pdf')) continue;
    pdfPages.set(f.uri, (pdfPages.get(f.uri) ?? new Set()).add(page));
  }
  for (const [uri, pages] of pdfPages) {
    try {
      const rendered = await renderPdfPages(
        fetched?.get(uri) ?? new Uint8Array(await readFile(resolve(cwd, uri))),
        [...pages],
        900,
      );
      const sharp = await loadSharp();
      for (const [n, r] of rendered) {
        const jpeg = await sharp(r.png).flatten({ background: '#ffffff' }).jpeg({ quality: 72 }).toBuffer();
        out[`${uri}#page=${n}`] = {
          dataUri: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
          width: r.width,
          height: r.height,
        };
      }
    } catch {
      // Not renderable: the finding is still listed with its page and box.
    }
  }
  for (const uri of uris) {
    try {
      const bytes =
        fetched?.get(uri) ??
        (/^[a-z]+:/i.test(uri) ? undefined : new Uint8Array(await readFile(resolve(cwd, uri))));
      if (!bytes) continue;
      const sharp = await loadSharp();
      const meta = await sharp(bytes, { limitInputPixels: 40_000_000, pages: 1 }).rotate().metadata();
      const jpeg = await sharp(bytes, { limitInputPixels: 40_000_000, pages: 1 })
        .rotate()
        .flatten({ background: '#ffffff' })
        .resize({ width: 900, withoutEnlargement: true })
        .jpeg({ quality: 72 })
        .toBuffer();
      const rotated = (meta.orientation ?? 1) >= 5;
      out[uri] = {
        dataUri: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
        width: (rotated ? meta.height : meta.width) ?? 1,
        height: (rotated ? meta.width : meta.height) ?? 1,
      };
    } catch {
      // Not embeddable: the finding is still listed with its box coordinates.
    }
  }
  return out;
}
