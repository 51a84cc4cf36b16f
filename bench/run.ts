// npm run bench: figures, not assertions. Pages/s for text extraction; OCR images/s with the pool,
// cold and warm cache; peak RSS; and the same banners through the native `tesseract` CLI (Debian
// tesseract-ocr, OMP_THREAD_LIMIT=1, same parallelism) with the character error rate of both.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { bundledClaimData } from '../src/data/claim-data.js';
import { decodeImage } from '../src/extract/image/decode.js';
import { ocrImage } from '../src/extract/image/ocr-image.js';
import { OcrPool } from '../src/extract/image/ocr-pool.js';
import { ocrSegments } from '../src/extract/image/ocr-segments.js';
import { type ScanStats, scan } from '../src/pipeline/scan.js';
import { loadSpec } from '../src/spec/load.js';
import { editDistance } from '../src/util/nearest.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'claimlint-bench-'));
const concurrency = availableParallelism();

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

async function background(width: number, height: number): Promise<Buffer> {
  const blobs = Array.from({ length: 12 }, () => {
    const c = [0, 1, 2].map(() => Math.round(40 + random() * 180)).join(',');
    return `<circle cx="${Math.round(random() * width)}" cy="${Math.round(random() * height)}" r="${Math.round(30 + random() * height * 0.6)}" fill="rgb(${c})" fill-opacity="0.6"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="rgb(${Math.round(random() * 120)},${Math.round(random() * 120)},${Math.round(80 + random() * 120)})"/>${blobs}</svg>`;
  return sharp(Buffer.from(svg)).blur(10).png().toBuffer();
}

const TEXTS = [
  ['全景天窗 畅享星空', 'CLTC续航 430公里'],
  ['标配座椅加热', '每月仅需399元'],
  ['Panoramic sunroof', 'Up to 500 km of range'],
  ['Heated seats as standard', 'Battery rental 399 yuan a month'],
  ['限时补贴 至高5000元', '仅限广州、上海开票'],
  ['Adaptive cruise control', 'DC fast charging in 24 min'],
];
const SIZES: [number, number][] = [
  [640, 240],
  [1200, 420],
  [1920, 640],
];

interface Banner {
  file: string;
  truth: string;
}

async function makeBanners(dir: string): Promise<Banner[]> {
  mkdirSync(dir, { recursive: true });
  const out: Banner[] = [];
  let n = 0;
  for (const [w, h] of SIZES) {
    for (const lines of TEXTS) {
      const size1 = Math.round(h * 0.2);
      const size2 = Math.round(h * 0.13);
      const band = n % 2 === 0;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
        ${band ? `<rect x="0" y="${Math.round(h * 0.62)}" width="${w}" height="${Math.round(h * 0.26)}" fill="#101418"/>` : ''}
        <text x="${Math.round(w * 0.05)}" y="${Math.round(h * 0.38)}" font-family="Noto Sans CJK SC" font-weight="700" font-size="${size1}" fill="#fff">${lines[0]}</text>
        <text x="${Math.round(w * 0.05)}" y="${Math.round(h * 0.8)}" font-family="Noto Sans CJK SC" font-weight="700" font-size="${size2}" fill="${band ? '#fff' : '#ffe14a'}">${lines[1]}</text></svg>`;
      const file = join(dir, `banner-${n++}.${n % 3 === 0 ? 'jpg' : 'png'}`);
      const img = sharp(await background(w, h)).composite([{ input: Buffer.from(svg) }]);
      await (file.endsWith('.jpg') ? img.jpeg({ quality: 85 }) : img.png()).toFile(file);
      out.push({ file, truth: lines.join('') });
    }
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, '').replace(/[，,]/g, ',');
function cer(truth: string, got: string): number {
  const t = squash(truth);
  return editDistance(t, squash(got)) / Math.max(1, t.length);
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

const fmt = (n: number, d = 2) => n.toFixed(d);

async function benchPages(): Promise<string[]> {
  const dir = join(work, 'site');
  const pages = join(root, 'examples', 'aion-ut-super', 'pages');
  const copies = 40;
  for (let i = 0; i < copies; i++) {
    cpSync(pages, join(dir, `copy-${i}`), {
      recursive: true,
      filter: (src) => !/\.(png|jpe?g|webp)$/i.test(src),
    });
  }
  const spec = await loadSpec(join(root, 'examples', 'aion-ut-super', 'spec.yaml'));
  const inputs = [dir];
  const t0 = performance.now();
  const report = await scan({
    cwd: work,
    inputs,
    spec,
    asOf: '2025-12-01',
    data: bundledClaimData(),
    toolVersion: 'bench',
  });
  const seconds = (performance.now() - t0) / 1000;
  return [
    `text pages: ${report.documents.length} documents in ${fmt(seconds)} s = ${fmt(report.documents.length / seconds, 1)} pages/s (${report.findings.length} findings)`,
  ];
}

async function benchImages(banners: Banner[]): Promise<{ lines: string[]; ours: number; cerOurs: number }> {
  const spec = await loadSpec(join(root, 'examples', 'aion-ut-super', 'spec.yaml'));
  const cacheDir = join(work, 'cache');
  const inputs = banners.map((b) => b.file);
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
    inputs,
    spec,
    asOf: '2025-12-01',
    data: bundledClaimData(),
    toolVersion: 'bench',
    images,
  };
  const cold: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  let t0 = performance.now();
  await scan(base, cold);
  const coldS = (performance.now() - t0) / 1000;
  const warm: ScanStats = { ocrRuns: 0, cacheHits: 0, images: 0 };
  t0 = performance.now();
  await scan(base, warm);
  const warmS = (performance.now() - t0) / 1000;

  // Character error rate: the merged OCR text against what the banner says.
  const pool = await OcrPool.create({ languages: ['eng', 'chi_sim'], concurrency, workDir: cacheDir });
  const errs = await mapLimit(banners, concurrency, async (b) => {
    const decoded = await decodeImage(new Uint8Array(await readFile(b.file)));
    const result = await ocrImage(decoded, pool, ['eng', 'chi_sim']);
    const text = ocrSegments(b.file, result)
      .map((s) => s.text)
      .join('');
    return cer(b.truth, text);
  });
  await pool.close();
  const cerOurs = errs.reduce((a, b) => a + b, 0) / errs.length;
  return {
    ours: banners.length / coldS,
    cerOurs,
    lines: [
      `OCR, claimlint pool (${concurrency} workers per language, eng + chi_sim, 2 renderings each):`,
      `  cold cache: ${banners.length} images in ${fmt(coldS)} s = ${fmt(banners.length / coldS)} images/s (${cold.ocrRuns} OCR runs)`,
      `  warm cache: ${banners.length} images in ${fmt(warmS)} s = ${fmt(banners.length / warmS, 1)} images/s (${warm.ocrRuns} OCR runs, ${warm.cacheHits} cache hits)`,
      `  character error rate: ${fmt(cerOurs * 100, 1)} %`,
    ],
  };
}

async function benchNative(
  banners: Banner[],
): Promise<{ lines: string[]; native?: number; cerNative?: number }> {
  try {
    await run('tesseract', ['--version']);
  } catch {
    return {
      lines: [
        'native tesseract: not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)',
      ],
    };
  }
  const langs = (await run('tesseract', ['--list-langs'])).stdout;
  const lang = langs.includes('chi_sim') ? 'eng+chi_sim' : 'eng';
  const t0 = performance.now();
  const texts = await mapLimit(banners, concurrency, async (b) => {
    const { stdout } = await run('tesseract', [b.file, 'stdout', '-l', lang, '--psm', '3'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      maxBuffer: 1 << 24,
    });
    return stdout;
  });
  const seconds = (performance.now() - t0) / 1000;
  const cerNative = texts.map((t, i) => cer(banners[i]!.truth, t)).reduce((a, b) => a + b, 0) / texts.length;
  const version = (await run('tesseract', ['--version'])).stdout.split('\n')[0];
  return {
    native: banners.length / seconds,
    cerNative,
    lines: [
      `OCR, native ${version} (-l ${lang}, OMP_THREAD_LIMIT=1, ${concurrency} processes, original images):`,
      `  ${banners.length} images in ${fmt(seconds)} s = ${fmt(banners.length / seconds)} images/s`,
      `  character error rate: ${fmt(cerNative * 100, 1)} %`,
    ],
  };
}

async function main() {
  console.log(
    `claimlint bench on ${cpus()[0]?.model ?? 'unknown CPU'}, ${concurrency} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
  );
  const banners = await makeBanners(join(work, 'banners'));
  console.log(
    `${banners.length} generated banners (${SIZES.map(([w, h]) => `${w}x${h}`).join(', ')}; Chinese and English over photographic backgrounds, half with a dark band)`,
  );
  for (const l of await benchPages()) console.log(l);
  const ours = await benchImages(banners);
  for (const l of ours.lines) console.log(l);
  const native = await benchNative(banners);
  for (const l of native.lines) console.log(l);
  if (native.native) {
    console.log(
      `ratio: claimlint cold ${fmt(ours.ours)} images/s vs native ${fmt(native.native)} images/s = ${fmt(ours.ours / native.native)}x; error rate ${fmt(ours.cerOurs * 100, 1)} % vs ${fmt((native.cerNative ?? 0) * 100, 1)} %`,
    );
  }
  console.log(`peak RSS: ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
  rmSync(work, { recursive: true, force: true });
}

await main();
