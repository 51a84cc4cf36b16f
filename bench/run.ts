// npm run bench: figures, not assertions. Every figure is printed next to its anchor, measured in
// the same run on the same machine (timings on a shared machine are noisy; the ratios are what to
// compare): the cheerio parse-only floor for pages, the native `tesseract` CLI for OCR.
//
//   npm run bench             everything (about ten minutes on 2 cores while the lexicon is a regex)
//   npm run bench -- --quick  no 10,000-page run
//   npm run bench -- --only=startup|pages|ocr
//
// The whole-process figures run the built CLI (bin/claimlint.js over dist/): `npm run build` first.
import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildClaimContext, type ClaimContext } from '../src/claims/context.js';
import { bundledClaimData } from '../src/data/claim-data.js';
import { decodeImage } from '../src/extract/image/decode.js';
import { ocrImage } from '../src/extract/image/ocr-image.js';
import { OcrPool } from '../src/extract/image/ocr-pool.js';
import { ocrSegments } from '../src/extract/image/ocr-segments.js';
import { processTextDocument } from '../src/pipeline/process.js';
import { type ScanStats, scan } from '../src/pipeline/scan.js';
import { loadSpec } from '../src/spec/load.js';
import type { NormalizedSpec } from '../src/spec/model.js';
import { type Banner, cer, makeBanners, SIZES } from './banners.js';
import { generatePage, letters, writeSite } from './generate-pages.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'claimlint-bench-'));
const concurrency = availableParallelism();
const quick = process.argv.includes('--quick');
/** --only=startup|pages|ocr: one part */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const part = (name: string) => !only || only === name;
const demoSpec = join(root, 'examples', 'aion-ut-super', 'spec.yaml');
const realPages = join(root, '..', 'shared', 'real-pages');
const cli = join(root, 'bin', 'claimlint.js');

const fmt = (n: number, d = 2) => n.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: [string, string, string, string][] = [];
/** One line of the summary table: the figure, its anchor and their ratio. */
function record(measure: string, figure: string, anchor: string, ratio: string): void {
  rows.push([measure, figure, anchor, ratio]);
  console.log(`  ${measure}: ${figure}  |  anchor: ${anchor}  |  ${ratio}`);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** A whole process, timed from spawn to exit, with its peak RSS (GNU time when present). */
async function timeProcess(
  args: string[],
  cwd = work,
): Promise<{ seconds: number; rssMiB?: number; code: number }> {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-f', '%M', process.execPath, ...args] : args;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const kb = gnuTime ? Number(err.trim().split('\n').pop()) : Number.NaN;
      resolve({ seconds, code: code ?? -1, ...(Number.isFinite(kb) ? { rssMiB: kb / 1024 } : {}) });
    });
  });
}

/**
 * The parse-only floor: a process that loads cheerio and parses every page, nothing else. With a
 * thread count above 1 the pages are split among that many worker threads (page i to thread i mod
 * n): what both cores give to parsing alone, the most a whole scan could reach by the issue's own
 * reckoning ("both cores and little work beyond parsing").
 */
function cheerioFloorScript(): string {
  const file = join(work, 'cheerio-floor.mjs');
  writeFileSync(
    file,
    `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
const cheerio = await import(${JSON.stringify(join(root, 'node_modules', 'cheerio', 'dist', 'esm', 'index.js'))});
const parse = (dir, files) => { for (const f of files) cheerio.load(readFileSync(join(dir, f), 'utf8'), { sourceCodeLocationInfo: true }); };
if (isMainThread) {
  const dir = process.argv[2];
  const threads = Number(process.argv[3] ?? 1);
  const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
  if (threads <= 1) parse(dir, files);
  else
    await Promise.all(Array.from({ length: threads }, (_, t) => new Promise((done, fail) => {
      const mine = files.filter((_, i) => i % threads === t);
      new Worker(new URL(import.meta.url), { workerData: { dir, files: mine } }).on('error', fail).on('exit', done);
    })));
} else parse(workerData.dir, workerData.files);
`,
  );
  return file;
}

/**
 * What a second core adds to extraction on this machine: the same pages extracted by one process,
 * then split between two processes running at once. Extraction is not a tight loop: it allocates
 * and walks memory, and two cores of a shared virtual machine do not give it twice the speed.
 */
