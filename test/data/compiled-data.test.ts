import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compiledOrParsed } from '../../src/data/bundled.js';

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
