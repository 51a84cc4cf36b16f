import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Argv } from 'yargs';
import { withBaseline } from '../baseline/baseline.js';
import { loadBaseline } from '../baseline/load.js';
import { isZipPath } from '../bundle/store.js';
import { pruneCache } from '../cache/prune.js';
import { PACK_ENTRIES, ResultsCache } from '../cache/results-cache.js';
import { RULES } from '../check/index.js';
import { loadAssets } from '../config/assets.js';
import { channelAssigner } from '../config/channels.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/model.js';
import { DEFAULT_PACKS, loadPacks, resolveSeverities } from '../config/packs.js';
import { bundledClaimData } from '../data/claim-data.js';
import { packageRoot, toolVersion } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { OCR_LANGUAGES, type OcrLanguage } from '../extract/image/languages.js';
import { DEFAULT_PDF_LIMITS } from '../extract/pdf/limits.js';
import type { ImageSettings } from '../pipeline/images.js';
import { folderHash, incrementalProcessor } from '../pipeline/incremental.js';
import { processTextDocument } from '../pipeline/process.js';
import { type ScanStats, scan } from '../pipeline/scan.js';
import { parseShard } from '../pipeline/shard.js';
import type { WebSettings } from '../pipeline/web.js';
import { type FormatContext, HOMEPAGE } from '../report/format.js';
import { FORMATTERS, formatterNames } from '../report/index.js';
import type { Renderer } from '../sources/http/render.js';
import { uriForPath } from '../sources/inputs.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, scanRoots } from '../sources/local-file.js';
import { loadSpec } from '../spec/load.js';
import { IMPLICIT_VARIANT, type NormalizedSpec } from '../spec/model.js';
import type { Report } from '../types.js';
import { isValidDate, today } from '../util/dates.js';
import { nearest } from '../util/nearest.js';
import { sourceRoot } from '../util/repo-root.js';
import { FetchedPages, writeAuditBundle } from './bundle.js';
import { embeddedImages, ruleDocs } from './format-context.js';
import { type Io, STDIN_ARG, wantsColor } from './io.js';
import { MKDIR_OPTION, OutputFiles, type ReadFile, refuseScannedPage } from './output-files.js';
import { progressReporter } from './progress.js';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface FormatTarget {
  name: string;
  file?: string;
}

export function parseFormats(values: string[]): FormatTarget[] {
  const targets = values.map((v) => {
    const eq = v.indexOf('=');
    const name = (eq === -1 ? v : v.slice(0, eq)).trim();
    const file = eq === -1 ? undefined : v.slice(eq + 1).trim();
    if (!FORMATTERS[name]) {
      const guess = nearest(name, formatterNames());
      throw new UsageError(
        `unknown format "${name}"`,
        guess
          ? `did you mean "${guess}"? formats: ${formatterNames().join(', ')}`
          : `formats: ${formatterNames().join(', ')}`,
      );
    }
    if (eq !== -1 && !file) throw new UsageError(`--format ${name}= needs a file name after "="`);
    return { name, ...(file ? { file } : {}) };
  });
  if (targets.filter((t) => !t.file).length > 1) {
    throw new UsageError(
      'only one --format can print to the terminal',
      'write the others to files: -f json=report.json',
    );
  }
  return targets;
}