function extractionScript(): string {
  const file = join(work, 'extract-slice.mjs');
  const dist = (...parts: string[]) => JSON.stringify(join(root, 'dist', ...parts));
  writeFileSync(
    file,
    `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const { buildClaimContext } = await import(${dist('claims', 'context.js')});
const { bundledClaimData } = await import(${dist('data', 'claim-data.js')});
const { loadSpec } = await import(${dist('spec', 'load.js')});
const { processTextDocument } = await import(${dist('pipeline', 'process.js')});
const [dir, from, count] = process.argv.slice(2);
const ctx = buildClaimContext(bundledClaimData(), [await loadSpec(${JSON.stringify(demoSpec)})]);
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort().slice(Number(from), Number(from) + Number(count));
for (const f of files) processTextDocument({ uri: f, kind: 'html', bytes: readFileSync(join(dir, f)), sha256: '' }, ctx);
`,
  );
  return file;
}

async function benchParallelCapacity(count: number): Promise<void> {
  const dir = join(work, 'site-parallel');
  // No paragraph repeated: each process has the same work a page, however the pages are split.
  writeSite(dir, count, 20_000, true);
  const script = extractionScript();
  const one: number[] = [];
  const two: number[] = [];
  for (let round = 0; round < 3; round++) {
    one.push((await timeProcess([script, dir, '0', String(count)])).seconds);
    const t0 = performance.now();
    await Promise.all([
      timeProcess([script, dir, '0', String(count / 2)]),
      timeProcess([script, dir, String(count / 2), String(count / 2)]),
    ]);
    two.push((performance.now() - t0) / 1000);
  }
  record(
    `extraction of ${count} pages, two processes at once`,
    `${fmt(median(two))} s`,
    `one process: ${fmt(median(one))} s`,
    `${fmt(median(one) / median(two))}x (2 cores: 2.00x at best)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

async function benchStartup(): Promise<void> {
  console.log('start-up (built CLI, median of 5 whole processes):');
  const bare: number[] = [];
  const version: number[] = [];
  const page: number[] = [];
  const small = join(root, 'examples', 'aion-ut-super', 'pages', 'jd', 'product.html');
  for (let i = 0; i < 5; i++) {
    bare.push((await timeProcess(['-e', '0'])).seconds);
    version.push((await timeProcess([cli, '--version'])).seconds);
    page.push((await timeProcess([cli, 'scan', small, '-s', demoSpec, '--no-ocr', '-q'])).seconds);
  }
  const b = median(bare) * 1000;
  record(
    'claimlint --version',
    `${fmt(median(version) * 1000, 0)} ms (target <= 150)`,
    `node -e 0: ${fmt(b, 0)} ms`,
    `${fmt(median(version) * 1000 - b, 0)} ms over bare node`,
  );
  record(
    'one small page, --no-ocr',
    `${fmt(median(page) * 1000, 0)} ms (target <= 400)`,
    `node -e 0: ${fmt(b, 0)} ms`,
    `${fmt(median(page) * 1000 - b, 0)} ms over bare node`,
  );
}

async function benchSite(count: number, unique = false): Promise<{ perPageMs: number }> {
  const name = unique ? `${count}-unique` : `${count}`;
  const dir = join(work, `site-${name}`);
  writeSite(dir, count, 20_000, unique);
  const floor = await timeProcess([cheerioFloorScript(), dir, '1']);
  const floorAll = await timeProcess([cheerioFloorScript(), dir, String(concurrency)]);
  const ours = await timeProcess([
    cli,
    'scan',
    dir,
    '-s',
    demoSpec,
    '--no-ocr',
    '-q',
    // A results cache of its own (cold, as a first scan is), removed with the work folder.
    '--cache-dir',
    join(work, `results-${name}`),
    '-f',
    `json=${join(work, `report-${name}.json`)}`,
  ]);
  const report = JSON.parse(readFileSync(join(work, `report-${name}.json`), 'utf8')) as {
    findings: unknown[];
  };
  const rate = count / ours.seconds;
  const floorRate = count / floor.seconds;
  const floorAllRate = count / floorAll.seconds;
  const what = unique ? ', no paragraph repeated' : '';
  console.log(
    `${count} generated 20 KB pages${what} (whole process, start-up included, exit ${ours.code}, ${report.findings.length} findings):`,
  );
  record(
    `${count} pages of 20 KB${what}, --no-ocr`,
    `${fmt(rate, 1)} pages/s (${fmt(ours.seconds)} s${ours.rssMiB ? `, peak RSS ${fmt(ours.rssMiB, 0)} MiB` : ''})`,
    `cheerio parse-only, 1 thread: ${fmt(floorRate, 1)} pages/s; ${concurrency} threads: ${fmt(floorAllRate, 1)} pages/s`,
    `${fmt(rate / floorRate)}x the floor; ${fmt(rate / floorAllRate)}x the ${concurrency}-thread floor`,
  );
  rmSync(dir, { recursive: true, force: true });
  return { perPageMs: (ours.seconds * 1000) / count };
}

/** In-thread extraction of one page, median of 3, against cheerio parsing it. */
async function timePage(
  html: string,
  ctx: ClaimContext,
  uri: string,
): Promise<{ ms: number; parseMs: number }> {
  const cheerio = await import('cheerio');
  const bytes = new Uint8Array(Buffer.from(html));
  const ours: number[] = [];
  const parse: number[] = [];
  // One untimed round each: neither is timed while its code is still being compiled. Each round
  // reads the page with a context of its own (a copy of `ctx`), so no round is served the
  // segments an earlier round read (claims/segment-memo.ts): each is a first reading.
  processTextDocument({ uri, kind: 'html', bytes, sha256: '' }, { ...ctx });
  cheerio.load(html, { sourceCodeLocationInfo: true });
  for (let i = 0; i < 3; i++) {
    const fresh = { ...ctx };
    let t0 = performance.now();
    processTextDocument({ uri, kind: 'html', bytes, sha256: '' }, fresh);
    ours.push(performance.now() - t0);
    t0 = performance.now();
    cheerio.load(html, { sourceCodeLocationInfo: true });
    parse.push(performance.now() - t0);
  }
  return { ms: median(ours), parseMs: median(parse) };
}

async function benchLinearity(ctx: ClaimContext): Promise<void> {
  console.log(
    'page size (one page, no paragraph repeated, in-thread extraction and claims, median of 3 first readings):',
  );
  const sizes = [10_000, 100_000, 1_000_000];
  const ms: number[] = [];
  for (const size of sizes) {
    // No paragraph repeated: the page's reading grows with its text, not with how often it repeats.
    const t = await timePage(generatePage(size, size, true), ctx, `page-${size}.html`);
    ms.push(t.ms);
    record(
      `${size / 1000} KB page`,
      `${fmt(t.ms, 1)} ms`,
      `cheerio parse: ${fmt(t.parseMs, 1)} ms`,
      `${fmt(t.ms / t.parseMs, 1)}x the parse`,
    );
  }
  record(
    'growth 100 KB -> 1 MB',
    `${fmt(ms[2]! / ms[1]!, 1)}x the time for 10x the bytes`,
    'linear: 10x',
    `${fmt(ms[2]! / ms[1]! / 10)}x linear`,
  );
  // One long list (a spec sheet or a dealer list as <li>s, or a fragment of paragraphs): what each
  // element asks of its siblings (its selector, whether it is one of a row of cards) must not
  // grow with the number of siblings.
  const list = (n: number) =>
    `<html><body><h1>AION UT super</h1><ul>${Array.from({ length: n }, (_, i) => `<li class="item">Item ${i}: 续航${300 + (i % 50)}公里 code ${letters(i)}</li>`).join('\n')}</ul></body></html>`;
  const short = await timePage(list(5_000), ctx, 'list-5000.html');
  const long = await timePage(list(20_000), ctx, 'list-20000.html');
  // One paragraph with no break (a pasted press release, a plain-text draft): a reading asks, for
  // each clause and each figure, what lies in it; that must not grow with the paragraph.
  const sentence = (i: number) =>
    i % 2
      ? `The ${letters(i)} trim has a panoramic sunroof and ${300 + (i % 90)} km of range.`
      : `${letters(i)}版配备全景天窗，续航${300 + (i % 90)}公里，售价${9 + (i % 5)}.98万元。`;
  const paragraph = (n: number) =>
    `<html><body><h1>AION UT super</h1><p>${Array.from({ length: n }, (_, i) => sentence(i)).join(' ')}</p></body></html>`;
  const fewer = await timePage(paragraph(500), ctx, 'paragraph-500.html');
  const more = await timePage(paragraph(2_000), ctx, 'paragraph-2000.html');
  recordGrowth('one paragraph of 500 -> 2,000 sentences', fewer.ms, more.ms, 'sentences');
  // One sentence of many comma clauses (a spec list run together with "，"): each figure's variant
  // scope asks which earlier clause names a variant; that must not grow with the sentence.
  const clauses = (n: number) =>
    `<html><body><h1>AION UT super</h1><p>${Array.from({ length: n }, (_, i) => `${letters(i)}配备全景天窗，续航${300 + (i % 90)}公里`).join('，')}。</p></body></html>`;
  const fewClauses = await timePage(clauses(500), ctx, 'clauses-500.html');
  const manyClauses = await timePage(clauses(2_000), ctx, 'clauses-2000.html');
  recordGrowth('one sentence of 1,000 -> 4,000 clauses', fewClauses.ms, manyClauses.ms, 'clauses');
  recordGrowth('one list of 5,000 -> 20,000 items', short.ms, long.ms, 'items');
}

/** A row for one page shape read at a size and at four times it: linear is 4x the time. */
function recordGrowth(measure: string, smallMs: number, largeMs: number, items: string): void {
  record(
    measure,
    `${fmt(smallMs, 0)} -> ${fmt(largeMs, 0)} ms: ${fmt(largeMs / smallMs, 1)}x the time for 4x the ${items}`,
    'linear: 4x',
    `${fmt(largeMs / smallMs / 4)}x linear`,
  );
}

async function benchRealPages(ctx: ClaimContext): Promise<void> {
  if (!existsSync(realPages)) {
    console.log('real pages: ../shared/real-pages is not here (skipped)');
    return;
  }
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.html')) files.push(p);
    }
  };
  walk(realPages);
  console.log(`real pages (${files.length} in ../shared/real-pages, in-thread, median of 3 each):`);
  let ours = 0;
  let parse = 0;
  let bytes = 0;
  for (const f of files) {
    const html = readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(html);
    const t = await timePage(html, ctx, f);
    ours += t.ms;
    parse += t.parseMs;
    if (Buffer.byteLength(html) > 500_000) {
      record(
        `real page ${f.slice(realPages.length + 1)} (${fmt(Buffer.byteLength(html) / 1e6, 1)} MB)`,
        `${fmt(t.ms, 0)} ms`,
        `cheerio parse: ${fmt(t.parseMs, 0)} ms`,
        `${fmt(t.ms / t.parseMs, 1)}x the parse`,
      );
    }
  }
  record(
    `all ${files.length} real pages (${fmt(bytes / 1e6, 1)} MB)`,
    `${fmt(ours, 0)} ms`,
    `cheerio parse: ${fmt(parse, 0)} ms`,
    `${fmt(ours / parse, 1)}x the parse`,
  );
}

/** What the lexicon's matcher costs of extraction: its find() timed inside a whole-page run. */
async function benchMatcherShare(ctx: ClaimContext): Promise<void> {
  let inFind = 0;
  const find = ctx.lexicon.find.bind(ctx.lexicon);
  const timed: ClaimContext = {
    ...ctx,
    lexicon: {
      ...ctx.lexicon,
      find: (text: string) => {
        const t0 = performance.now();
        const hits = find(text);
        inFind += performance.now() - t0;
        return hits;
      },
    },
  };
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) {
    processTextDocument(
      { uri: `p${i}.html`, kind: 'html', bytes: new Uint8Array(Buffer.from(generatePage(i))), sha256: '' },
      timed,
    );
  }
  const total = performance.now() - t0;
  console.log('lexicon matcher (100 generated 20 KB pages, in-thread):');
  record(
    'lexicon find()',
    `${fmt(inFind / 100, 1)} ms a page`,
    `whole extraction: ${fmt(total / 100, 1)} ms a page`,
    `${fmt((inFind / total) * 100, 0)} % of extraction`,
  );
}

/** CPU seconds of this process (all its threads) and of its waited-for children, from /proc. */
function cpuSeconds(): { self: number; children: number } {
  const usage = process.cpuUsage();
  let children = 0;
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    children = Number.NaN;
  }
  return { self: (usage.user + usage.system) / 1e6, children };
}

interface OcrRound {
  coldS: number;
  coldCpu: number;
  warmS: number;
  nativeS?: number;
  nativeCpu?: number;
}

async function ourColdWarm(
  banners: Banner[],
  spec: NormalizedSpec,
  round: number,
): Promise<OcrRound & { warmHits: number; coldRuns: number }> {
  const cacheDir = join(work, `cache-${round}`);
  const images = {
    ocr: true,
    languages: ['eng', 'chi_sim'] as ('eng' | 'chi_sim')[],
    concurrency,
    cacheDir,
    limits: { maxPixels: 40e6, timeoutMs: 60_000 },
    assets: [],
    workDir: cacheDir,
  };
  const base = {
    cwd: work,
    inputs: banners.map((b) => b.file),
    spec,
    asOf: '2025-12-01',
    data: bundledClaimData(),
    toolVersion: 'bench',
    images,
  };
  const cold: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  const c0 = cpuSeconds().self;
  let t0 = performance.now();
  await scan(base, cold);
  const coldS = (performance.now() - t0) / 1000;
  const coldCpu = cpuSeconds().self - c0;
  const warm: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  t0 = performance.now();
  await scan(base, warm);
  const warmS = (performance.now() - t0) / 1000;
  return { coldS, coldCpu, warmS, warmHits: warm.cacheHits, coldRuns: cold.ocrRuns };
}

async function nativeRun(
  banners: Banner[],
  lang: string,
): Promise<{ seconds: number; cpu: number; texts: string[] }> {
  const c0 = cpuSeconds().children;
  const t0 = performance.now();
  const texts = await mapLimit(banners, concurrency, async (b) => {
    const { stdout } = await run('tesseract', [b.file, 'stdout', '-l', lang, '--psm', '3'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      maxBuffer: 1 << 24,
    });
    return stdout;
  });
  return { seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds().children - c0, texts };
}

/** Character error rate of claimlint's merged OCR text against what each banner says. */
async function ourCer(banners: Banner[]): Promise<{ cer: number; recognitions: number }> {
  const cacheDir = join(work, 'cer');
  const pool = await OcrPool.create({ languages: ['eng', 'chi_sim'], concurrency, workDir: cacheDir });
  const before = pool.jobsDone;
  const errs = await mapLimit(banners, concurrency, async (b) => {
    const decoded = await decodeImage(new Uint8Array(await readFile(b.file)));
    const result = await ocrImage(decoded, pool, ['eng', 'chi_sim']);
    return cer(
      b.truth,
      ocrSegments(b.file, result)
        .map((s) => s.text)
        .join(''),
    );
  });
  const recognitions = pool.jobsDone - before;
  await pool.close();
  return { cer: errs.reduce((a, b) => a + b, 0) / errs.length, recognitions };
}

/**
 * OCR side by side: three rounds, each a cold and a warm claimlint scan of the banners and the
 * native CLI over the same files with the same parallelism, alternating so that both see the
 * same machine load; medians of the rounds.
 */
async function benchOcr(banners: Banner[], spec: NormalizedSpec): Promise<void> {
  let lang: string | undefined;
  let version = '';
  try {
    version = (await run('tesseract', ['--version'])).stdout.split('\n')[0] ?? 'tesseract';
    lang = (await run('tesseract', ['--list-langs'])).stdout.includes('chi_sim') ? 'eng+chi_sim' : 'eng';
  } catch {
    console.log(
      'native tesseract: not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)',
    );
  }
  const rounds: OcrRound[] = [];
  let nativeTexts: string[] = [];
  let last: Awaited<ReturnType<typeof ourColdWarm>> | undefined;
  for (let r = 0; r < 3; r++) {
    const native = lang ? await nativeRun(banners, lang) : undefined;
    last = await ourColdWarm(banners, spec, r);
    if (native) nativeTexts = native.texts;
    rounds.push({ ...last, ...(native ? { nativeS: native.seconds, nativeCpu: native.cpu } : {}) });
  }
  const ours = await ourCer(banners);
  const n = banners.length;
  const coldS = median(rounds.map((r) => r.coldS));
  const warmS = median(rounds.map((r) => r.warmS));
  console.log(
    `OCR (${n} banners, medians of 3 rounds; claimlint: ${concurrency} workers, ${ours.recognitions} recognitions for ${n} images):`,
  );
  record(
    'OCR warm cache',
    `${fmt(n / warmS, 1)} images/s (${last?.warmHits} cache hits, 0 OCR runs)`,
    `claimlint cold: ${fmt(n / coldS)} images/s`,
    `${fmt(coldS / warmS, 0)}x cold (target >= 50x)`,
  );
  if (lang) {
    const nativeS = median(rounds.map((r) => r.nativeS!));
    record(
      'OCR cold cache',
      `${fmt(n / coldS)} images/s`,
      `native ${version} -l ${lang}, OMP_THREAD_LIMIT=1, ${concurrency} processes: ${fmt(n / nativeS)} images/s`,
      `${fmt(nativeS / coldS)}x native (target >= 1.0x)`,
    );
    const cpu = median(rounds.map((r) => r.coldCpu));
    const nativeCpu = median(rounds.map((r) => r.nativeCpu!));
    record(
      'OCR cold, CPU time',
      `${fmt(cpu)} s (whole scan, all threads)`,
      `native: ${fmt(nativeCpu)} s`,
      `${fmt(nativeCpu / cpu)}x native`,
    );
    const cerNative = nativeTexts.map((t, i) => cer(banners[i]!.truth, t)).reduce((a, b) => a + b, 0) / n;
    record(
      'OCR character error rate',
      `${fmt(ours.cer * 100, 1)} % (target <= 5 %)`,
      `native: ${fmt(cerNative * 100, 1)} %`,
      '',
    );
    console.log(
      `  rounds (claimlint cold s / native s): ${rounds.map((r) => `${fmt(r.coldS)}/${fmt(r.nativeS!)}`).join(', ')}`,
    );
  } else {
    record('OCR cold cache', `${fmt(n / coldS)} images/s`, 'native tesseract not installed', '');
    record('OCR character error rate', `${fmt(ours.cer * 100, 1)} %`, '', '');
  }
}

async function main() {
  console.log(
    `claimlint bench on ${cpus()[0]?.model ?? 'unknown CPU'}, ${concurrency} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
  );
  if (!existsSync(join(root, 'dist', 'app', 'main.js')))
    throw new Error('dist/ is missing: npm run build first');
  mkdirSync(work, { recursive: true });
  const spec = await loadSpec(demoSpec);
  const ctx = buildClaimContext(bundledClaimData(), spec);

  if (part('startup')) await benchStartup();
  if (part('pages')) {
    const thousand = await benchSite(1000);
    // The same pages with every paragraph and item tagged: nothing read once serves another page.
    await benchSite(1000, true);
    if (!quick) {
      const tenThousand = await benchSite(10_000);
      record(
        'time a page, 10,000 vs 1,000 pages',
        `${fmt(tenThousand.perPageMs, 2)} ms vs ${fmt(thousand.perPageMs, 2)} ms`,
        'flat: 1.00x',
        `${fmt(tenThousand.perPageMs / thousand.perPageMs)}x`,
      );
    }
    await benchParallelCapacity(400);
    await benchMatcherShare(ctx);
    await benchLinearity(ctx);
    await benchRealPages(ctx);
  }
  if (part('ocr')) {
    const banners = await makeBanners(join(work, 'banners'));
    console.log(`${banners.length} generated banners (${SIZES.map(([w, h]) => `${w}x${h}`).join(', ')})`);
    await benchOcr(banners, spec);
  }
  console.log(`peak RSS of the benchmark process: ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
  console.log('\n| measure | figure | anchor (same run) | ratio |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  rmSync(work, { recursive: true, force: true });
}

await main();
