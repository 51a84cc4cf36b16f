import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { baseScanSettings, checkSettings, resolveRun } from '../../src/cli/scan-command.js';
import { scanDocuments } from '../../src/pipeline/scan-documents.js';
import { buildServer, type ServeRun } from '../../src/serve/server.js';
import { Fetcher } from '../../src/sources/http/fetcher.js';
import type { Report } from '../../src/types.js';
import { runCliAsync } from '../helpers/cli.js';
import { makeDocx } from '../helpers/docx.js';
import { demoDir, repoRoot } from '../helpers/paths.js';

// What a request may carry besides pages: PDFs, Word drafts, several products, images by URL.
const io: Io = {
  stdout: () => undefined,
  stderr: () => undefined,
  readStdin: async () => new Uint8Array(),
  cwd: repoRoot,
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
};

async function serveRun(args: Record<string, unknown>, extra: Partial<ServeRun['settings']> = {}) {
  const run = await resolveRun({ ocr: false, cache: false, ...args }, io);
  const { inputs: _i, readStdin: _r, ...base } = baseScanSettings(run, io);
  return {
    settings: { ...base, ...checkSettings(run, io), ...extra },
    loadedAt: new Date().toISOString(),
  } as ServeRun;
}

async function start(run: ServeRun) {
  const { app } = await buildServer({
    current: () => run,
    toolVersion: 'test',
    bodyLimit: 20 * 1024 * 1024,
    timeoutMs: 120_000,
    concurrency: 1,
    queueSize: 8,
    log: () => undefined,
    today: () => '2025-12-01',
  });
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

async function postJson(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function stable(report: Report) {
  const { startedAt: _s, durationMs: _d, reused: _r, ...run } = report.run;
  return { ...report, run };
}

const base64 = (path: string) => readFileSync(join(repoRoot, path)).toString('base64');

describe('serve: PDFs, Word drafts and several specs', () => {
  it('reads a PDF as scan does, and draws its boxes on the page for the reviewer', async () => {
    const pdf = 'test/pdf/fixtures/brochure.pdf';
    const spec = 'test/pdf/fixtures/spec.yaml';
    const cli = await runCliAsync([
      'scan',
      pdf,
      '-s',
      spec,
      '--no-ocr',
      '--no-cache',
      '-f',
      'json',
      '--as-of',
      '2025-12-01',
    ]);
    const { app, url } = await start(await serveRun({ spec }));
    try {
      const doc = {
        documents: [{ name: pdf, content: base64(pdf), encoding: 'base64' }],
        asOf: '2025-12-01',
      };
      const scan = await postJson(url, '/v1/scan', doc);
      expect(scan.status).toBe(200);
      expect(stable(scan.body)).toEqual(stable(JSON.parse(cli.stdout)));
      expect(scan.body.findings.some((f: { feature?: string }) => f.feature === 'sunroof')).toBe(true);

      const review = await postJson(url, '/v1/review', doc);
      expect(review.status).toBe(200);
      expect(review.body.html).toMatch(/<div class="figure"><img src="data:image\/jpeg;base64,/);
      expect(review.body.html).toMatch(/<div class="box" style="left:/);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('reads a Word draft', async () => {
    const { app, url } = await start(await serveRun({ spec: 'examples/aion-ut-super/spec.yaml' }));
    try {
      const docx = await makeDocx(['AION UT super 全系标配全景天窗。']);
      const res = await postJson(url, '/v1/scan', {
        documents: [{ name: 'draft.docx', content: docx.toString('base64'), encoding: 'base64' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.documents[0]).toMatchObject({ uri: 'draft.docx', kind: 'docx', status: 'ok' });
      expect(res.body.findings.some((f: { feature?: string }) => f.feature === 'sunroof')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('checks each product against its own spec, as scan does with several specs', async () => {
    const specs = ['test/corpus/specs/veyra-s5.yaml', 'test/corpus/specs/veyra-x7.yaml'];
    const page =
      '<h2>VEYRA S5</h2><p>Panoramic sunroof and heated seats.</p><h2>VEYRA X7</h2><p>Panoramic sunroof as standard.</p>';
    const { app, url } = await start(await serveRun({ spec: specs }));
    try {
      const both = await postJson(url, '/v1/scan', { documents: [{ name: 'home.html', content: page }] });
      expect(both.status).toBe(200);
      const products = new Set(both.body.findings.map((f: { product?: string }) => f.product));
      expect(products).toEqual(new Set(['veyra-s5', 'veyra-x7']));
      // Naming one product checks only that one: the other's block is not held against it.
      const one = await postJson(url, '/v1/scan', {
        documents: [{ name: 'home.html', content: page }],
        product: 'veyra-x7',
      });
      expect(one.body.spec.product).toBe('veyra-x7');
      expect(one.body.findings.map((f: { product?: string }) => f.product)).not.toContain('veyra-s5');
      expect(one.body.findings.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});

describe('serve: images shown by URL', () => {
  let images: Server;
  let imageBase: string;
  const hits: string[] = [];
  beforeAll(async () => {
    const roof = readFileSync(join(demoDir, 'pages/aion/img/ecosystem-roof.jpg'));
    images = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(roof);
    });
    await new Promise<void>((r) => images.listen(0, '127.0.0.1', r));
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => images.close(r));
  });
  const config = { config: 'examples/aion-ut-super/claimlint.config.yaml' };
  const page = (src: string) => `<h1>AION UT super</h1><img src="${src}" alt="">`;
  const imageRecord = (report: Report) => report.documents.find((d) => d.kind === 'image');

  it('fetches nothing unless started with --allow-fetch', async () => {
    hits.length = 0;
    const { app, url } = await start(await serveRun(config));
    try {
      const res = await postJson(url, '/v1/scan', {
        documents: [{ name: 'p.html', content: page(`${imageBase}/roof.jpg`) }],
      });
      expect(res.status).toBe(200);
      expect(imageRecord(res.body)).toMatchObject({
        status: 'skipped',
        error: expect.stringMatching(/not fetched/),
      });
      const withBase = await postJson(url, '/v1/scan', {
        documents: [{ name: 'p.html', content: page('roof.jpg'), baseUrl: `${imageBase}/` }],
      });
      expect(withBase.status).toBe(400);
      expect(withBase.body.field).toBe('documents/0/baseUrl');
      expect(hits).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('with a fetcher, reads the image (a relative one against baseUrl) under the address policy', async () => {
    hits.length = 0;
    const open = new Fetcher({ userAgent: 'test', allowPrivate: true, minIntervalMs: 0 });
    const { app, url } = await start(
      await serveRun(config, { fetchImage: async (u) => (await open.fetch(u)).bytes }),
    );
    try {
      const res = await postJson(url, '/v1/scan', {
        documents: [{ name: 'p.html', content: page('img/roof.jpg'), baseUrl: `${imageBase}/launch/` }],
      });
      expect(res.status).toBe(200);
      expect(hits).toEqual(['/launch/img/roof.jpg']);
      expect(imageRecord(res.body)).toMatchObject({ uri: `${imageBase}/launch/img/roof.jpg`, status: 'ok' });
      // The picture is the registered studio shot of a sunroof the car does not have.
      expect(res.body.findings.some((f: { ruleId: string }) => f.ruleId === 'image-reuse')).toBe(true);
    } finally {
      await app.close();
      await open.close();
    }

    hits.length = 0;
    const strict = new Fetcher({ userAgent: 'test', allowPrivate: false });
    const guarded = await start(
      await serveRun(config, { fetchImage: async (u) => (await strict.fetch(u)).bytes }),
    );
    try {
      const res = await postJson(guarded.url, '/v1/scan', {
        documents: [{ name: 'p.html', content: page(`${imageBase}/roof.jpg`) }],
      });
      expect(imageRecord(res.body)?.status).toBe('error');
      expect(hits).toEqual([]);
    } finally {
      await guarded.app.close();
      await strict.close();
    }
  });
});

describe('serve: OCR workers', () => {
  it('asks the pool the server shares instead of starting its own', async () => {
    let asked = 0;
    const run = await serveRun({ spec: 'examples/aion-ut-super/spec.yaml' });
    const settings = {
      ...run.settings,
      asOf: '2025-12-01',
      images: {
        ocr: true,
        languages: ['eng' as const],
        concurrency: 1,
        limits: { maxPixels: 40e6, timeoutMs: 20_000 },
        assets: [],
        workDir: join(repoRoot, 'node_modules', '.cache', 'claimlint-test'),
        sharedPool: async () => {
          asked++;
          throw new Error('the shared pool was asked');
        },
      },
    };
    const bytes = readFileSync(join(demoDir, 'pages/aion/img/launch-banner.png'));
    const report = await scanDocuments([{ uri: 'banner.png', bytes: new Uint8Array(bytes) }], settings);
    expect(asked).toBeGreaterThan(0);
    expect(report.documents[0]?.error).toMatch(/the shared pool was asked/);
  });
});