/** 1 when a finding reaches the --fail-on level. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  const { error, warning, info } = report.summary;
  if (failOn === 'never') return 0;
  if (failOn === 'error') return error ? 1 : 0;
  if (failOn === 'warning') return error + warning ? 1 : 0;
  return error + warning + info ? 1 : 0;
}

export async function writeOutputs(
  report: Report,
  targets: FormatTarget[],
  io: Io,
  outputs: OutputFiles,
): Promise<void> {
  const base: Omit<FormatContext, 'color'> = { cwd: io.cwd, srcRoot: sourceRoot(io.cwd), rules: ruleDocs() };
  if (targets.some((t) => t.name === 'html')) base.images = await embeddedImages(report, io.cwd);
  // What a folder expanded to is known now: none of it may be replaced by a report either.
  outputs.addReads(documentReads(report, io.cwd));
  for (const t of targets) {
    const formatter = FORMATTERS[t.name]!;
    if (t.file) {
      await outputs.write(
        resolve(io.cwd, t.file),
        formatter(report, { ...base, color: false }),
        `--format ${t.name}=`,
      );
    } else {
      io.stdout(
        formatter(report, { ...base, color: t.name === 'stylish' && wantsColor(io, io.stdoutIsTTY) }),
      );
    }
  }
}

/** The local documents a report lists, as files an output must not replace. */
export function documentReads(report: Report, cwd: string): ReadFile[] {
  return report.documents
    .filter((d) => !/^[a-z][a-z0-9+.-]*:/i.test(d.uri) && d.uri !== '-')
    .map((d) => ({ path: resolve(cwd, d.uri), role: 'an input' }));
}

/** Checks every --format FILE before the work starts: a run must not fail at its very end. */
export async function checkFormatTargets(targets: FormatTarget[], io: Io, outputs: OutputFiles) {
  for (const t of targets) if (t.file) await outputs.check(resolve(io.cwd, t.file), `--format ${t.name}=`);
}

/** Options shared by scan and merge: how to print. */
export function outputOptions<T>(y: Argv<T>) {
  return y
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      describe: `NAME[=FILE], repeatable: ${formatterNames().join(' | ')}`,
    })
    .option('fail-on', {
      choices: FAIL_ON,
      describe: 'lowest severity that makes the exit code 1 (default: error)',
    })
    .option('mkdir', MKDIR_OPTION);
}

/** What the run uses, once config and flags are merged (flags win). */
export async function resolveRun(
  args: Record<string, unknown>,
  io: Io,
  options: { specOptional?: boolean } = {},
) {
  const config: Config | undefined = await loadConfig(args.config as string | undefined, io.cwd);
  const cliInputs = ((args.inputs as string[] | undefined) ?? []).map((i) => (i === STDIN_ARG ? '-' : i));
  // Config inputs are absolute; report them relative to the working directory like CLI inputs.
  const inputs = cliInputs.length
    ? cliInputs
    : (config?.inputs ?? []).map((i) => (i === '-' || /^https?:/i.test(i) ? i : uriForPath(i, io.cwd)));
  const specPaths = await specPathsOf(args, config, io, options.specOptional);
  const asOf = (args['as-of'] as string | undefined) ?? today();
  if (!isValidDate(asOf)) throw new UsageError(`--as-of "${asOf}" is not a date`, 'write it as YYYY-MM-DD');
  const failOn = (args['fail-on'] as FailOn | undefined) ?? config?.failOn ?? 'error';
  const packs = await loadPacks(config?.packs ?? DEFAULT_PACKS, config?.file);
  for (const id of Object.keys(config?.rules ?? {})) {
    if (!RULES.some((r) => r.meta.id === id)) {
      const guess = nearest(
        id,
        RULES.map((r) => r.meta.id),
      );
      throw new UsageError(
        `${config?.file}: /rules/${id}: unknown rule "${id}"`,
        guess ? `did you mean "${guess}"?` : 'claimlint rules list shows the rules',
      );
    }
  }
  const specs: NormalizedSpec[] = [];
  for (const path of specPaths) {
    const spec = await loadSpec(path);
    spec.path = uriForPath(path, io.cwd);
    const twin = specs.find((s) => s.product.id === spec.product.id);
    if (twin)
      throw new UsageError(
        `${spec.path} and ${twin.path} are both specs of product "${spec.product.id}"`,
        'give each product one spec; a run checks each product against exactly one revision',
      );
    specs.push(spec);
  }
  const spec = specs[0] ?? emptySpec();
  const images = await imageSettings(args, config, io, specs);
  const otherProducts = config?.otherProducts ?? [];
  return { config, inputs, spec, specs, otherProducts, asOf, failOn, packs, images };
}

