import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const roots = new Map<string, string | undefined>();

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree). */
export function findRepoRoot(dir: string): string | undefined {
  const start = resolve(dir);
  if (roots.has(start)) return roots.get(start);
  const parent = dirname(start);
  const found = existsSync(join(start, '.git')) ? start : parent === start ? undefined : findRepoRoot(parent);
  roots.set(start, found);
  return found;
}

/** What SARIF's %SRCROOT% stands for: the repository the run is in, else the working directory. */
export function sourceRoot(cwd: string): string {
  return findRepoRoot(cwd) ?? resolve(cwd);
}

const isUrl = (uri: string) => /^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri);

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The name of a document that does not depend on where the checkout is. A file the report names
 * by an absolute path (it is outside the working directory) is named by its path inside its git
 * repository, so the same tree cloned at two paths (two CI runners, a laptop) gives the same
 * fingerprints, and the same as a run from the repository's root. Relative names (files under
 * the working directory), URLs and stdin stay as they are, so existing baselines keep matching;
 * a fragment (#image-2) is kept.
 */
export function stableUri(cwd: string): (uri: string) => string {
  const cache = new Map<string, string>();
  return (uri) => {
    if (isUrl(uri) || uri.startsWith('<') || !isAbsolute(uri)) return uri;
    let name = cache.get(uri);
    if (name !== undefined) return name;
    const hash = uri.indexOf('#');
    const path = hash === -1 ? uri : uri.slice(0, hash);
    const fragment = hash === -1 ? '' : uri.slice(hash);
    const abs = resolve(cwd, path);
    const root = findRepoRoot(dirname(abs));
    name = root ? `${relative(root, abs).split(sep).join('/')}${fragment}` : uri;
    cache.set(uri, name);
    return name;
  };
}
