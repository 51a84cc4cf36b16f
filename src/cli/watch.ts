import { resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import { packageRoot } from '../data/package-root.js';
import type { Io } from './io.js';
import { reportError } from './main.js';
import type { ScanRun } from './scan-command.js';

const GLOB_CHARS = /[*?[\]{}!]/;

/** The folder or file to watch for an input: a glob is watched from its static prefix. */
function watchRoot(input: string, cwd: string): string {
  if (!GLOB_CHARS.test(input)) return resolve(cwd, input);
  const parts = input.split(/[\\/]/);
  const fixed = parts.slice(
    0,
    parts.findIndex((p) => GLOB_CHARS.test(p)),
  );
  return resolve(cwd, fixed.join('/') || '.');
}

/** Everything a run read from disk: local inputs, spec, config, the user's packs, asset registry, baseline. */
export function watchedPaths(scanRun: ScanRun, args: Record<string, unknown>, io: Io): string[] {
  const { run } = scanRun;
  const paths = run.inputs
    .filter((i) => i !== '-' && !/^https?:\/\//i.test(i))
    .map((i) => watchRoot(i, io.cwd));
  for (const spec of run.specs) if (spec.path) paths.push(resolve(io.cwd, spec.path));
  if (run.config?.file) paths.push(run.config.file);
  // Built-in packs only change with claimlint itself.
  for (const p of run.packs) if (!resolve(p.file).startsWith(packageRoot + sep)) paths.push(resolve(p.file));
  const assets = args.assets ? resolve(io.cwd, args.assets as string) : run.config?.assets;
  if (assets) paths.push(assets);
  const baseline = args.baseline ? resolve(io.cwd, args.baseline as string) : run.config?.baseline;
  if (baseline) paths.push(baseline);
  return [...new Set(paths)];
}

/** What the run itself writes: reacting to it would scan for ever. */
function ownOutputs(scanRun: ScanRun, args: Record<string, unknown>, io: Io): (path: string) => boolean {
  const files = new Set(scanRun.formats.filter((f) => f.file).map((f) => resolve(io.cwd, f.file!)));
  const folders = [
    ...(args.bundle ? [resolve(io.cwd, args.bundle as string)] : []),
    ...(scanRun.run.images.cacheDir ? [scanRun.run.images.cacheDir] : []),
    ...(scanRun.run.images.workDir ? [scanRun.run.images.workDir] : []),
  ];
  return (path: string) => {
    const p = resolve(path);
    if (files.has(p)) return true;
    // writeFileAtomic's temporary files, and the folder everything installs into.
    if (/\.[0-9a-f]{12}\.tmp$/.test(p) || p.split(sep).includes('node_modules')) return true;
    return folders.some((f) => p === f || p.startsWith(f + sep));
  };
}

/**
 * `scan --watch`: scan, then scan again whenever something the run read changes. The results cache
 * makes a rescan extract only the documents that changed (and never OCR an image twice); the
 * cross-document rules and the report always cover the whole set. Runs until SIGINT or SIGTERM.
 */
export async function watchScans(
  args: Record<string, unknown>,
  io: Io,
  scanOnce: (override: Record<string, unknown>) => Promise<ScanRun>,
): Promise<ScanRun> {
  const clears = (r: ScanRun) => io.stdoutIsTTY && r.formats.some((f) => f.name === 'stylish' && !f.file);
  let last = await scanOnce({});
  const ignored = ownOutputs(last, args, io);
  const watcher = watch(watchedPaths(last, args, io), {
    ignoreInitial: true,
    ignored,
    // Editors save in several writes: wait until the file stops changing.
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  });
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rescan = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (clears(last)) io.stdout('\x1b[2J\x1b[3J\x1b[H');
        try {
          last = await scanOnce({});
        } catch (error) {
          // A broken spec or config while editing: say so and keep watching.
          io.exitCode = reportError(error, io);
        }
        io.stderr('claimlint: watching for changes (Ctrl-C to stop)\n');
      } while (again);
    } finally {
      running = false;
    }
  };
  const changed = (path: string) => {
    if (ignored(path)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void rescan(), 50);
  };
  watcher.on('add', changed).on('change', changed).on('unlink', changed);
  await new Promise<void>((ready) => watcher.on('ready', () => ready()));
  io.stderr('claimlint: watching for changes (Ctrl-C to stop)\n');
  await new Promise<void>((stop) => {
    const end = () => {
      process.off('SIGINT', end);
      process.off('SIGTERM', end);
      stop();
    };
    process.on('SIGINT', end);
    process.on('SIGTERM', end);
  });
  clearTimeout(timer);
  await watcher.close();
  return last;
}