/** What scan and extract hand the pipeline for a resolved run. */
export function baseScanSettings(
  run: Awaited<ReturnType<typeof resolveRun>>,
  io: Io,
  args: Record<string, unknown> = {},
) {
  const roots = (args.root as string[] | undefined) ?? [];
  return {
    // Pages may only show files under the scan roots (the inputs' folders, or --root).
    local: {
      roots: scanRoots(run.inputs, io.cwd, roots),
      followSymlinks: (args['follow-symlinks'] as boolean | undefined) ?? false,
      maxBytes: run.config?.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    },
    cwd: io.cwd,
    inputs: run.inputs,
    spec: run.spec,
    specs: run.specs,
    otherProducts: run.otherProducts,
    asOf: run.asOf,
    data: bundledClaimData(),
    toolVersion,
    packs: run.packs,
    severities: resolveSeverities(
      run.packs,
      {},
      RULES.map((r) => r.meta.id),
    ),
    readStdin: () => io.readStdin(),
    images: run.images,
  };
}

/** What scan (and serve) add to the base settings: the config's rule overrides, OCR thresholds, channels, PDF limits. */
export function checkSettings(run: Awaited<ReturnType<typeof resolveRun>>, io: Io) {
  return {
    overrides: run.config?.rules ?? {},
    minConfidence: run.config?.ocr?.minConfidence ?? 60,
    reviewBelow: run.config?.ocr?.reviewBelow ?? 80,
    ...(run.config?.channels ? { channelOf: channelAssigner(run.config.channels, io.cwd) } : {}),
    pdf: {
      maxPages: run.config?.pdf?.maxPages ?? DEFAULT_PDF_LIMITS.maxPages,
      timeoutMs: (run.config?.pdf?.timeoutSeconds ?? DEFAULT_PDF_LIMITS.timeoutMs / 1000) * 1000,
      maxPixels: run.images.limits.maxPixels,
    },
    ...(run.config?.documentTimeoutSeconds !== undefined
      ? { documentTimeoutMs: run.config.documentTimeoutSeconds * 1000 }
      : {}),
  };
}

/** No spec: what a page claims can still be read (`extract`), but nothing is checked. */
function emptySpec(): NormalizedSpec {
  return {
    product: { id: '', name: '', aliases: [] },
    revision: '',
    currency: 'CNY',
    variants: [{ id: IMPLICIT_VARIANT, name: '', aliases: [] }],
    implicitVariant: true,
    features: new Map(),
    offers: new Map(),
    disclosures: [],
    sha256: '0'.repeat(64),
  };
}

/** --spec (repeatable), else the config's specs: (files or globs), else its spec:. */
async function specPathsOf(
  args: Record<string, unknown>,
  config: Config | undefined,
  io: Io,
  optional = false,
): Promise<string[]> {
  const flags = ([] as string[]).concat((args.spec as string | string[] | undefined) ?? []);
  if (flags.length) return flags.map((f) => resolve(io.cwd, f));
  if (config?.specs?.length) {
    const out: string[] = [];
    for (const pattern of config.specs) {
      if (!isDynamicPattern(pattern)) {
        out.push(pattern);
        continue;
      }
      const found = (await glob(pattern, { absolute: true })).sort();
      if (!found.length)
        throw new UsageError(
          `${config.file}: /specs: "${pattern}" matches no file`,
          'check the path or glob',
        );
      out.push(...found);
    }
    return [...new Set(out)];
  }
  if (config?.spec) return [config.spec];
  if (optional) return [];
  throw new UsageError('no spec given', 'pass --spec spec.yaml, or set spec: in claimlint.config.yaml');
}

/** Files the run itself reads or writes: never marketing copy, never "skipped" inputs. */
function ownFiles(
  run: Awaited<ReturnType<typeof resolveRun>>,
  args: Record<string, unknown>,
  io: Io,
): string[] {
  const files = run.specs.flatMap((s) => (s.path ? [resolve(io.cwd, s.path)] : []));
  if (run.config?.file) files.push(run.config.file);
  if (run.config?.assets) files.push(run.config.assets);
  if (run.config?.baseline) files.push(run.config.baseline);
  for (const flag of ['baseline', 'assets'] as const)
    if (typeof args[flag] === 'string') files.push(resolve(io.cwd, args[flag] as string));
  for (const pack of run.packs) if (pack.file) files.push(pack.file);
  for (const f of ([] as string[]).concat((args.format as string[] | undefined) ?? []))
    if (f.includes('=')) files.push(resolve(io.cwd, f.slice(f.indexOf('=') + 1)));
  return files;
}

