import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  type BundleManifest,
  type BundleRole,
  MANIFEST,
  type ManifestFile,
  safeBundlePath,
  sha256,
} from '../bundle/manifest.js';
import { writeBundleFiles } from '../bundle/store.js';
import type { TextProcessor } from '../pipeline/incremental.js';
import { FORMATTERS } from '../report/index.js';
import type { Report } from '../types.js';
import { sourceRoot } from '../util/repo-root.js';
import { embeddedImages, ruleDocs } from './format-context.js';
import type { Io } from './io.js';

/** Fetched pages as the scan read them (the rendered DOM with --render), for the bundle. */
export class FetchedPages {
  readonly pages = new Map<string, { bytes: Uint8Array; fetchedAt: string }>();

  /** Wraps text extraction to keep every web page's bytes as it goes by. */
  wrap(process: TextProcessor): TextProcessor {
    return (doc, ctx, converted) => {
      if (/^https?:\/\//i.test(doc.uri) && !this.pages.has(doc.uri))
        this.pages.set(doc.uri, { bytes: doc.bytes, fetchedAt: new Date().toISOString() });
      return process(doc, ctx, converted);
    };
  }
}

/** inputs/web/HOST/PATH for a URL, with the query kept readable but safe. */
function webPath(uri: string): string {
  const u = new URL(uri);
  const path = `${u.pathname.endsWith('/') ? `${u.pathname}index.html` : u.pathname}${u.search ? `_${u.search.slice(1)}` : ''}`;
  const clean = path
    .split('/')
    .filter((s) => s && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^\w.\-~=&]/g, '_'))
    .join('/');
  return `inputs/web/${u.host.replace(/[^\w.-]/g, '_')}/${clean || 'index.html'}`;
}

export interface BundleSources {
  fetched?: FetchedPages;
  report: Report;
  /** every spec the run checked against */
  specFiles: string[];
  configFile?: string;
  packFiles: string[];
  assetsFile?: string;
  commandLine: string[];
}

const REPORTS = [
  ['json', 'reports/report.json'],
  ['html', 'reports/report.html'],
  ['sarif', 'reports/report.sarif'],
] as const;

/**
 * An audit bundle: everything a reviewer needs to see what was checked against what, and that
 * nothing changed since: the inputs as scanned, spec, config, packs, asset registry, the reports,
 * and a manifest with the sha256 of every file.
 */
export async function writeAuditBundle(
  target: string,
  sources: BundleSources,
  io: Io,
): Promise<BundleManifest> {
  const files = new Map<string, Uint8Array>();
  const listed: ManifestFile[] = [];
  const add = (path: string, bytes: Uint8Array, role: BundleRole, source?: string, fetchedAt?: string) => {
    if (files.has(path)) return;
    files.set(path, bytes);
    listed.push({
      path,
      sha256: sha256(bytes),
      bytes: bytes.length,
      role,
      ...(source ? { source } : {}),
      ...(fetchedAt ? { fetchedAt } : {}),
    });
  };
  const notIncluded: BundleManifest['notIncluded'] = [];
  for (const doc of sources.report.documents) {
    const fetched = sources.fetched?.pages.get(doc.uri);
    if (fetched) {
      add(webPath(doc.uri), fetched.bytes, 'input', doc.uri, fetched.fetchedAt);
      continue;
    }
    const local = /^[a-z][a-z0-9+.-]*:/i.test(doc.uri) ? undefined : resolve(io.cwd, doc.uri);
    if (!local || !existsSync(local)) {
      notIncluded.push({
        uri: doc.uri,
        sha256: doc.sha256,
        reason: /^https?:/i.test(doc.uri)
          ? 'fetched from the web: only its sha256 is kept'
          : 'not a local file (stdin)',
      });
      continue;
    }
    const bytes = new Uint8Array(await readFile(local));
    // The file may have changed since it was scanned: say so rather than bundle other bytes.
    if (doc.sha256 && sha256(bytes) !== doc.sha256) {
      notIncluded.push({ uri: doc.uri, sha256: doc.sha256, reason: 'changed on disk since the scan' });
      continue;
    }
    const inside = safeBundlePath(doc.uri.replace(/^(\.\.\/)+/, 'parent/'));
    add(`inputs/${inside ?? basename(doc.uri)}`, bytes, 'input', doc.uri);
  }
  const copy = async (file: string | undefined, folder: string, role: BundleRole) => {
    if (!file || !existsSync(file)) return;
    add(`${folder}/${basename(file)}`, new Uint8Array(await readFile(file)), role, file);
  };
  for (const file of sources.specFiles) await copy(file, 'spec', 'spec');
  await copy(sources.configFile, 'config', 'config');
  for (const pack of sources.packFiles) await copy(pack, 'packs', 'pack');
  await copy(sources.assetsFile, 'assets', 'assets');

  const images = await embeddedImages(sources.report, io.cwd);
  for (const [name, path] of REPORTS) {
    const text = FORMATTERS[name]!(sources.report, {
      cwd: io.cwd,
      srcRoot: sourceRoot(io.cwd),
      rules: ruleDocs(),
      images,
      color: false,
    });
    add(path, new TextEncoder().encode(text), 'report');
  }
  const manifest: BundleManifest = {
    schemaVersion: 1,
    tool: sources.report.tool,
    asOf: sources.report.run.asOf,
    createdAt: new Date().toISOString(),
    commandLine: sources.commandLine,
    spec: {
      product: sources.report.spec.product,
      revision: sources.report.spec.revision,
      sha256: sources.report.spec.sha256,
    },
    ...(sources.report.specs
      ? {
          specs: sources.report.specs.map((s) => ({
            product: s.product,
            revision: s.revision,
            sha256: s.sha256,
          })),
        }
      : {}),
    files: listed,
    notIncluded,
  };
  files.set(MANIFEST, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  await writeBundleFiles(target, files);
  return manifest;
}
