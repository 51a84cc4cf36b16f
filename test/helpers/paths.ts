import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoDir = join(repoRoot, 'examples', 'aion-ut-super');
export const demoSpec = join(demoDir, 'spec.yaml');
/** Real pages saved from the web; CI has them, a user's fresh clone may not. */
export const realPagesDir = resolve(repoRoot, '..', 'shared', 'real-pages');
export const hasRealPages = existsSync(join(realPagesDir, 'dongchedi-accord.html'));

export function fixture(testFileUrl: string, ...parts: string[]): string {
  return join(dirname(fileURLToPath(testFileUrl)), 'fixtures', ...parts);
}

/** The .html files under a folder, at any depth, as paths relative to the repository. */
export const htmlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return f.endsWith('.html') ? [relative(repoRoot, p)] : [];
  });
