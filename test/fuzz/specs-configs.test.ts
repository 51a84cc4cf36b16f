import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { demoSpec } from '../helpers/paths.js';
import { mutateYaml, type Rng, rng, SEED } from './prng.js';
import { expectSafeOutcome, runBounded, twoAtATime } from './run-bounded.js';

// Fuzz suite (issue 15): specs and configs with random YAML mutations. A few go through the
// built CLI (a process each); many more through main() in this process, which runs the same
// parsing and validation without paying a process start each.

const specText = readFileSync(demoSpec, 'utf8');
const configText = `spec: spec.yaml
inputs: [page.html]
packs: [recommended, cn-ad-law]
rules: { unknown-feature: off, prohibited-term: warning }
channels:
  - { name: web, match: ["**/*.html"], owner: Web team }
ocr: { languages: [eng, chi_sim], minConfidence: 60, enabled: false }
crawl: { depth: 1, sameOrigin: true, maxPages: 5, timeoutSeconds: 2 }
pdf: { maxPages: 5 }
failOn: error
`;

/** Structure mutations: a value replaced by one of another type, a key renamed, a level nested. */
function mutateStructure(r: Rng, value: unknown, depth = 0): unknown {
  const odd = () =>
    r.pick<unknown>([
      null,
      -1,
      0,
      1e308,
      'x',
      '',
      [],
      {},
      true,
      [null],
      { a: { b: { c: [] } } },
      '天窗',
      '\u202e',
    ]);
  if (r.chance(0.08)) return odd();
  if (Array.isArray(value)) return value.map((v) => mutateStructure(r, v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (r.chance(0.05)) continue;
      out[r.chance(0.03) ? `${k}_` : k] = mutateStructure(r, v, depth + 1);
    }
    if (r.chance(0.05)) out[r.pick(['extra', '__proto__', 'constructor', '$ref'])] = odd();
    return out;
  }
  return value;
}

function mutated(r: Rng, text: string, data: unknown): string {
  return r.chance(0.5) ? mutateYaml(r, text) : stringify(mutateStructure(r, data));
}

function setUp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-yaml-'));
  writeFileSync(join(dir, 'page.html'), '<h1>AION UT super</h1><p>电动天窗，续航 500 km，4.99万起</p>');
  writeFileSync(join(dir, 'spec.yaml'), specText);
  return dir;
}

function memoryIo(cwd: string): Io & { err: () => string } {
  let err = '';
  return {
    stdout: () => undefined,
    stderr: (s) => {
      err += s;
    },
    readStdin: async () => new Uint8Array(),
    cwd,
    env: { NO_COLOR: '1' },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    err: () => err,
  };
}

describe(`fuzz: specs and configs (seed ${SEED})`, () => {
  const specData = parse(specText);
  const configData = parse(configText);

  it('mutated specs through the built CLI: valid, or exit 2 with the problem', async () => {
    const r = rng(SEED + 10);
    const dir = setUp();
    const jobs = Array.from({ length: 6 }, (_, i) => {
      writeFileSync(join(dir, `s${i}.yaml`), mutated(r, specText, specData));
      return async () => {
        const res = await runBounded(['spec', 'validate', `s${i}.yaml`], dir);
        expectSafeOutcome(res, `spec s${i}.yaml`);
        expect([0, 2]).toContain(res.code);
      };
    });
    await twoAtATime(jobs);
  }, 60_000);

  it('mutated configs through the built CLI: a scan, or exit 2 with the problem', async () => {
    const r = rng(SEED + 11);
    const dir = setUp();
    const jobs = Array.from({ length: 6 }, (_, i) => {
      writeFileSync(join(dir, `c${i}.yaml`), mutated(r, configText, configData));
      return async () => {
        const res = await runBounded(['scan', '-c', `c${i}.yaml`, '--no-ocr', '-q', '-f', 'json'], dir);
        expectSafeOutcome(res, `config c${i}.yaml`);
        if (res.code !== 2) expect(() => JSON.parse(res.stdout)).not.toThrow();
      };
    });
    await twoAtATime(jobs);
  }, 60_000);

  it('many more mutated specs and configs through main(): never "this is a bug"', async () => {
    const r = rng(SEED + 12);
    const dir = setUp();
    for (let i = 0; i < 120; i++) {
      const spec = i % 2 === 0;
      const file = join(dir, spec ? 'm-spec.yaml' : 'm-config.yaml');
      const text = spec ? mutated(r, specText, specData) : mutated(r, configText, configData);
      writeFileSync(file, text);
      const io = memoryIo(dir);
      const args = spec
        ? ['spec', 'validate', file]
        : ['scan', '-c', file, '-s', 'spec.yaml', '--no-ocr', '-q', '-f', 'json'];
      const code = await main(args, io);
      const context = `mutation ${i} (seed ${SEED}) of the ${spec ? 'spec' : 'config'}:\n${text}\n${io.err()}`;
      expect([0, 1, 2], context).toContain(code);
      expect(io.err(), context).not.toMatch(/this is a bug/);
      if (code === 2) expect(io.err(), context).not.toBe('');
    }
  }, 60_000);
});
