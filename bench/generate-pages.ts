import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Generated product pages for the benchmark: the markup of a real car-marketing page (navigation,
// inline styles and scripts, a hero, feature sections, a configuration table, FAQ, footer links)
// with Chinese and English copy that makes claims, padded to a target size. Deterministic.

const ZH = [
  '埃安UT super 全新上市，CLTC续航430公里，快充30%-80%仅需24分钟。',
  '全系标配自适应巡航与车道保持辅助，长途驾驶更轻松。',
  '长续航版标配座椅加热，冬季出行更舒适。',
  '租电购车更轻松：电池月租仅需399元/月，每月里程上限3000公里，超出部分0.2元/公里。',
  '限时享以旧换新补贴，至高可省1万元，仅限广州、上海开票。',
  '支持OTA升级，智能语音助手随叫随到。',
  '这款车有没有天窗？埃安UT super没有天窗。',
  '宽敞的后排空间，满足一家五口的日常出行。',
  '电池容量44.1kWh，电机最大功率100kW。',
  '标准续航版京东价4.99万元，长续航版售价5.99万元。',
  '提供8年或15万公里电池质保。',
  '城市通勤的理想之选，灵活好停。',
];
const EN = [
  'The AION UT super offers up to 430 km of CLTC range and DC fast charging from 30% to 80% in 24 minutes.',
  'Adaptive cruise control and lane keep assist come as standard on every trim.',
  'Heated seats are standard on the Long Range and optional on the Standard Range.',
  'Battery rental from 399 yuan a month, with a cap of 3,000 km a month and 0.2 yuan per km beyond it.',
  'Over-the-air updates keep the software fresh; the voice assistant answers in Chinese and English.',
  'There is no sunroof on this model.',
  'A roomy cabin for five and a boot that swallows a weekend of luggage.',
  'Book a test drive at your nearest store today.',
  'Prices start at 49,900 yuan for the Standard Range.',
  'Designed for the city: tight turning circle, easy parking, low running costs.',
];

/** Pictures the pages show (a site reuses its pictures): img/logo.png and img/feature-N.png. */
export const IMAGES = 4;
export const IMAGE_FILES = ['logo.png', ...Array.from({ length: IMAGES }, (_, i) => `feature-${i}.png`)];
/** A valid 8x8 PNG: pages point at real files, and the images are not what the page benchmark measures. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQMAAAD+wSzIAAAABlBMVEX///+/v7+jQ3Y5AAAADklEQVQI12P4AIX8EAgALgAD/aNpbtEAAAAASUVORK5CYII',
  'base64',
);

function rng(seed: number) {
  let s = seed * 2654435761 + 1;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const NAV = Array.from(
  { length: 24 },
  (_, i) =>
    `<li class="nav-item"><a class="nav-link" href="/category/${i}/index.html">栏目 ${i} Section</a></li>`,
).join('\n        ');
const FOOTER = Array.from(
  { length: 40 },
  (_, i) => `<li><a href="/help/topic-${i}.html" rel="nofollow">帮助中心 Help topic ${i}</a></li>`,
).join('\n      ');
const STYLE = `.hero{background:#0b1d2a;color:#fff;padding:48px 24px}.feature{display:flex;gap:16px}.feature img{width:320px}
    .spec td,.spec th{border:1px solid #ddd;padding:6px 10px}.price strong{color:#e4393c;font-size:28px}`;

function table(r: () => number): string {
  const rows = [
    ['天窗', '-', '-'],
    ['座椅加热', '○', '●'],
    ['手机无线充电', '-', '●'],
    ['电池容量(kWh)', '31.7', '44.1'],
    ['CLTC纯电续航里程(km)', '330', '430'],
    ['自适应巡航', '●', '●'],
    ['车道保持辅助', '●', '●'],
    ['长(mm)', '4270', '4270'],
  ];
  const body = rows
    .filter(() => r() > 0.2)
    .map(([a, b, c]) => `<tr><td class="label">${a}</td><td>${b}</td><td>${c}</td></tr>`)
    .join('\n          ');
  return `<table class="spec">
        <thead><tr><th>配置</th><th>标准续航版</th><th>长续航版</th></tr></thead>
        <tbody>
          ${body}
        </tbody>
      </table>`;
}

/** Letters only (a digit would be read as a figure): a tag no other paragraph of the site has. */
export function letters(n: number): string {
  let out = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26))
    out = String.fromCharCode(97 + ((x - 1) % 26)) + out;
  return out;
}

