import { createHash } from 'node:crypto';

/** What a file is in an audit bundle. */
export type BundleRole = 'input' | 'spec' | 'config' | 'pack' | 'assets' | 'report';

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  role: BundleRole;
  /** where it came from: the document URI, or the file as the command line named it */
  source?: string;
  /** a page fetched from the web: when it was fetched */
  fetchedAt?: string;
}

export interface BundleManifest {
  schemaVersion: 1;
  tool: { name: string; version: string };
  asOf: string;
  createdAt: string;
  commandLine: string[];
  spec: { product: string; revision: string; sha256: string };
  /** a run over several products: every spec (spec is the first) */
  specs?: { product: string; revision: string; sha256: string }[];
  files: ManifestFile[];
  /** scanned documents whose bytes are not in the bundle (fetched from the web), with their hash */
  notIncluded: { uri: string; sha256: string; reason: string }[];
}

export const MANIFEST = 'manifest.json';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A path safe to write under the bundle root: relative, forward slashes, no "..". */
export function safeBundlePath(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (!p || p.startsWith('/') || /^[a-z]:/i.test(p)) return undefined;
  const parts = p.split('/');
  if (parts.some((s) => s === '..' || s === '.' || s === '')) return undefined;
  return p;
}

export interface VerifyResult {
  changed: string[];
  missing: string[];
  unexpected: string[];
  invalid: string[];
}

/**
 * Compares a bundle's files with its manifest: every listed file must be there with the same
 * sha256, and nothing may have been added.
 */
export function verifyFiles(manifest: BundleManifest, files: Map<string, Uint8Array>): VerifyResult {
  const result: VerifyResult = { changed: [], missing: [], unexpected: [], invalid: [] };
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!safeBundlePath(f.path)) {
      result.invalid.push(f.path);
      continue;
    }
    listed.add(f.path);
    const bytes = files.get(f.path);
    if (!bytes) result.missing.push(f.path);
    else if (sha256(bytes) !== f.sha256) result.changed.push(f.path);
  }
  for (const path of files.keys()) if (path !== MANIFEST && !listed.has(path)) result.unexpected.push(path);
  for (const list of Object.values(result)) list.sort();
  return result;
}

export function isIntact(r: VerifyResult): boolean {
  return !r.changed.length && !r.missing.length && !r.unexpected.length && !r.invalid.length;
}
