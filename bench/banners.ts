// Generated banners for the OCR benchmark: Chinese and English text over photographic
// backgrounds, half of them with light text on a dark band, a third re-encoded as JPEG.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { editDistance } from '../src/util/nearest.js';

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

export const TEXTS = [
  ['全景天窗 畅享星空', 'CLTC续航 430公里'],
  ['标配座椅加热', '每月仅需399元'],
  ['Panoramic sunroof', 'Up to 500 km of range'],
  ['Heated seats as standard', 'Battery rental 399 yuan a month'],
  ['限时补贴 至高5000元', '仅限广州、上海开票'],
  ['Adaptive cruise control', 'DC fast charging in 24 min'],
];
export const SIZES: [number, number][] = [
  [640, 240],
  [1200, 420],
  [1920, 640],
];

export interface Banner {
  file: string;
  truth: string;
}

export async function makeBanners(dir: string): Promise<Banner[]> {
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
export function cer(truth: string, got: string): number {
  const t = squash(truth);
  return editDistance(t, squash(got)) / Math.max(1, t.length);
}
