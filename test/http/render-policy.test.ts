import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { bundledClaimData } from '../../src/data/claim-data.js';
import { scan } from '../../src/pipeline/scan.js';
import { Fetcher } from '../../src/sources/http/fetcher.js';
import { RenderBlockedError, Renderer } from '../../src/sources/http/render.js';
import { hasChromium } from '../helpers/chromium.js';
import { testSpec } from '../helpers/claims.js';

/**
 * Issue 15 item 9, --render: claimlint's own request filter must cover WebSockets, and a page
 * whose script navigates to a blocked address must not be read as the browser's error page.
 * "public.test" is a public address to claimlint's address policy (resolver override) while
 * Chromium is told to connect it to 127.0.0.1; 127.0.0.1 itself stays blocked.
 */
let server: Server;
let port = 0;
const requests: string[] = [];
const upgrades: string[] = [];

const page = (body: string) => `<!doctype html><html><body>${body}</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const html = (s: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(s);
    };
    if (req.url === '/navigates')
      return html(
        page(`<p>Spring campaign</p><script>location.href = 'http://127.0.0.1:${port}/target';</script>`),
      );
    if (req.url === '/socket')
      return html(
        page(`<p id="state">waiting</p><script>
const ws = new WebSocket('ws://public.test:${port}/ws');
ws.onmessage = (e) => { document.getElementById('state').textContent = 'message: ' + e.data; };
ws.onclose = () => { document.getElementById('state').textContent += ' closed'; };
</script>`),
      );
    if (req.url === '/target') return html(page('<p>全景天窗 internal page</p>'));
    res.writeHead(404).end();
  });
  // A WebSocket that reached the server is counted here.
  server.on('upgrade', (req, socket) => {
    upgrades.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const publicResolve = async (host: string) => (host === 'public.test' ? ['203.0.113.10'] : ['127.0.0.1']);

function launch(): Promise<Renderer> {
  return Renderer.launch({
    allowPrivate: false,
    userAgent: 'claimlint-test',
    resolve: publicResolve,
    args: ['--host-resolver-rules=MAP public.test 127.0.0.1'],
    timeoutMs: 30_000,
  });
}

describe.skipIf(!hasChromium)('--render under the address policy', () => {
  it('a WebSocket never reaches its server', { timeout: 60_000 }, async () => {
    const renderer = await launch();
    try {
      const r = await renderer.render(`http://public.test:${port}/socket`, 10_000);
      expect(r.html).toMatch(/<p id="state">waiting closed<\/p>/);
    } finally {
      await renderer.close();
    }
    expect(upgrades).toEqual([]);
  });

  it('a script that navigates to a blocked address makes rendering fail with the reason', {
    timeout: 60_000,
  }, async () => {
    const renderer = await launch();
    try {
      await expect(renderer.render(`http://public.test:${port}/navigates`, 10_000)).rejects.toThrow(
        RenderBlockedError,
      );
      await expect(renderer.render(`http://public.test:${port}/navigates`, 10_000)).rejects.toThrow(
        new RegExp(`navigated to http://127\\.0\\.0\\.1:${port}/target \\(loopback address\\)`),
      );
    } finally {
      await renderer.close();
    }
    expect(requests).not.toContain('/target');
  });

  it('scan: such a page is an input-error, not a scan of the error page', { timeout: 90_000 }, async () => {
    const renderer = await launch();
    // The fetcher may reach 127.0.0.1 (it fetches the page itself); the browser may not.
    const fetcher = new Fetcher({
      userAgent: 'claimlint-test',
      allowPrivate: true,
      minIntervalMs: 0,
      resolve: async () => ['127.0.0.1'],
    });
    const url = `http://public.test:${port}/navigates`;
    const report = await scan({
      cwd: process.cwd(),
      inputs: [url],
      spec: testSpec(),
      asOf: '2025-12-01',
      data: bundledClaimData(),
      toolVersion: 'test',
      severities: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])),
      web: {
        fetcher,
        renderer,
        crawl: { depth: 0, sameOrigin: true, maxPages: 5, ignoreRobots: true },
      },
    });
    expect(report.documents).toEqual([
      expect.objectContaining({
        uri: url,
        status: 'error',
        error: expect.stringMatching(/navigated to .*loopback/),
      }),
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['input-error']);
  });
});
