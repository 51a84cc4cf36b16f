import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
