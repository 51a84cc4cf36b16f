import { rmSync } from 'node:fs';

/**
 * Temporary files that exist right now (atomic writes in progress). They are removed when the
 * process ends: on errors (by their writer), on process.exit, and on SIGINT/SIGTERM/SIGHUP, which
 * would otherwise end the process with the temporary file left beside its target.
 */
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeAll(): void {
  for (const file of live) rmSync(file, { force: true });
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  // Another listener (serve, --watch) ends the process its own way; otherwise die of the signal as
  // if no listener had been installed, so the shell sees 130 for Ctrl-C.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeAll);
}
function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off('exit', removeAll);
}

/** Registers a temporary file; call the returned function once it is renamed or removed. */
export function trackTemporary(file: string): () => void {
  live.add(file);
  install();
  return () => {
    live.delete(file);
    if (!live.size) uninstall();
  };
}

/** The temporary files alive now (for tests). */
export function liveTemporaries(): string[] {
  return [...live];
}
