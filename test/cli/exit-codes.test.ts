import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/main.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { OcrSetupError } from '../../src/extract/image/language-data.js';
import { scan } from '../../src/pipeline/scan.js';
import { testSpec } from '../helpers/claims.js';
import { type CliResult, runCli } from '../helpers/cli.js';
import { demoSpec, fixture, repoRoot } from '../helpers/paths.js';

// Issue 15, item 7: exit 1 must mean findings and nothing else. A corrupt OCR cache entry or
// language data crashed with a TypeError (exit 1, "findings" to CI), and a billion-laughs spec
// said "this is a bug".

function expectUserError(r: CliResult, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/this is a bug|TypeError/);
}

const tmp = () => mkdtempSync(join(tmpdir(), 'claimlint-exit-'));

/** The classic exponential alias expansion, 9^10 strings from a few hundred bytes. */
function billionLaughs(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `schemaVersion: 1\n${lines.join('\n')}\nproduct: { id: x, name: X }\nrevision: "1"\nfeatures: { sunroof: absent }\n`;
}

describe('specs and configs that would exhaust memory are refused (exit 2, not a bug)', () => {
  it('a billion-laughs spec and config are a ConfigError naming the aliases', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'laughs.yaml'), billionLaughs());
    expectUserError(runCli(['spec', 'validate', 'laughs.yaml'], { cwd: dir }), /YAML aliases expand too far/);
    writeFileSync(join(dir, 'page.html'), '<p>hello</p>');
    expectUserError(
      runCli(['scan', 'page.html', '-s', demoSpec, '-c', 'laughs.yaml'], { cwd: dir }),
      /laughs\.yaml.*YAML aliases expand too far/s,
    );
  });

  it('a spec or config over the size cap is refused by its size, before parsing', () => {
    const dir = tmp();
    // Valid YAML (comments): only the size can refuse it.
    writeFileSync(join(dir, 'huge.yaml'), `${'# padding\n'.repeat(500_000)}schemaVersion: 1\n`);
    expectUserError(
      runCli(['spec', 'validate', 'huge.yaml'], { cwd: dir }),
      /the spec is 4\.8 MiB, over the 4 MiB limit/,
    );
    writeFileSync(join(dir, 'page.html'), '<p>hello</p>');
    expectUserError(
      runCli(['scan', 'page.html', '-s', demoSpec, '-c', 'huge.yaml'], { cwd: dir }),
      /the config is 4\.8 MiB, over the 4 MiB limit/,
    );
  });

  it('an endless spec (/dev/zero) is read up to the cap and refused; a folder is named as one', () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expectUserError(runCli(['spec', 'validate', 'zero.yaml'], { cwd: dir }), /over the 4 MiB limit/);
    mkdirSync(join(dir, 'folder.yaml'));
    expectUserError(runCli(['spec', 'validate', 'folder.yaml'], { cwd: dir }), /is a folder/);
  });
});

/** A folder with the English banner and the arguments that OCR it with a cache in that folder. */
function bannerScan(): { dir: string; args: string[] } {
  const dir = tmp();
  copyFileSync(
    fixture(import.meta.url, '..', '..', 'image', 'fixtures', 'banner-en.jpg'),
    join(dir, 'b.jpg'),
  );
  return {
    dir,
    args: ['scan', 'b.jpg', '-s', demoSpec, '--lang', 'eng', '--cache-dir', 'cache', '-q', '-f', 'json'],
  };
}

