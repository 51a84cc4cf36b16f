import { describe, expect, it } from 'vitest';
import { normalizeText, originalSpan } from '../../src/claims/normalize-text.js';

describe('normalizeText', () => {
  it.each([
    ['ＨＵＤ抬头显示', 'hud抬头显示'],
    ['電動天窗', '电动天窗'],
    ['座椅加熱', '座椅加热'],
    ['全 景 天 窗', '全景天窗'],
    ['Head-Up Display', 'head up display'],
    ['续航　500  公里', '续航 500 公里'],
    ['３０００公里', '3000公里'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('maps normalised offsets back to the original', () => {
    const input = '本车配备 全 景 天 窗。';
    const n = normalizeText(input);
    const at = n.text.indexOf('全景天窗');
    const [s, e] = originalSpan(n, at, at + 4);
    expect(input.slice(s, e)).toBe('全 景 天 窗');
  });
});