/** Files the run reads, which no output may replace. */
function readsOf(
  run: Awaited<ReturnType<typeof resolveRun>>,
  args: Record<string, unknown>,
  io: Io,
): ReadFile[] {
  const reads: ReadFile[] = run.specs.flatMap((s) =>
    s.path ? [{ path: resolve(io.cwd, s.path), role: 'the spec' }] : [],
  );
  if (run.config?.file) reads.push({ path: run.config.file, role: 'the config' });
  const assets = typeof args.assets === 'string' ? resolve(io.cwd, args.assets) : run.config?.assets;
  if (assets) reads.push({ path: assets, role: 'the asset registry' });
  const baseline = typeof args.baseline === 'string' ? resolve(io.cwd, args.baseline) : run.config?.baseline;
  if (baseline) reads.push({ path: baseline, role: 'the baseline' });
  for (const pack of run.packs) if (pack.file) reads.push({ path: pack.file, role: 'a rule pack' });
  for (const input of run.inputs)
    if (input !== '-' && !/^https?:/i.test(input))
      reads.push({ path: resolve(io.cwd, input), role: 'an input' });
  return reads;
}

async function bundleRun(
  target: string,
  report: Report,
  run: Awaited<ReturnType<typeof resolveRun>>,
  args: Record<string, unknown>,
  io: Io,
  fetched: FetchedPages | undefined,
  outputs: OutputFiles,
): Promise<void> {
  await checkBundleTarget(target, outputs);
  await outputs.prepareFolder(target);
  const assetsFile = args.assets ? resolve(io.cwd, args.assets as string) : run.config?.assets;
  await writeAuditBundle(
    target,
    {
      report,
      ...(fetched ? { fetched } : {}),
      specFiles: run.specs.map((s) => resolve(io.cwd, s.path ?? '')),
      ...(run.config?.file ? { configFile: run.config.file } : {}),
      packFiles: run.packs.map((p) => p.file),
      ...(assetsFile ? { assetsFile } : {}),
      commandLine: ['claimlint', ...process.argv.slice(2)],
    },
    io,
  );
}

/** A bundle is a FILE.zip (checked like any output file) or a folder that holds nothing the run reads. */
async function checkBundleTarget(target: string, outputs: OutputFiles): Promise<void> {
  if (isZipPath(target)) await outputs.check(target, '--bundle');
  else await outputs.checkFolder(target, '--bundle');
}

function parseLanguages(value: string): OcrLanguage[] {
  const langs = value.split(/[+,\s]+/).filter(Boolean);
  for (const l of langs) {
    if (!OCR_LANGUAGES.includes(l as OcrLanguage)) {
      const guess = nearest(l, OCR_LANGUAGES);
      throw new UsageError(
        `unknown OCR language "${l}"`,
        guess ? `did you mean "${guess}"? languages: eng, chi_sim` : 'languages: eng, chi_sim',
      );
    }
  }
  if (!langs.length)
    throw new UsageError('--lang needs at least one language', 'eng, chi_sim or eng+chi_sim');
  return [...new Set(langs)] as OcrLanguage[];
}

