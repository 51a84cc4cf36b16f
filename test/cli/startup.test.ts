import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import stringWidth from '../../src/cli/lazy-string-width.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

// What a one-page scan loads: start-up is most of its time (issue 10), and Node pays for every
// module it resolves, reads and compiles. The figures are `npm run bench`'s; this checks the shape.
const dir = mkdtempSync(join(tmpdir(), 'claimlint-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modulesLoaded(args: string[]): string[] {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const register = pathToFileURL(join(import.meta.dirname, 'fixtures', 'module-log', 'register.mjs')).href;
  const r = runCli(args, { env: { NODE_OPTIONS: `--import=${register}`, MODULE_LOG: log } });
  expect(r.stderr).not.toMatch(/this is a bug/);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const example = join(repoRoot, 'examples', 'aion-ut-super');
const packageUrl = pathToFileURL(repoRoot).href;

describe('start-up of a one-page scan', () => {
  const urls = modulesLoaded([
    'scan',
    join(example, 'pages', 'jd', 'product.html'),
    '--spec',
    join(example, 'spec.yaml'),
    '--no-ocr',
    '--cache-dir',
    join(dir, 'cache'),
  ]);

  it('runs the bundled command line, not the library modules tsc wrote', () => {
    const own = urls.filter((u) => u.startsWith(packageUrl) && !u.includes('/node_modules/'));
    expect(own.length).toBeGreaterThan(0);
    for (const u of own) expect(u).toMatch(/\/(bin\/claimlint\.js|dist\/app\/[^/]+\.js)$/);
  });

  it('loads no package that only some runs need', () => {
    for (const name of [
      'playwright-core',
      'tesseract.js',
      'sharp',
      'pdfjs-dist',
      'parse5',
      'undici',
      'fastify',
      'chokidar',
      'mammoth',
      'exceljs',
      'opencc-js',
      'ajv',
    ])
      expect(urls.filter((u) => u.includes(`/node_modules/${name}/`))).toEqual([]);
  });

  it('loads a few dozen modules, not hundreds', () => {
    expect(urls.length).toBeLessThan(80);
  });
});

describe('string widths for --help, measured when asked', () => {
  it('the bundle loads no string-width copy of its own (each builds an Intl.Segmenter as it loads)', () => {
    const app = join(repoRoot, 'dist', 'app');
    for (const file of readdirSync(app).filter((f) => f.endsWith('.js')))
      expect(readFileSync(join(app, file), 'utf8'), file).not.toContain('new Intl.Segmenter(');
  });

  it.each([
    ['plain', 'abc', 3],
    ['East Asian wide', '中文ab', 6],
    ['colours', '\u001b[31mab\u001b[39m', 2],
    ['empty', '', 0],
  ])('%s', (_, text, width) => {
    expect(stringWidth(text)).toBe(width);
  });
});
