import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readUserFile } from '../util/read-text.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';
import { CONFIG_NAMES, type Config } from './model.js';

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const BUILT_IN_PACKS = /^[a-z][a-z0-9-]*$/;

/** Parses and validates a config file's text; paths become absolute, relative to the file. */
export function parseConfig(text: string, file: string): Config {
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(file, parsed.problems, `${file}: not valid YAML or JSON`);
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(file, [
      { path: '', message: 'a config file must be a mapping (spec, inputs, packs, ...)' },
    ]);
  }
  const problems = validateSchema('config', data, parsed);
  if (problems.length) throw new ConfigError(file, problems);
  const raw = data as Omit<Config, 'dir' | 'file'>;
  const dir = dirname(file);
  const abs = (p: string) => (isUrl(p) || isAbsolute(p) ? p : resolve(dir, p));
  return {
    ...raw,
    file,
    dir,
    ...(raw.spec ? { spec: abs(raw.spec) } : {}),
    ...(raw.specs ? { specs: raw.specs.map(abs) } : {}),
    ...(raw.inputs ? { inputs: raw.inputs.map((i) => (i === '-' ? i : abs(i))) } : {}),
    ...(raw.assets ? { assets: abs(raw.assets) } : {}),
    ...(raw.baseline ? { baseline: abs(raw.baseline) } : {}),
    // A built-in pack is a name; anything with a slash or .yaml is a path to the user's own pack.
    ...(raw.packs ? { packs: raw.packs.map((p) => (BUILT_IN_PACKS.test(p) ? p : abs(p))) } : {}),
    ...(raw.channels
      ? {
          channels: raw.channels.map((c) => ({
            ...c,
            match: c.match.map((m) => (isUrl(m) ? m : abs(m))),
          })),
        }
      : {}),
  };
}

/** The config named by --config, or claimlint.config.{yaml,yml,json} in the working directory. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<Config | undefined> {
  const file = explicit
    ? resolve(cwd, explicit)
    : CONFIG_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (!file) return undefined;
  const text = await readUserFile(file, 'config');
  return parseConfig(text, file);
}