describe('OCR failures are exit 2 with a message, or an input-error; bad cache entries are rebuilt', () => {
  it('a corrupt OCR cache entry is rebuilt: the second run reports what the first did', () => {
    const { dir, args } = bannerScan();
    const first = runCli(args, { cwd: dir });
    expect([0, 1]).toContain(first.code);
    const folder = join(dir, 'cache', 'ocr');
    const [sub] = readdirSync(folder);
    const [name] = readdirSync(join(folder, sub!));
    const entry = join(folder, sub!, name!);
    const key = name!.replace(/\.json$/, '');
    const good = JSON.parse(readFileSync(entry, 'utf8'));
    // The other kinds of damage are in test/cache/ocr-cache.test.ts; each rebuild is an OCR run.
    const damaged = [
      JSON.stringify({ key, result: { lines: [{ words: null }] } }),
      // The right shape, other words: the checksum no longer matches.
      JSON.stringify({ ...good, result: { ...good.result, width: good.result.width + 1 } }),
    ];
    const findingsOf = (r: CliResult) =>
      JSON.parse(r.stdout).findings.map((f: { message: string }) => f.message);
    for (const bad of damaged) {
      writeFileSync(entry, bad);
      const again = runCli(args, { cwd: dir });
      expect(again.stderr).not.toMatch(/this is a bug|TypeError/);
      expect(again.code).toBe(first.code);
      expect(findingsOf(again)).toEqual(findingsOf(first));
      expect(JSON.parse(readFileSync(entry, 'utf8')).sha256).toBe(good.sha256);
    }
  });

  it('empty or corrupt language data in the cache folder is replaced by the installed data', () => {
    const { dir, args } = bannerScan();
    mkdirSync(join(dir, 'cache', 'tessdata'), { recursive: true });
    for (const data of [Buffer.alloc(0), gzipSync(Buffer.from('not traineddata'))]) {
      // The folder's entry is a link to the installed data after a run: replace it, never write through it.
      const entry = join(dir, 'cache', 'tessdata', 'eng.traineddata.gz');
      rmSync(entry, { force: true });
      writeFileSync(entry, data);
      const r = runCli(args, { cwd: dir });
      expect(r.stderr).not.toMatch(/this is a bug|TypeError/);
      expect([0, 1]).toContain(r.code);
      expect(JSON.parse(r.stdout).documents[0].status).toBe('ok');
    }
  });

  it('an OCR engine that cannot start stops the run with exit 2 and says what to do', async () => {
    const dir = tmp();
    copyFileSync(
      fixture(import.meta.url, '..', '..', 'image', 'fixtures', 'banner-en.jpg'),
      join(dir, 'b.jpg'),
    );
    const failed = new OcrSetupError(
      'OCR language data for "eng" is unusable (eng.traineddata.gz): the file is empty',
    );
    const run = scan({
      cwd: dir,
      inputs: ['b.jpg'],
      spec: testSpec(),
      asOf: '2025-12-01',
      data: bundledClaimData(),
      toolVersion: 'test',
      images: {
        ocr: true,
        languages: ['eng'],
        concurrency: 1,
        limits: { maxPixels: 40_000_000, timeoutMs: 30_000 },
        assets: [],
        workDir: join(dir, 'work'),
        sharedPool: () => Promise.reject(failed),
      },
    });
    await expect(run).rejects.toBe(failed);
    let stderr = '';
    const io = { stderr: (s: string) => (stderr += s) } as unknown as Parameters<typeof reportError>[1];
    expect(reportError(failed, io)).toBe(2);
    expect(stderr).toMatch(
      /unusable .* the file is empty\n {2}hint: reinstall the language data \(npm ci\), or scan with --no-ocr/,
    );
  });
});

describe('the CLI process never ends with exit 1 for an error', () => {
  const main = pathToFileURL(join(repoRoot, 'dist', 'cli', 'main.js')).href;
  const run = (body: string) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { guardProcess } from ${JSON.stringify(main)};\nguardProcess();\n${body}`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );

  it('an uncaught exception or an unhandled rejection is exit 2, reported as a bug', () => {
    for (const body of [
      "setTimeout(() => { throw new TypeError('boom'); });",
      "Promise.reject(new Error('boom'));",
    ]) {
      const r = run(body);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/internal error, this is a bug[\s\S]*boom/);
    }
  });

  it("tesseract.js's echo of a job it already rejected is dropped (the failure came by its error handler)", () => {
    const r = run(`
      const echo = new TypeError("Cannot read properties of undefined (reading 'resolve')");
      echo.stack = echo.message + '\\n    at Worker.<anonymous> (/x/node_modules/tesseract.js/src/createWorker.js:208:27)';
      setTimeout(() => { throw echo; });
      setTimeout(() => process.stdout.write('still running'), 50);`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('still running');
  });
});
