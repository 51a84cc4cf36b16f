import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOUR = 60 * 60 * 1000;
/** The file whose time says when the folder was last pruned. */
const STAMP = '.pruned';

export interface PruneOptions {
  now?: number;
  /** prune at most this often (default: an hour): listing a large cache costs a one-page run time */
  everyMs?: number;
}

export interface PruneResult {
  /** whether the folder was listed this time (not within `everyMs` of the last time) */
  checked: boolean;
  removed: number;
  /** the entries' size after pruning */
  bytes: number;
}

/**
 * Keeps a cache folder (files in subfolders: the results cache's packs) under `maxBytes`:
 * when it is over, the files used longest ago go (a hit refreshes its pack's time) until it is
 * under four fifths of the bound, so that the next runs do not prune again at once. A site of
 * 10,000 pages writes about 1.5 GB of results; without a bound a CI cache grows with every
 * claimlint version and spec vocabulary. An entry another run is writing or reading at the same
 * time may go: that run then only extracts the document again.
 */
export function pruneCache(folder: string, maxBytes: number, options: PruneOptions = {}): PruneResult {
  const now = options.now ?? Date.now();
  const stamp = join(folder, STAMP);
  try {
    if (now - statSync(stamp).mtimeMs < (options.everyMs ?? HOUR))
      return { checked: false, removed: 0, bytes: 0 };
  } catch {
    // never pruned
  }
  const entries: { path: string; size: number; used: number }[] = [];
  let bytes = 0;
  let subfolders: string[] = [];
  try {
    subfolders = readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return { checked: true, removed: 0, bytes: 0 };
  }
  for (const sub of subfolders) {
    let names: string[] = [];
    try {
      names = readdirSync(join(folder, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(folder, sub, name);
      try {
        const st = statSync(path);
        if (!st.isFile()) continue;
        entries.push({ path, size: st.size, used: st.mtimeMs });
        bytes += st.size;
      } catch {
        // gone meanwhile
      }
    }
  }
  let removed = 0;
  if (bytes > maxBytes) {
    entries.sort((a, b) => a.used - b.used);
    const target = maxBytes * 0.8;
    for (const e of entries) {
      if (bytes <= target) break;
      try {
        rmSync(e.path, { force: true });
        bytes -= e.size;
        removed++;
      } catch {
        // a cache that cannot be pruned only takes room
      }
    }
  }
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(stamp, '');
  } catch {
    // read-only: it is listed again next time
  }
  return { checked: true, removed, bytes };
}
