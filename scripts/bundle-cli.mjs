// Build step: the command line as a few ES modules under dist/app/ instead of about 270. Node resolves,
// reads and compiles each module of an import graph on its own; for a one-page scan that was about
// a third of the start-up (issue 10 asks for <= 400 ms). The library's modules under dist/ stay as
// tsc wrote them: tests and programs that import claimlint use those.
//
// Bundled: claimlint's own code and the pure-JavaScript packages every run loads. Left to Node: the
// packages only some runs load (browser, OCR, PDF, Word, Excel, server, HTTP, watch), the native
// ones, and those that find their own files at run time; splitting keeps what claimlint loads
// lazily (a command, the crawler) in chunks of its own, loaded when used.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set([
  'chalk',
  'cheerio',
  'cli-progress',
  'dom-serializer',
  'domhandler',
  'fflate',
  'htmlparser2',
  'picomatch',
  'tinyglobby',
  'yaml',
  'yargs',
]);
const outdir = join(root, 'dist', 'app');
rmSync(outdir, { recursive: true, force: true });
await build({
  // The extraction thread is an entry of its own: extract-pool.ts starts `./extract-worker.js`
  // beside the module that starts it. dist/app/ sits where dist/cli/ does, so paths that code finds
  // from its own location (`..` is dist/) resolve the same.
  entryPoints: [join(root, 'dist', 'cli', 'main.js'), join(root, 'dist', 'pipeline', 'extract-worker.js')],
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)),
  // Bundled CommonJS packages (yaml) require Node's built-in modules: an ES module has no `require`.
  banner: {
    js: "import { createRequire as __claimlintRequire } from 'node:module';\nconst require = __claimlintRequire(import.meta.url);",
  },
  // yargs' help layout measures strings with string-width, which is costly to load (see
  // src/cli/lazy-string-width.ts): yargs and its layout packages get a function that loads it when used.
  plugins: [
    {
      name: 'lazy-string-width',
      setup(b) {
        b.onResolve({ filter: /^string-width$/ }, (args) =>
          /node_modules\/(yargs|cliui|wrap-ansi)\//.test(args.importer)
            ? { path: join(root, 'dist', 'cli', 'lazy-string-width.js') }
            : undefined,
        );
      },
    },
  ],
  legalComments: 'linked',
  logLevel: 'warning',
});
