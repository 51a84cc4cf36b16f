import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { demoSpec, repoRoot } from '../helpers/paths.js';
import { SEED } from './prng.js';
import { expectSafeOutcome, runBounded } from './run-bounded.js';

// Fuzz suite (issue 15): hostile server behaviours on 127.0.0.1. Every run ends, with the
// pages it could not read as input-errors.

/** Writes chunks until the client goes away, or a hard upper bound (no endless loop in a test). */
function endless(res: ServerResponse, status: number, type: string, everyMs = 0): void {
  res.writeHead(status, { 'content-type': type });
  const chunk = Buffer.alloc(everyMs ? 1 : 64 * 1024, 0x61);
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < 256 * 1024 * 1024) {
      sent += chunk.length;
      if (everyMs) {
        res.write(chunk);
        setTimeout(pump, everyMs).unref();
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

const png = readFileSync(join(repoRoot, 'test', 'image', 'fixtures', 'banner-small.png'));
const ROUTES: Record<string, (res: ServerResponse) => void> = {
  '/slow-body': (res) => endless(res, 200, 'text/html', 300),
  '/endless': (res) => endless(res, 200, 'text/html'),
  '/endless-404': (res) => endless(res, 404, 'text/html'),
  '/html-as-png': (res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end('<p>电动天窗</p>');
  },
  '/png-as-html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(png);
  },
  '/no-type': (res) => {
    res.writeHead(200, { 'content-type': '' });
    res.end('\u0000\u0001garbage');
  },
  '/bad-charset': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=x-unknown-charset' });
    res.end('<p>heated seats</p>');
  },
};

let base = '';
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const server = createServer((req, res) => {
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) return route(res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
});
afterAll(() => close());

describe(`fuzz: hostile servers on 127.0.0.1 (seed ${SEED})`, () => {
  it('slow, endless and mislabelled bodies end as input-errors; the run ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-fuzz-http-'));
    writeFileSync(
      join(dir, 'claimlint.config.yaml'),
      'crawl: { timeoutSeconds: 3, maxBytes: 500000, ignoreRobots: true }\nocr: { enabled: false }\n',
    );
    const urls = Object.keys(ROUTES).map((p) => `${base}${p}`);
    const r = await runBounded(
      ['scan', ...urls, '-s', demoSpec, '--allow-private', '-q', '-f', 'json', '--fail-on', 'never'],
      dir,
      60_000,
    );
    expectSafeOutcome(r, 'hostile servers');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    for (const url of urls) {
      const doc = report.documents.find((d) => d.uri === url);
      expect(doc, `${url} is in the report`).toBeDefined();
      if (doc?.status === 'error')
        expect(report.findings.some((f) => f.ruleId === 'input-error' && f.uri === url)).toBe(true);
    }
    for (const path of ['/slow-body', '/endless', '/endless-404'])
      expect(report.documents.find((d) => d.uri === `${base}${path}`)?.status).toBe('error');
  }, 90_000);
});
