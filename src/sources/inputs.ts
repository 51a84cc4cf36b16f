import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type IgnorePattern, ignoreMatcher } from './ignore.js';
import { kindFromName, skipReason } from './kinds.js';

/** One thing to scan, or the reason it cannot be scanned (which becomes an input-error). */
export type InputEntry =
  | { type: 'file'; uri: string; path: string }
  | { type: 'stdin'; uri: string }
  | { type: 'url'; uri: string }
  | { type: 'error'; uri: string; error: string }
  /** a file of a type claimlint does not read, met while expanding a folder or glob */
  | { type: 'skipped'; uri: string; path: string; reason: string };

export interface ExpandOptions {
  /** left out of folder and glob expansion on purpose (--ignore, the config's ignore:) */
  ignore?: IgnorePattern[];
  /**
   * The run's own files (spec, config, baseline, packs, asset registry, report outputs), absolute:
   * met while expanding a folder they are neither read as marketing copy nor listed as skipped.
   */
  own?: string[];
}

/** How a path is named in reports: relative to the working directory, with forward slashes. */
export function uriForPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return path.split(sep).join('/');
}

const IGNORED_DIRS = ['**/node_modules/**', '**/.git/**'];

/**
 * Files, folders (recursively), globs, URLs and '-' for stdin, in a stable order. A path that does
 * not exist or a glob that matches nothing is an entry with an error, never a silent skip.
 */
export async function expandInputs(
  inputs: string[],
  cwd: string,
  options: ExpandOptions = {},
): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  const seen = new Set<string>();
  const add = (e: InputEntry) => {
    if (seen.has(e.uri)) return;
    seen.add(e.uri);
    out.push(e);
  };
  const ignored = ignoreMatcher(options.ignore ?? []);
  const own = new Set((options.own ?? []).map((f) => resolve(f)));
  /** A file found by expansion: read if claimlint reads its type, else listed as skipped. */
  const found = (m: string) => {
    if (ignored(m) || own.has(resolve(m))) return;
    const uri = uriForPath(m, cwd);
    if (kindFromName(m)) add({ type: 'file', uri, path: m });
    else add({ type: 'skipped', uri, path: m, reason: skipReason(m) });
  };
  for (const input of inputs) {
    if (input === '-') {
      add({ type: 'stdin', uri: '<stdin>' });
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      add({ type: 'url', uri: input });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && !/^[a-z]:[\\/]/i.test(input)) {
      add({
        type: 'error',
        uri: input,
        error: `unsupported scheme in "${input}": only files, http and https`,
      });
      continue;
    }
    const path = resolve(cwd, input);
    let info: Awaited<ReturnType<typeof stat>> | undefined;
    try {
      info = await stat(path);
    } catch (error) {
      if (isDynamicPattern(input)) {
        const matches = (
          await glob(input, { cwd, absolute: true, onlyFiles: true, ignore: IGNORED_DIRS })
        ).sort();
        if (!matches.length)
          add({ type: 'error', uri: input, error: `the pattern "${input}" matches no files` });
        for (const m of matches) found(m);
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      add({
        type: 'error',
        uri: uriForPath(path, cwd),
        error:
          code === 'ENOENT'
            ? `no such file or folder: ${input}`
            : `cannot read ${input}: ${code ?? String(error)}`,
      });
      continue;
    }
    if (info.isDirectory()) {
      // Every file, so that the ones claimlint does not read are listed as skipped.
      const matches = (
        await glob('**/*', {
          cwd: path,
          absolute: true,
          onlyFiles: true,
          ignore: IGNORED_DIRS,
          caseSensitiveMatch: false,
        })
      ).sort();
      const kept = matches.filter((m) => !ignored(m));
      if (!kept.some((m) => kindFromName(m)))
        add({
          type: 'error',
          uri: uriForPath(path, cwd),
          error: `the folder ${input} holds nothing to scan`,
        });
      for (const m of kept) found(m);
    } else {
      add({ type: 'file', uri: uriForPath(path, cwd), path });
    }
  }
  return out;
}
