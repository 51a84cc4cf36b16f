import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compiledOrParsed } from '../../src/data/bundled.js';
import { t2sTable } from '../../src/data/simplified-chinese.js';
import { folderHash } from '../../src/pipeline/incremental.js';
import { compile, prebuilt } from '../../src/util/schema.js';
import { repoRoot } from '../helpers/paths.js';

describe('compiled bundled data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-compiled-'));
  const yamlPath = join(dir, 'terms.yaml');
  const compiledPath = join(dir, 'terms.yaml.json');
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  it('uses the compiled JSON when its hash matches the YAML', () => {
    writeFileSync(yamlPath, 'a: 1\n');
    // A compiled value that differs from the YAML shows which one was read.
    writeFileSync(compiledPath, `${sha('a: 1\n')}\n{"a":"from json"}`);
    expect(compiledOrParsed(yamlPath, compiledPath)).toEqual({ a: 'from json' });
  });

  it('parses the YAML when the compiled file is stale (the YAML was edited after the build)', () => {
    writeFileSync(yamlPath, 'a: 2\n');
    expect(compiledOrParsed(yamlPath, compiledPath)).toEqual({ a: 2 });
  });

  it('parses the YAML when nothing was compiled', () => {
    writeFileSync(yamlPath, 'b: [1, 2]\n');
    expect(compiledOrParsed(yamlPath, join(dir, 'missing.json'))).toEqual(parse('b: [1, 2]\n'));
  });
});

describe('prebuilt schema validators', () => {
  it.each(['vehicle-spec', 'config', 'rule-pack', 'baseline'])(
    '%s: the generated validator gives the errors the compiled one gives',
    (name) => {
      const fn = prebuilt(name);
      // A checkout that was never built has none: then the schema is compiled at run time.
      if (!fn) return;
      const schema = JSON.parse(readFileSync(join(repoRoot, 'specs', `${name}.schema.json`), 'utf8'));
      const runtime = compile(schema);
      const samples: unknown[] = [
        {},
        {
          schemaVersion: 1,
          product: { id: 'x', name: 'X' },
          revision: 'r',
          features: { sunrof: 'absent' },
          extra: 1,
        },
        { packs: 'recommended', failOn: 'sometimes', ocr: { minConfidence: 'high' } },
        { schemaVersion: 2, entries: [{ ruleId: 7 }] },
        [],
      ];
      const shape = (f: typeof fn, data: unknown) =>
        f(data) ? [] : (f.errors ?? []).map((e) => [e.keyword, e.instancePath, e.schemaPath, e.params]);
      for (const data of samples) expect(shape(fn, data)).toEqual(shape(runtime, data));
    },
  );

  it('a stale generated validator (the schema was edited after the build) is not used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-validators-'));
    writeFileSync(join(dir, 'config.schema.cjs'), '// sha256:0000\nmodule.exports = () => true;\n');
    expect(prebuilt('config', dir)).toBeUndefined();
  });
});

describe('the extraction code hash the build records', () => {
  it('is the hash of the built extraction code (what the results cache keys on)', () => {
    const file = join(repoRoot, 'dist', 'compiled', 'extraction-code.sha256');
    // A checkout that was never built computes it at run time.
    if (!existsSync(file)) return;
    expect(readFileSync(file, 'utf8').trim()).toBe(
      folderHash(join(repoRoot, 'dist'), ['claims', 'extract', 'sources']),
    );
  });
});

describe('the compiled traditional-to-simplified table', () => {
  const file = join(repoRoot, 'dist', 'compiled', 't2s.json');
  // `npm test` builds first; a bare `vitest run` on a fresh clone has no dist.
  it.skipIf(!existsSync(file))('gives what OpenCC gives for every CJK character, one at a time', async () => {
    const table = Object.fromEntries(t2sTable(JSON.parse(readFileSync(file, 'utf8'))));
    const OpenCC = await import('opencc-js');
    const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const differ: string[] = [];
    for (const [from, to] of [
      [0x3400, 0x9fff],
      [0xf900, 0xfaff],
    ] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        const converted = convert(ch);
        const expected = [...converted].length === 1 ? converted : ch;
        if ((table[ch] ?? ch) !== expected) differ.push(ch);
      }
    }
    expect(differ).toEqual([]);
    expect(table).toMatchObject({ 後: '后', 臺: '台' });
  });
});
