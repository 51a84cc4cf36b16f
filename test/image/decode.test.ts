import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/extract/image/decode.js';
import { pngBomb } from '../helpers/images.js';
import { fixture } from '../helpers/paths.js';

const banner = readFileSync(fixture(import.meta.url, 'banner-zh.png'));

describe('safe decoding', () => {
  it.each([
    ['png', banner],
    ['jpeg', readFileSync(fixture(import.meta.url, 'banner-en.jpg'))],
    ['webp', readFileSync(fixture(import.meta.url, 'banner-dark-text.webp'))],
  ])('decodes %s to a clean PNG', async (_, bytes) => {
    const d = await decodeImage(bytes);
    expect(d.png.subarray(1, 4).toString()).toBe('PNG');
    expect(d.width).toBeGreaterThan(100);
  });

  it('decodes gif (first frame), tiff, avif and svg', async () => {
    const small = await sharp(banner).resize(300).toBuffer();
    for (const format of ['gif', 'tiff', 'avif'] as const) {
      const d = await decodeImage(await sharp(small).toFormat(format).toBuffer());
      expect(d.width, format).toBe(300);
    }
    const svg = await decodeImage(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><text x="5" y="50">x</text></svg>',
      ),
    );
    expect(svg.format).toBe('svg');
  });

  it('counts every frame of an animation against the pixel limit', async () => {
    const frames = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sharp({
          create: { width: 400, height: 400, channels: 3, background: { r: i * 8, g: 100, b: 200 - i * 5 } },
        })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    await expect(decodeImage(gif, { maxPixels: 2_000_000, timeoutMs: 10_000 })).rejects.toThrow(
      /30 frames.*over the 2 MP limit/,
    );
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200_000);
    await expect(decodeImage(bomb)).rejects.toThrow(/3600\.0 MP, over the 40 MP limit/);
  });

  it('a truncated file is a clear error', async () => {
    await expect(decodeImage(banner.subarray(0, banner.length / 2))).rejects.toThrow(/corrupt or truncated/);
    const jpeg = await sharp(banner).jpeg().toBuffer();
    await expect(decodeImage(jpeg.subarray(0, 4000))).rejects.toThrow(/corrupt or truncated/);
  });

  it('a text file with an image name is a clear error', async () => {
    await expect(decodeImage(Buffer.from('<html>not an image</html>'))).rejects.toThrow(/not an image/);
  });
});