async function imageSettings(
  args: Record<string, unknown>,
  config: Config | undefined,
  io: Io,
  specs: NormalizedSpec[],
): Promise<ImageSettings> {
  const languages = args.lang
    ? parseLanguages(args.lang as string)
    : (config?.ocr?.languages ?? OCR_LANGUAGES);
  const concurrency = (args.concurrency as number | undefined) ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(
      `--concurrency ${String(args.concurrency)} is not a number of workers`,
      'a whole number from 1 to 64',
    );
  }
  const cacheOff = args.cache === false;
  const cacheDir = cacheOff
    ? undefined
    : resolve(
        io.cwd,
        (args['cache-dir'] as string | undefined) ?? join('node_modules', '.cache', 'claimlint'),
      );
  const assetsFile = args.assets ? resolve(io.cwd, args.assets as string) : config?.assets;
  // Custom feature keys of the spec may be depicted too.
  const extra = [...new Set(specs.flatMap((s) => [...s.features.keys()]))];
  return {
    ocr: (args.ocr as boolean | undefined) ?? config?.ocr?.enabled ?? true,
    languages,
    concurrency,
    ...(cacheDir ? { cacheDir } : {}),
    limits: {
      maxPixels: (config?.ocr?.maxMegapixels ?? 40) * 1e6,
      timeoutMs: (config?.ocr?.timeoutSeconds ?? 20) * 1000,
    },
    assets: assetsFile ? await loadAssets(assetsFile, extra) : [],
    workDir: cacheDir ?? join(tmpdir(), `claimlint-${toolVersion}`),
  };
}

/** The results cache's bound: a 10,000-page site's results take about 1.5 GB. */
const DEFAULT_CACHE_MAX_MB = 2048;

function positive(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new UsageError(`${flag} ${String(value)} is not a whole number`);
  }
  return value;
}

/** The fetcher with the address policy, user agent, size and time caps of flags and the config's crawl: (serve uses it too). */
export async function fetcherFor(args: Record<string, unknown>, config: Config | undefined) {
  const crawlConfig = config?.crawl ?? {};
  // Loaded here: undici costs start-up time a scan of files does not need.
  const { Fetcher } = await import('../sources/http/fetcher.js');
  return new Fetcher({
    userAgent: crawlConfig.userAgent ?? `claimlint/${toolVersion} (+${HOMEPAGE})`,
    allowPrivate: (args['allow-private'] as boolean | undefined) ?? crawlConfig.allowPrivate ?? false,
    timeoutMs: (crawlConfig.timeoutSeconds ?? 20) * 1000,
    ...(crawlConfig.maxBytes ? { maxBytes: crawlConfig.maxBytes } : {}),
  });
}

/** Fetching, crawling and rendering settings: flags win over the config's crawl: section. */
async function webSettings(args: Record<string, unknown>, config: Config | undefined): Promise<WebSettings> {
  const crawlConfig = config?.crawl ?? {};
  const allowPrivate = (args['allow-private'] as boolean | undefined) ?? crawlConfig.allowPrivate ?? false;
  const userAgent = crawlConfig.userAgent ?? `claimlint/${toolVersion} (+${HOMEPAGE})`;
  const render = (args.render as boolean | undefined) ?? crawlConfig.render ?? false;
  // Loaded here: playwright-core costs start-up time a scan of files does not need.
  const { Renderer } = render ? await import('../sources/http/render.js') : { Renderer: undefined };
  if (Renderer) {
    const missing = Renderer.missing();
    if (missing) throw new UsageError(missing);
  }
  const fetcher = await fetcherFor(args, config);
  let renderer: Renderer | undefined;
  if (Renderer) {
    try {
      renderer = await Renderer.launch({ allowPrivate, userAgent });
    } catch (error) {
      throw new UsageError(
        (error as Error).message,
        'install Chromium (apt-get install chromium) or scan without --render',
      );
    }
  }
  return {
    fetcher,
    crawl: {
      depth: positive(args['crawl-depth'], '--crawl-depth') ?? crawlConfig.depth ?? 0,
      sameOrigin: (args['same-origin'] as boolean | undefined) ?? crawlConfig.sameOrigin ?? true,
      maxPages: positive(args['max-pages'], '--max-pages') ?? crawlConfig.maxPages ?? 200,
      ignoreRobots: (args['ignore-robots'] as boolean | undefined) ?? crawlConfig.ignoreRobots ?? false,
      ...(crawlConfig.include ? { include: crawlConfig.include } : {}),
      ...(crawlConfig.exclude ? { exclude: crawlConfig.exclude } : {}),
    },
    ...(renderer ? { renderer } : {}),
  };
}

