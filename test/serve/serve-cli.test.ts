import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { demoDir, repoRoot } from '../helpers/paths.js';
import { type ServeProcess, startServe } from './serve-process.js';

// The built CLI's `serve`, on a real socket on 127.0.0.1, against the flagship demo.
const spec = 'examples/aion-ut-super/spec.yaml';
const config = 'examples/aion-ut-super/claimlint.config.yaml';
const inputs = [
  'examples/aion-ut-super/pages/jd/product.html',
  'examples/aion-ut-super/pages/store/faq.md',
  'examples/aion-ut-super/pages/catl/battery-rental.txt',
  'examples/aion-ut-super/pages/aion/ut-super-en.html',
  'examples/aion-ut-super/pages/aion/img/launch-banner.png',
];
const TOKEN = 'test-token-0123456789abcdef';

/** A report without what differs from run to run. */
function stable(report: Record<string, unknown>) {
  const { run, ...rest } = report as { run: Record<string, unknown> };
  const { startedAt: _s, durationMs: _d, reused: _r, ...kept } = run;
  return { ...rest, run: kept };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const asDocument = (path: string) => {
  const bytes = readFileSync(join(repoRoot, path));
  return path.endsWith('.png')
    ? { name: path, content: bytes.toString('base64'), encoding: 'base64' }
    : { name: path, content: bytes.toString('utf8') };
};

describe('claimlint serve (built CLI, real HTTP)', () => {
  let server: ServeProcess;
  beforeAll(async () => {
    server = await startServe(['-s', spec, '-c', config, '--token', TOKEN, '--concurrency', '1']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('answers with the report scan -f json gives for the same files (JSON and multipart)', async () => {
    const cli = await runCliAsync([
      'scan',
      ...inputs,
      '-s',
      spec,
      '-c',
      config,
      '-f',
      'json',
      '--as-of',
      '2025-12-01',
    ]);
    expect(cli.code, cli.stderr).toBe(1);
    const expected = stable(JSON.parse(cli.stdout));

    const res = await post(
      `${server.url}/v1/scan`,
      { documents: inputs.map(asDocument), asOf: '2025-12-01' },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const viaJson = await res.json();
    expect(stable(viaJson)).toEqual(expected);
    expect(viaJson.findings.length).toBeGreaterThan(3);

    const form = new FormData();
    for (const path of inputs) form.append('file', new Blob([readFileSync(join(repoRoot, path))]), path);
    form.append('asOf', '2025-12-01');
    const multi = await fetch(`${server.url}/v1/scan`, { method: 'POST', body: form, headers: auth });
    expect(multi.status).toBe(200);
    expect(stable(await multi.json())).toEqual(expected);

    const line = server.log().find((l) => l.path === '/v1/scan' && l.status === 200);
    expect(line).toMatchObject({ method: 'POST', findings: viaJson.findings.length });
    expect(typeof line?.id).toBe('string');
    expect(typeof line?.ms).toBe('number');
  }, 180_000);

  it('requires the bearer token on /v1 and checks it', async () => {
    const body = { documents: [{ name: 'a.txt', content: 'AION UT super 全景天窗' }] };
    const none = await post(`${server.url}/v1/scan`, body);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await post(`${server.url}/v1/scan`, body, { authorization: 'Bearer nope-nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toMatch(/wrong bearer token/);
    expect((await fetch(`${server.url}/v1/specs`)).status).toBe(401);
    const right = await post(`${server.url}/v1/scan`, body, auth);
    expect(right.status).toBe(200);
    // Liveness and the API description stay open to the load balancer.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const openapi = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists the loaded specs', async () => {
    const res = await fetch(`${server.url}/v1/specs`, { headers: auth });
    const body = await res.json();
    expect(body.specs).toEqual([
      expect.objectContaining({ product: 'aion-ut-super', revision: '2025-11-28', variants: ['std', 'lr'] }),
    ]);
  });

  it('refuses a 60 MB body with 413', async () => {
    const big = Buffer.alloc(60 * 1024 * 1024, 0x61);
    let status: number | undefined;
    try {
      const res = await fetch(`${server.url}/v1/scan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: big,
      });
      status = res.status;
      if (status === 413) expect((await res.json()).error).toBe('too-large');
    } catch (error) {
      // The server may answer 413 and close before the client has sent everything.
      throw new Error(`no answer to a 60 MB body: ${String(error)}`);
    }
    expect(status).toBe(413);
  }, 60_000);
});

describe('claimlint serve start-up', () => {
  it('refuses a non-loopback host without a token', () => {
    const r = runCli(['serve', '-s', spec, '--host', '0.0.0.0', '--port', '0'], {
      env: { CLAIMLINT_TOKEN: '' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/token is required/);
  });

  it('finishes the scans in flight on SIGTERM, then stops', async () => {
    const server = await startServe(['-s', spec, '--no-ocr']);
    // A page big enough that its scan is still running when the signal comes.
    const page = readFileSync(join(demoDir, 'pages/jd/product.html'), 'utf8');
    const big = { documents: [{ name: 'big.html', content: page.repeat(400) }], asOf: '2025-12-01' };
    const pending = post(`${server.url}/v1/scan`, big);
    for (let i = 0; i < 500; i++) {
      const health = await (await fetch(`${server.url}/healthz`)).json();
      if (health.running > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    server.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json()).findings.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
    const events = server.log().map((l) => l.event ?? l.path);
    expect(events).toContain('shutdown');
    expect(events.at(-1)).toBe('stopped');
    // The scan finished before the server stopped.
    expect(events.indexOf('/v1/scan')).toBeLessThan(events.indexOf('stopped'));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 120_000);
});
