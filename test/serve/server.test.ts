import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { baseScanSettings, checkSettings, resolveRun } from '../../src/cli/scan-command.js';
import { scanDocuments } from '../../src/pipeline/scan-documents.js';
import { buildServer, type ServeOptions, type ServeRun } from '../../src/serve/server.js';
import type { Report } from '../../src/types.js';
import { repoRoot } from '../helpers/paths.js';

// The server in this process, on a real socket on 127.0.0.1, with the demo spec and config.
const io: Io = {
  stdout: () => undefined,
  stderr: () => undefined,
  readStdin: async () => new Uint8Array(),
  cwd: repoRoot,
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
};

async function demoRun(): Promise<ServeRun> {
  const run = await resolveRun(
    {
      spec: 'examples/aion-ut-super/spec.yaml',
      config: 'examples/aion-ut-super/claimlint.config.yaml',
      ocr: false,
      cache: false,
    },
    io,
  );
  const { inputs: _i, readStdin: _r, ...base } = baseScanSettings(run, io);
  return { settings: { ...base, ...checkSettings(run, io) }, loadedAt: new Date().toISOString() };
}

async function start(run: ServeRun, overrides: Partial<ServeOptions> = {}) {
  const lines: string[] = [];
  const { app } = await buildServer({
    current: () => run,
    toolVersion: 'test',
    bodyLimit: 5 * 1024 * 1024,
    timeoutMs: 60_000,
    concurrency: 2,
    queueSize: 64,
    log: (l) => lines.push(l),
    today: () => '2025-12-01',
    ...overrides,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, lines };
}

const post = (url: string, body: unknown, type = 'application/json') =>
  fetch(`${url}/v1/scan`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('serve: scans', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await start(await demoRun()));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 40 concurrent requests, each with the findings of its own page', async () => {
    const page = (i: number) =>
      `<h1>AION UT super</h1><p>草稿 ${i}：全系标配全景天窗，续航 ${500 + i} 公里 CLTC。</p>`;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(url, { documents: [{ name: `draft-${i}.html`, content: page(i) }], asOf: '2025-12-01' }),
      ),
    );
    const reports = (await Promise.all(responses.map((r) => r.json()))) as Report[];
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    reports.forEach((report, i) => {
      expect(report.documents.map((d) => d.uri)).toEqual([`draft-${i}.html`]);
      expect(report.findings.every((f) => f.uri === `draft-${i}.html`)).toBe(true);
      expect(report.findings.some((f) => f.ruleId === 'feature-absent' && f.feature === 'sunroof')).toBe(
        true,
      );
      // Each page states its own range: the mismatch names that number.
      const range = report.findings.find((f) => f.feature === 'range_km');
      expect(range?.claimed).toContain(String(500 + i));
    });
  }, 120_000);

  it('checks one product when the request names it, and refuses an unknown one', async () => {
    const ok = await post(url, {
      documents: [{ name: 'a.txt', content: 'AION UT super 全景天窗' }],
      product: 'aion-ut-super',
    });
    expect(ok.status).toBe(200);
    const bad = await post(url, { documents: [{ name: 'a.txt', content: 'x' }], product: 'model-y' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      field: 'product',
      message: expect.stringMatching(/aion-ut-super/),
    });
  });

  it.each([
    ['not JSON', '{"documents": [', 'body'],
    ['an unknown field', { documents: [{ name: 'a.txt', content: 'x' }], sepc: 1 }, 'sepc'],
    [
      'an unknown document field',
      { documents: [{ name: 'a.txt', content: 'x', kind: 'html' }] },
      'documents/0/kind',
    ],
    ['no documents', { documents: [] }, 'documents'],
    ['documents missing', { asOf: '2025-12-01' }, 'documents'],
    ['an empty document', { documents: [{ name: 'a.txt', content: '' }] }, 'documents/0/content'],
    ['a nameless document', { documents: [{ content: 'x' }] }, 'documents/0/name'],
    [
      'a bad encoding',
      { documents: [{ name: 'a', content: 'x', encoding: 'gzip' }] },
      'documents/0/encoding',
    ],
    [
      'bad base64',
      { documents: [{ name: 'a.png', content: '***', encoding: 'base64' }] },
      'documents/0/content',
    ],
    ['a bad date', { documents: [{ name: 'a.txt', content: 'x' }], asOf: '2025-13-45' }, 'asOf'],
    ['a date that is no day', { documents: [{ name: 'a.txt', content: 'x' }], asOf: '2025-02-30' }, 'asOf'],
    ['a number for a name', { documents: [{ name: 5, content: 'x' }] }, 'documents/0/name'],
    [
      'a name used twice',
      {
        documents: [
          { name: 'a', content: 'x' },
          { name: 'a', content: 'y' },
        ],
      },
      'documents/1/name',
    ],
    ['an array body', [], 'body'],
  ])('answers 400 naming the field for %s', async (_what, body, field) => {
    const res = await post(url, body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toBe('bad-request');
    expect(json.field).toBe(field);
    expect(json.message).toContain(field);
  });

  it('answers 415 to a body that is neither JSON nor a form', async () => {
    const res = await post(url, 'AION UT super 全景天窗', 'text/plain');
    expect(res.status).toBe(415);
  });

  it('answers 400 naming an unknown form field, and a form without files', async () => {
    const form = new FormData();
    form.append('file', new Blob(['AION UT super']), 'a.txt');
    form.append('spec', 'x');
    const res = await fetch(`${url}/v1/scan`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('spec');
    const empty = new FormData();
    empty.append('asOf', '2025-12-01');
    const none = await fetch(`${url}/v1/scan`, { method: 'POST', body: empty });
    expect(none.status).toBe(400);
    expect((await none.json()).field).toBe('files');
  });

  it('answers 413 beyond the body limit, JSON or multipart', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const res = await post(url, { documents: [{ name: 'a.txt', content: big }] });
    expect(res.status).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([big]), 'big.txt');
    const multi = await fetch(`${url}/v1/scan`, { method: 'POST', body: form });
    expect(multi.status).toBe(413);
  });

  it('describes the API in OpenAPI 3.1, from the route schemas', async () => {
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    const scan = doc.paths['/v1/scan'].post;
    expect(Object.keys(scan.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    const body = scan.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['documents']);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(scan.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '413', '429', '503']),
    );
    expect(doc.paths['/v1/specs'].get).toBeDefined();
    expect(doc.paths['/healthz'].get).toBeDefined();
  });
});

