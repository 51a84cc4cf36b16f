#!/usr/bin/env node
// Generates the image fixtures of the tests and the demo (committed, so that tests do not depend
// on the fonts of the machine that runs them). Run: node scripts/make-image-fixtures.mjs
// Needs a CJK font (Debian: fonts-noto-cjk). Output is deterministic: a seeded generator.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'image', 'fixtures');
const demo = join(root, 'examples', 'aion-ut-super');
mkdirSync(fixtures, { recursive: true });
mkdirSync(join(demo, 'assets'), { recursive: true });
mkdirSync(join(demo, 'pages', 'aion', 'img'), { recursive: true });

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/** A "photographic" background: soft colour blobs, a gradient and grain. */
async function photo(width, height, palette) {
  const blobs = Array.from({ length: 14 }, () => {
    const [r, g, b] = palette[Math.floor(random() * palette.length)];
    return `<circle cx="${Math.round(random() * width)}" cy="${Math.round(random() * height)}" r="${Math.round(40 + random() * height * 0.6)}" fill="rgb(${r},${g},${b})" fill-opacity="0.55"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${palette[0].join(',')})"/><stop offset="1" stop-color="rgb(${palette[1].join(',')})"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${blobs}</svg>`;
  const grain = Buffer.alloc(width * height * 3);
  for (let i = 0; i < grain.length; i++) grain[i] = Math.floor(random() * 40);
  const base = await sharp(Buffer.from(svg)).blur(12).png().toBuffer();
  const noise = await sharp(grain, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return sharp(base)
    .composite([{ input: noise, blend: 'soft-light' }])
    .png()
    .toBuffer();
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

async function banner(file, { width, height, palette, lines, band }) {
  const bg = await photo(width, height, palette);
  const parts = [];
  if (band)
    parts.push(`<rect x="0" y="${band.y}" width="${width}" height="${band.height}" fill="${band.fill}"/>`);
  for (const l of lines) {
    const shadow = l.shadow
      ? `<text x="${l.x + 3}" y="${l.y + 3}" font-family="Noto Sans CJK SC" font-size="${l.size}" font-weight="${l.weight ?? 700}" fill="rgba(0,0,0,0.45)">${esc(l.text)}</text>`
      : '';
    parts.push(
      `${shadow}<text x="${l.x}" y="${l.y}" font-family="Noto Sans CJK SC, Noto Sans, DejaVu Sans" font-size="${l.size}" font-weight="${l.weight ?? 700}" fill="${l.fill}">${esc(l.text)}</text>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  const img = sharp(bg).composite([{ input: Buffer.from(svg) }]);
  if (file.endsWith('.jpg')) await img.jpeg({ quality: 82 }).toFile(file);
  else if (file.endsWith('.webp')) await img.webp({ quality: 80 }).toFile(file);
  else await img.png().toFile(file);
}

const sky = [
  [70, 120, 190],
  [230, 170, 120],
  [120, 180, 210],
  [200, 120, 150],
  [90, 160, 120],
];
const city = [
  [60, 60, 80],
  [150, 150, 170],
  [200, 190, 160],
  [90, 110, 140],
  [170, 90, 70],
];

// Test banners: the text each carries is in the test (image.test.ts) and the benchmark.
await banner(join(fixtures, 'banner-zh.png'), {
  width: 1200,
  height: 420,
  palette: sky,
  lines: [
    { text: '全景天窗 畅享星空', x: 70, y: 150, size: 86, fill: '#ffffff', shadow: true },
    { text: 'CLTC续航 600公里', x: 70, y: 350, size: 60, fill: '#ffffff' },
  ],
  band: { y: 280, height: 100, fill: '#101418' },
});
await banner(join(fixtures, 'banner-en.jpg'), {
  width: 1000,
  height: 360,
  palette: city,
  lines: [
    { text: 'Panoramic sunroof', x: 50, y: 130, size: 72, fill: '#ffffff', shadow: true },
    { text: 'Up to 600 km of range', x: 50, y: 290, size: 54, fill: '#ffd84a' },
  ],
  band: { y: 225, height: 90, fill: '#0b0b0b' },
});
await banner(join(fixtures, 'banner-dark-text.webp'), {
  width: 900,
  height: 300,
  palette: [
    [235, 235, 230],
    [250, 245, 235],
    [220, 230, 240],
  ],
  lines: [
    { text: '标配座椅加热', x: 60, y: 130, size: 70, fill: '#1a1a1a' },
    { text: '无天窗', x: 60, y: 240, size: 56, fill: '#202020' },
  ],
});
await banner(join(fixtures, 'banner-small.png'), {
  width: 480,
  height: 160,
  palette: sky,
  lines: [{ text: '电动天窗', x: 24, y: 95, size: 40, fill: '#ffffff', shadow: true }],
  band: { y: 50, height: 60, fill: '#1b2430' },
});

// Known pictures: a studio shot of a car roof with an open sunroof, and an unrelated photo.
async function roofStudio(width, height) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1200 800">
    <rect width="1200" height="800" fill="#dfe4ea"/>
    <ellipse cx="600" cy="690" rx="520" ry="40" fill="#9aa3ad"/>
    <path d="M120 600 Q160 420 360 380 L480 250 Q600 200 760 250 L900 380 Q1070 420 1100 600 Z" fill="#c0392b"/>
    <path d="M500 270 Q600 235 730 270 L780 350 L460 350 Z" fill="#1c2833"/>
    <rect x="545" y="285" width="150" height="50" rx="8" fill="#5dade2"/>
    <rect x="560" y="255" width="120" height="24" rx="6" fill="#2e4053"/>
    <circle cx="330" cy="610" r="85" fill="#17202a"/><circle cx="330" cy="610" r="40" fill="#aab7b8"/>
    <circle cx="880" cy="610" r="85" fill="#17202a"/><circle cx="880" cy="610" r="40" fill="#aab7b8"/>
    <path d="M380 400 L500 300 L700 300 L820 400 Z" fill="#85c1e9" fill-opacity="0.6"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
const studio = await roofStudio(1200, 800);
await sharp(studio).toFile(join(demo, 'assets', 'roof-studio.png'));
await sharp(studio).toFile(join(fixtures, 'asset-roof.png'));
// The reused copy a channel page shows: resized, lightly cropped, re-encoded.
await sharp(studio)
  .extract({ left: 30, top: 20, width: 1140, height: 760 })
  .resize(640)
  .jpeg({ quality: 70 })
  .toFile(join(demo, 'pages', 'aion', 'img', 'ecosystem-roof.jpg'));
await sharp(studio)
  .extract({ left: 40, top: 30, width: 1120, height: 740 })
  .resize(500)
  .webp({ quality: 60 })
  .toFile(join(fixtures, 'asset-roof-copy.webp'));
await sharp(await photo(900, 600, city))
  .jpeg({ quality: 85 })
  .toFile(join(fixtures, 'unrelated-photo.jpg'));
// The demo's banner: a sunroof promoted in the picture's text.
await banner(join(demo, 'pages', 'aion', 'img', 'launch-banner.png'), {
  width: 1080,
  height: 400,
  palette: sky,
  lines: [
    { text: '埃安UT super 全景天窗', x: 60, y: 150, size: 76, fill: '#ffffff', shadow: true },
    { text: '租电购车 每月仅需399元', x: 60, y: 330, size: 54, fill: '#ffffff' },
  ],
  band: { y: 265, height: 95, fill: '#0f1720' },
});
console.log('fixtures written');
