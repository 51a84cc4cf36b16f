import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { featureCatalog } from '../data/catalog.js';
import { ConfigError, type ProblemDetail } from '../errors.js';
import { decodeImage } from '../extract/image/decode.js';
import { type HashSet, hashImage } from '../extract/image/phash.js';
import { nearest } from '../util/nearest.js';
import { readUserFile } from '../util/read-text.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';

export interface RegisteredAsset {
  /** as written in the registry */
  file: string;
  path: string;
  depicts: string[];
  hashes: HashSet;
}

/**
 * Loads the asset registry: validates it, checks that every depicted feature is a known key, and
 * hashes every picture. A registry that points at a missing or unreadable picture is a config
 * error: an asset that silently matches nothing would switch the check off.
 */
export async function loadAssets(file: string, extraFeatures: string[] = []): Promise<RegisteredAsset[]> {
  const text = await readUserFile(file, 'asset registry');
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(file, parsed.problems);
  const problems = validateSchema('asset-registry', parsed.data, parsed);
  if (problems.length) throw new ConfigError(file, problems);
  const data = parsed.data as { assets: { file: string; depicts: string[] }[] };
  const known = [...featureCatalog().keys(), ...extraFeatures];
  const out: RegisteredAsset[] = [];
  const more: ProblemDetail[] = [];
  for (const [i, a] of data.assets.entries()) {
    for (const [j, f] of a.depicts.entries()) {
      if (!known.includes(f)) {
        const guess = nearest(f, known);
        more.push({
          path: `/assets/${i}/depicts/${j}`,
          message: `"${f}" is not a feature key`,
          ...(guess ? { hint: `did you mean "${guess}"?` } : {}),
          ...parsed.locate(['assets', i, 'depicts', j]),
        });
      }
    }
    const path = resolve(dirname(file), a.file);
    try {
      const decoded = await decodeImage(new Uint8Array(await readFile(path)));
      out.push({ file: a.file, path, depicts: a.depicts, hashes: await hashImage(decoded.png) });
    } catch (error) {
      more.push({
        path: `/assets/${i}/file`,
        message: `cannot use ${a.file}: ${(error as Error).message}`,
        ...parsed.locate(['assets', i, 'file']),
      });
    }
  }
  if (more.length) throw new ConfigError(file, more);
  return out;
}
