import { describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/sources/http/fetcher.js';
import { useFixtureServer } from './server.js';

/**
 * Issue 15 item 2: an error or redirect response with a body that never ends was drained without
 * cap or time limit, and the connection pool's close waited for it: the run never ended. Each test
 * has a bounded time (the test's own timeout) and would hang without the fix.
 */
const server = useFixtureServer();

const fetcher = () =>
  new Fetcher({
    userAgent: 'claimlint-test',
    allowPrivate: true,
    minIntervalMs: 0,
    retries: 0,
    timeoutMs: 5000,
  });

describe('endless bodies end', () => {
  it('a 404 with an endless body is an HTTP 404 error, and the pool closes', {
    timeout: 15_000,
  }, async () => {
    const f = fetcher();
    await expect(f.fetch(`${server.base}/404-endless`)).rejects.toThrow('HTTP 404');
    await f.close();
  });

  it('a 302 with an endless body is followed, and the pool closes', { timeout: 15_000 }, async () => {
    const f = fetcher();
    const r = await f.fetch(`${server.base}/302-endless`);
    expect(new URL(r.finalUrl).pathname).toBe('/products/roof.html');
    await f.close();
  });

  it('close() ends a body still streaming instead of waiting for it', { timeout: 15_000 }, async () => {
    // No byte cap to speak of and a minute to go: only close() can end this one.
    const f = new Fetcher({
      userAgent: 'claimlint-test',
      allowPrivate: true,
      minIntervalMs: 0,
      retries: 0,
      timeoutMs: 60_000,
      maxBytes: 1024 * 1024 * 1024,
    });
    const pending = f.fetch(`${server.base}/200-endless`).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    await f.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