describe('serve: limits', () => {
  /** A scan that ends only when the test says so. */
  function gatedScan() {
    const gates: (() => void)[] = [];
    const scan: typeof scanDocuments = async (docs, settings) => {
      await new Promise<void>((r) => gates.push(r));
      return scanDocuments(docs, settings);
    };
    const open = () => {
      for (const g of gates.splice(0)) g();
    };
    return { scan, gates, open };
  }
  const doc = { documents: [{ name: 'a.txt', content: 'AION UT super 全景天窗' }] };

  it('queues up to the limit and answers 429 with Retry-After beyond it', async () => {
    const gate = gatedScan();
    const { app, url, lines } = await start(await demoRun(), {
      concurrency: 1,
      queueSize: 2,
      scan: gate.scan,
    });
    try {
      const first = post(url, doc);
      // The first one runs (its gate is set), the next two wait in the queue.
      while (gate.gates.length < 1) await new Promise((r) => setTimeout(r, 10));
      const waiting = [post(url, doc), post(url, doc)];
      while ((await (await fetch(`${url}/healthz`)).json()).queued < 2)
        await new Promise((r) => setTimeout(r, 10));
      const refused = await post(url, doc);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await refused.json()).error).toBe('busy');
      // Those that waited are answered in turn.
      const released = setInterval(() => gate.open(), 10);
      const answers = await Promise.all([first, ...waiting]);
      clearInterval(released);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const scans = lines.map((l) => JSON.parse(l)).filter((l) => l.path === '/v1/scan');
      expect(scans.map((l) => l.status).sort()).toEqual([200, 200, 200, 429]);
    } finally {
      gate.open();
      await app.close();
    }
  });

  it('answers 503 when a scan outlives the time limit', async () => {
    const gate = gatedScan();
    const { app, url } = await start(await demoRun(), { timeoutMs: 300, scan: gate.scan });
    try {
      const res = await post(url, doc);
      expect(res.status).toBe(503);
      expect((await res.json()).error).toBe('timeout');
    } finally {
      gate.open();
      await app.close();
    }
  });
});