function section(r: () => number, n: number, unique?: () => string): string {
  const pick = (a: string[]) => a[Math.floor(r() * a.length)]!;
  const zh = r() > 0.4;
  // With `unique`, every paragraph and item ends with a tag of its own: no text repeats.
  const tag = () => (unique ? (zh ? ` 编号${unique()}` : ` Ref ${unique()}.`) : '');
  const paras = Array.from(
    { length: 2 + Math.floor(r() * 3) },
    () => `<p class="copy">${zh ? pick(ZH) : pick(EN)} ${zh ? pick(ZH) : pick(EN)}${tag()}</p>`,
  ).join('\n        ');
  const items = Array.from({ length: 3 }, () => `<li>${zh ? pick(ZH) : pick(EN)}${tag()}</li>`).join('');
  return `<section class="feature" id="s${n}" data-track="feature-${n}">
      <div class="media"><img src="img/feature-${n % IMAGES}.png" alt="${zh ? '埃安UT super 车身细节' : 'AION UT super detail'}" loading="lazy" width="640" height="360"></div>
      <div class="text">
        <h2>${zh ? `亮点 ${n}` : `Highlight ${n}`}</h2>
        ${paras}
        <ul class="bullets">${items}</ul>
      </div>
    </section>`;
}

/**
 * One page of about `bytes` bytes (UTF-8). Its copy is drawn from a few dozen sentences, as a
 * site repeats its copy; `unique` tags every paragraph and list item so that no text repeats
 * across the site (what a site of entirely different copy costs to read).
 */
export function generatePage(index: number, bytes = 20_000, unique = false): string {
  const r = rng(index + 1);
  let tags = 0;
  const nextTag = unique ? () => letters(index * 1000 + tags++) : undefined;
  const head = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>埃安UT super 纯电小车 第${index}页 - 汽车频道</title>
  <meta name="description" content="埃安UT super，租电版4.99万起，CLTC续航430公里。">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/static/site.${index % 7}.css">
  <style>${STYLE}</style>
  <script>window.__TRACK__={page:${index},ab:"${r() > 0.5 ? 'a' : 'b'}"};function t(e){(window.dl=window.dl||[]).push(e)}</script>
</head>
<body class="product-page">
  <header class="site-header">
    <div class="logo"><a href="/"><img src="img/logo.png" alt="汽车频道"></a></div>
    <nav class="main-nav"><ul>
        ${NAV}
    </ul></nav>
  </header>
  <main id="content">
    <div class="hero"><h1>埃安UT super</h1><p class="price">京东价 <strong>4.99万</strong>起（标准续航版）</p></div>
`;
  const tail = `
    <section id="config"><h2>配置参数</h2>
      ${table(r)}
    </section>
    <section id="faq"><h2>客服问答</h2><dl><dt>问：这款车有没有天窗？</dt><dd>答：没有天窗，也没有全景遮阳帘。</dd></dl></section>
  </main>
  <footer class="site-footer"><ul>
      ${FOOTER}
  </ul><p>© 2026 汽车频道 京ICP备00000000号</p></footer>
  <script src="/static/app.${index % 5}.js" defer></script>
</body>
</html>
`;
  const enc = (s: string) => Buffer.byteLength(s);
  let body = '';
  let n = 0;
  const fixed = enc(head) + enc(tail);
  while (fixed + enc(body) < bytes) body += section(r, n++, nextTag);
  return head + body + tail;
}

/** A folder of `count` pages of about `bytes` each, with the pictures they show. */
export function writeSite(dir: string, count: number, bytes = 20_000, unique = false): void {
  mkdirSync(join(dir, 'img'), { recursive: true });
  for (const f of IMAGE_FILES) writeFileSync(join(dir, 'img', f), TINY_PNG);
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `page-${String(i).padStart(5, '0')}.html`), generatePage(i, bytes, unique));
  }
}
