// Build step: the bundled YAML data (rules/) as JSON under dist/compiled/, each file headed by the
// sha256 of the YAML it came from. Parsing YAML is most of a small scan's start-up; JSON.parse of
// the same data is several times faster. src/data/bundled.ts uses a compiled file only when its
// hash matches the YAML beside it, so an edited rule file is never read stale.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function* yamlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (name.endsWith('.yaml')) yield path;
  }
}

let count = 0;
for (const path of yamlFiles(join(root, 'rules'))) {
  const text = readFileSync(path, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  const out = join(root, 'dist', 'compiled', `${relative(root, path)}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${sha}\n${JSON.stringify(parse(text))}`);
  count++;
}
// The JSON Schemas as standalone validators: compiling the spec schema with ajv costs about 200 ms of
// every run's start-up; loading the generated code costs about 10. The options are the ones
// src/util/schema.ts compiles with (test/data/compiled-data.test.ts checks both give the same errors).
const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const addFormats = require('ajv-formats');
let validators = 0;
for (const name of readdirSync(join(root, 'specs'))) {
  if (!name.endsWith('.schema.json')) continue;
  const text = readFileSync(join(root, 'specs', name), 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true } });
  addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
  const out = join(root, 'dist', 'compiled', 'validators', name.replace(/\.json$/, '.cjs'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `// sha256:${sha}\n${code}`);
  validators++;
}
// The hash of the extraction code the results cache keys on (src/pipeline/incremental.ts computes the
// same when run from source): hashing ~100 files is 40 ms of every run that the build can do once.
const dist = join(root, 'dist');
const code = createHash('sha256');
for (const folder of ['claims', 'extract', 'sources']) {
  const base = join(dist, folder);
  for (const name of readdirSync(base, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = join(base, name);
    if (statSync(file).isDirectory()) continue;
    code.update(relative(dist, file)).update('\0').update(readFileSync(file)).update('\0');
  }
}
writeFileSync(join(dist, 'compiled', 'extraction-code.sha256'), code.digest('hex'));

// Traditional to simplified, one character at a time (src/data/simplified-chinese.ts): the characters
// OpenCC changes, as a table. Loading OpenCC's dictionaries costs about 50 ms of every run's start-up.
const OpenCC = require('opencc-js');
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const t2s = {};
for (const [from, to] of [
  [0x3400, 0x9fff],
  [0xf900, 0xfaff],
]) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCodePoint(c);
    const out = toSimplified(ch);
    if (out !== ch && [...out].length === 1) t2s[ch] = out;
  }
}
const openccVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve('opencc-js')), '..', '..', 'package.json'), 'utf8'),
).version;
// Two strings, character i of `from` becoming character i of `to`: parsing two strings is a few
// times quicker than an object of 3,600 keys, at every run's start.
writeFileSync(
  join(dist, 'compiled', 't2s.json'),
  JSON.stringify({ opencc: openccVersion, from: Object.keys(t2s).join(''), to: Object.values(t2s).join('') }),
);
console.log(`compiled ${count} data files and ${validators} schema validators into dist/compiled`);