export function registerScan(cli: Argv, io: Io): Argv {
  let lastRun: ScanRun | undefined;
  return cli.command(
    'scan [inputs..]',
    'scan files, folders, globs, URLs or - (stdin) against the spec',
    (y) =>
      outputOptions(
        y
          .positional('inputs', {
            type: 'string',
            array: true,
            describe: "files, folders, globs, http(s) URLs and sitemaps, '-' for stdin",
          })
          .option('spec', {
            alias: 's',
            type: 'string',
            describe: 'the authoritative spec (YAML or JSON); repeat it to check several products',
          })
          .option('config', {
            alias: 'c',
            type: 'string',
            describe: 'config file (default: claimlint.config.{yaml,yml,json} in the working directory)',
          }),
      )
        .option('as-of', { type: 'string', describe: 'date for offer validity, YYYY-MM-DD (default: today)' })
        .option('ocr', {
          type: 'boolean',
          describe: 'read text in images (--no-ocr: only match known assets)',
        })
        .option('lang', { type: 'string', describe: 'OCR languages, e.g. eng+chi_sim (default: both)' })
        .option('assets', {
          type: 'string',
          describe: 'registry of known images and the features they depict',
        })
        .option('concurrency', {
          type: 'number',
          describe: 'OCR workers (default: the number of cores; half as many for English re-reads)',
        })
        .option('cache-dir', {
          type: 'string',
          describe: 'OCR and results cache (default: node_modules/.cache/claimlint)',
        })
        .option('cache', {
          type: 'boolean',
          describe: '--no-cache: do not read or write the OCR and results caches',
        })
        .option('cache-max-mb', {
          type: 'number',
          describe:
            'keep the results cache under this size, the entries used longest ago going first (default 2048)',
        })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress output' })
        .option('crawl-depth', {
          type: 'number',
          describe: 'follow links this deep from each start URL (default 0)',
        })
        .option('same-origin', {
          type: 'boolean',
          describe: "stay on each start URL's origin (default; --no-same-origin)",
        })
        .option('max-pages', {
          type: 'number',
          describe: 'stop crawling after this many pages (default 200)',
        })
        .option('allow-private', {
          type: 'boolean',
          describe: 'allow loopback and private addresses (a local staging site)',
        })
        .option('ignore-robots', {
          type: 'boolean',
          describe: 'do not honour robots.txt (your own site only)',
        })
        .option('render', {
          type: 'boolean',
          describe: 'load pages in headless Chromium: read the rendered DOM, OCR a screenshot',
        })
        .option('root', {
          type: 'string',
          array: true,
          describe: 'a folder pages may show files from (default: the folders of the inputs), repeatable',
        })
        .option('follow-symlinks', {
          type: 'boolean',
          describe: 'follow symbolic links whose target is under the scan roots',
        })
        .option('ignore', {
          type: 'string',
          array: true,
          describe: 'leave out of folders and globs: GLOB (drafts/**) or a name (*.css), repeatable',
        })
        .option('baseline', {
          type: 'string',
          describe: 'hide findings a baseline accepts; list its stale entries',
        })
        .option('watch', {
          alias: 'w',
          type: 'boolean',
          describe: 'scan again when an input, the spec, config, packs or asset registry changes',
        })
        .option('bundle', {
          type: 'string',
          describe: 'write an audit bundle (DIR or FILE.zip): inputs, spec, config, packs, reports, manifest',
        })
        .option('shard', {
          type: 'string',
          describe: 'I/N: scan part I of N of the inputs (merge the reports after)',
        }),
    // Named, so that --watch can run it again for each change.
    async function scanHandler(args: Record<string, unknown>): Promise<void> {
      if (args.watch) {
        // Loaded for --watch only: chokidar is start-up that a single scan never needs.
        const { watchScans } = await import('./watch.js');
        await watchScans(args, io, async (a) => {
          await scanHandler({ ...args, ...a, watch: false });
          return lastRun!;
        });
        return;
      }
      const run = await resolveRun(args as Record<string, unknown>, io);
      if (!run.inputs.length)
        throw new UsageError(
          'nothing to scan',
          'name files, folders, globs or - for stdin, or set inputs: in the config',
        );
      const formats = parseFormats((args.format as string[] | undefined) ?? ['stylish']);
      const outputs = new OutputFiles({ mkdir: !!args.mkdir, reads: readsOf(run, args, io) });
      await checkFormatTargets(formats, io, outputs);
      for (const t of formats)
        if (t.file)
          await refuseScannedPage(resolve(io.cwd, t.file), `--format ${t.name}=`, run.inputs, io.cwd);
      if (args.bundle) await checkBundleTarget(resolve(io.cwd, args.bundle as string), outputs);
      const shard = args.shard ? parseShard(args.shard as string) : undefined;
      if (typeof shard === 'string') throw new UsageError(shard, 'e.g. --shard 2/3');
      const progress = progressReporter(io, !!args.quiet);
      const web = run.inputs.some((i) => /^https?:\/\//i.test(i))
        ? await webSettings(args as Record<string, unknown>, run.config)
        : undefined;
      const fetched = args.bundle && web ? new FetchedPages() : undefined;
      const resultsCache = run.images.cacheDir
        ? {
            dir: run.images.cacheDir,
            keyParts: {
              toolVersion,
              rulesHash: ResultsCache.key({ rules: folderHash(packageRoot, ['rules']), packs: run.packs }),
              specs: run.specs,
              otherProducts: run.otherProducts,
            },
          }
        : undefined;
      // Entries written a pack at a time (results-cache.ts), the last pack after the scan.
      const incremental = resultsCache
        ? incrementalProcessor(resultsCache.dir, resultsCache.keyParts, { packEntries: PACK_ENTRIES })
        : undefined;
      const cacheLimit = (positive(args['cache-max-mb'], '--cache-max-mb') ?? DEFAULT_CACHE_MAX_MB) * 2 ** 20;
      // Pages the extraction threads found in the results cache themselves (they run the rules).
      const stats: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
      let report = await scan(
        {
          ...baseScanSettings(run, io, args as Record<string, unknown>),
          ...checkSettings(run, io),
          ...(web ? { web } : {}),
          ...(shard ? { shard } : {}),
          ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
          ignore: [
            ...(run.config?.ignore ?? []).map((pattern) => ({ pattern, base: run.config!.dir })),
            ...((args.ignore as string[] | undefined) ?? []).map((pattern) => ({ pattern, base: io.cwd })),
          ],
          ownFiles: ownFiles(run, args as Record<string, unknown>, io),
          ...(resultsCache ? { resultsCache } : {}),
          processText: fetched
            ? fetched.wrap(incremental?.process ?? processTextDocument)
            : (incremental?.process ?? processTextDocument),
        },
        stats,
      );
      const reused = (incremental?.cache.hits ?? 0) + (stats.reusedInThreads ?? 0);
      if (reused) report.run.reused = reused;
      if (incremental) {
        incremental.cache.flush();
        pruneCache(incremental.cache.folder, cacheLimit);
      }
      progress.stop();
      const baselinePath = args.baseline ? resolve(io.cwd, args.baseline as string) : run.config?.baseline;
      if (baselinePath)
        report = withBaseline(report, await loadBaseline(baselinePath), uriForPath(baselinePath, io.cwd));
      await writeOutputs(report, formats, io, outputs);
      if (args.bundle)
        await bundleRun(resolve(io.cwd, args.bundle as string), report, run, args, io, fetched, outputs);
      io.exitCode = exitCodeFor(report, run.failOn);
      lastRun = { report, run, formats };
    },
  );
}

/** What one scan used and produced: --watch reads what to watch from it. */
export interface ScanRun {
  report: Report;
  run: Awaited<ReturnType<typeof resolveRun>>;
  formats: FormatTarget[];
}
