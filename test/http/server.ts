import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { Fetcher } from '../../src/sources/http/fetcher.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

/** A response whose body never ends (until the client goes away). */
function endless(res: ServerResponse, status: number, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'text/html', ...headers });
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  let open = true;
  res.on('close', () => {
    open = false;
  });
  const pump = () => {
    while (open) if (!res.write(chunk)) return void res.once('drain', pump);
  };
  pump();
}

const bombs = new Map<number, Buffer>();
/** gzip of `size` spaces (made once per size). */
export function gzipBomb(size: number): Buffer {
  let b = bombs.get(size);
  if (!b) {
    b = gzipSync(Buffer.alloc(size, 0x20), { level: 9 });
    bombs.set(size, b);
  }
  return b;
}

/** "全景天窗" in GBK. */
export const GBK_SUNROOF = Buffer.from([0xc8, 0xab, 0xbe, 0xb0, 0xcc, 0xec, 0xb4, 0xb0]);

export interface FixtureServer {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1, serving the fixture site and the awkward endpoints a crawler
 * must survive: slow, looping, huge, flaky, encoded in GBK, compressed.
 */
export async function startFixtureServer(root: string): Promise<FixtureServer> {
  const requests: string[] = [];
  let flaky = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    const send = (
      status: number,
      type: string,
      body: Buffer | string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    switch (url.pathname) {
      case '/slow':
        setTimeout(() => send(200, 'text/html', '<p>slow</p>'), 5000).unref();
        return;
      case '/loop-a':
        return send(302, 'text/html', '', { location: '/loop-b' });
      case '/loop-b':
        return send(302, 'text/html', '', { location: '/loop-a' });
      case '/to-private':
        return send(302, 'text/html', '', { location: `${base.replace('127.0.0.1', 'localhost')}/` });
      case '/404-endless':
        return endless(res, 404, {});
      case '/200-endless':
        return endless(res, 200, {});
      case '/302-endless':
        return endless(res, 302, { location: '/products/roof.html' });
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => {
          sent = Number.POSITIVE_INFINITY;
        });
        pump();
        return;
      }
      case '/flaky':
        flaky++;
        if (flaky % 2 === 1) return send(503, 'text/plain', 'busy', { 'retry-after': '1' });
        return send(200, 'text/html; charset=utf-8', '<p>长续航版CLTC续航500公里</p>');
      case '/gbk-header':
        return send(
          200,
          'text/html; charset=gbk',
          Buffer.concat([Buffer.from('<p>'), GBK_SUNROOF, Buffer.from('</p>')]),
        );
      case '/gbk-meta':
        return send(
          200,
          'text/html',
          Buffer.concat([Buffer.from('<meta charset="gbk"><p>'), GBK_SUNROOF, Buffer.from('</p>')]),
        );
      case '/gzip':
        return send(200, 'text/html; charset=utf-8', gzipSync('<p>全景天窗 gzip</p>'), {
          'content-encoding': 'gzip',
        });
      case '/gzip-bomb':
        // 32 MiB of spaces in 32 KiB: a decompression bomb behind a small byte count.
        return send(200, 'text/html; charset=utf-8', gzipBomb(32 * 1024 * 1024), {
          'content-encoding': 'gzip',
        });
      case '/bomb.xml.gz':
        return send(200, 'application/gzip', gzipBomb(60 * 1024 * 1024));
      case '/sitemap-file-entry.xml':
        return send(
          200,
          'application/xml',
          `<urlset><url><loc>file:///etc/passwd</loc></url><url><loc>${base}/products/roof.html</loc></url></urlset>`,
        );
      case '/sitemap-truncated.xml':
        // Cut off mid-file, and with relative <loc>s (which the protocol does not allow).
        return send(
          200,
          'application/xml',
          '<urlset><url><loc>/products/roof.html</loc></url><url><loc>/prod',
        );
      case '/brotli':
        return send(
          200,
          'text/html; charset=utf-8',
          brotliCompressSync(Buffer.from('<p>全景天窗 brotli</p>')),
          { 'content-encoding': 'br' },
        );
      case '/sitemap.xml':
        return send(
          200,
          'application/xml',
          readFileSync(join(root, 'site', 'sitemap.xml'), 'utf8').replaceAll('BASE', base),
        );
      case '/js':
        return send(200, 'text/html; charset=utf-8', readFileSync(join(root, 'js-page.html')));
      default: {
        const path = normalize(
          join(root, 'site', url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname),
        );
        if (!path.startsWith(join(root, 'site'))) return send(403, 'text/plain', 'no');
        try {
          return send(200, TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(path));
        } catch {
          return send(404, 'text/plain', 'not found');
        }
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The fixture server of a test file: started before its tests, closed after them. The object is
 * filled in when the server has started, so read its fields inside tests only.
 */
export function useFixtureServer(root = join(import.meta.dirname, 'fixtures')): FixtureServer {
  const server = {} as FixtureServer;
  beforeAll(async () => {
    Object.assign(server, await startFixtureServer(root));
  });
  afterAll(() => server.close());
  return server;
}

/** A fetcher for the fixture server: loopback allowed, no politeness delay. */
export const testFetcher = (o: Partial<ConstructorParameters<typeof Fetcher>[0]> = {}) =>
  new Fetcher({ userAgent: 'claimlint-test', allowPrivate: true, minIntervalMs: 0, ...o });
