import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

/** An ignore pattern and the folder it is relative to (the working directory, or the config's). */
export interface IgnorePattern {
  pattern: string;
  base: string;
}

/**
 * What `--ignore` and the config's `ignore:` leave out of folder and glob expansion. A pattern
 * with a slash is a glob relative to its base ("drafts/**"); one without matches a file or folder
 * name anywhere below the base ("*.css", "archive").
 */
export function ignoreMatcher(patterns: IgnorePattern[]): (path: string) => boolean {
  const compiled = patterns.map(({ pattern, base }) => {
    const bare = !pattern.replace(/\/+$/, '').includes('/');
    const clean = pattern.replace(/\/+$/, '');
    if (bare) {
      const m = picomatch(clean, { dot: true });
      return (path: string) => {
        const rel = relative(base, path);
        if (rel.startsWith('..') || isAbsolute(rel)) return m(basename(path));
        return rel.split(sep).some((part) => m(part));
      };
    }
    const abs = (isAbsolute(clean) ? clean : resolve(base, clean)).split(sep).join('/');
    const m = picomatch(abs, { dot: true });
    const inside = picomatch(`${abs}/**`, { dot: true });
    return (path: string) => {
      const p = path.split(sep).join('/');
      return m(p) || inside(p);
    };
  });
  return (path) => compiled.some((m) => m(path));
}
