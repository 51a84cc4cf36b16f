import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { isBlockedAddress } from './address-policy.js';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly reason: string,
    readonly url: string,
  ) {
    super(reason);
  }
}

export interface FetchOptions {
  userAgent: string;
  /** whole request, headers and body (default 20 s) */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** after decompression (default 10 MiB) */
  maxBytes?: number;
  maxRedirects?: number;
  /** on 429 and 5xx (default 2) */
  retries?: number;
  perHostConcurrency?: number;
  /** between two requests to one host (default 100 ms) */
  minIntervalMs?: number;
  allowPrivate?: boolean;
  /** resolver override (tests); default: the system resolver */
  resolve?: (host: string) => Promise<string[]>;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | undefined;
  bytes: Uint8Array;
  headers: Record<string, string>;
}

const MIB = 1024 * 1024;

function systemResolve(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses: LookupAddress[]) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => a.address));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After in seconds or as an HTTP date, capped at 30 s. */
function retryAfterMs(value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Math.min(30_000, Math.max(0, Number.isFinite(ms) ? ms : fallback));
}

class HostGate {
  private active = 0;
  private last = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly interval: number,
  ) {}
  async enter(): Promise<void> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    const wait = this.last + this.interval - Date.now();
    this.last = Math.max(Date.now(), this.last + this.interval);
    if (wait > 0) await sleep(wait);
  }
  leave(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/**
 * HTTP(S) for claimlint: only http and https; every address checked after DNS resolution (in the
 * connection's own lookup, so DNS rebinding cannot slip past) and again on every redirect, which
 * is followed by hand; no cookies, and no credentials across origins; timeouts, a byte cap that
 * applies while the body streams, retries with backoff on 429 and 5xx honouring Retry-After, and a
 * per-host limit on concurrency and rate.
 */
export class Fetcher {
  private readonly agent: Agent;
  private readonly gates = new Map<string, HostGate>();
  /** requests still running, ended by close() */
  private readonly inFlight = new Set<AbortController>();
  private readonly o: Required<Omit<FetchOptions, 'resolve'>>;
  private readonly resolveHost: (host: string) => Promise<string[]>;

  constructor(options: FetchOptions) {
    this.o = {
      timeoutMs: 20_000,
      connectTimeoutMs: 10_000,
      maxBytes: 10 * MIB,
      maxRedirects: 5,
      retries: 2,
      perHostConcurrency: 2,
      minIntervalMs: 100,
      allowPrivate: false,
      ...options,
    };
    this.resolveHost = options.resolve ?? systemResolve;
    const allowPrivate = this.o.allowPrivate;
    const resolveHost = this.resolveHost;
    this.agent = new Agent({
      connect: {
        timeout: this.o.connectTimeoutMs,
        // The connection resolves the name itself: check what it is about to connect to.
        lookup: ((hostname: string, opts: unknown, callback: (...args: unknown[]) => void) => {
          const all = typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all;
          resolveHost(hostname).then(
            (addresses) => {
              const allowed = allowPrivate ? addresses : addresses.filter((a) => !isBlockedAddress(a));
              if (!allowed.length) {
                const a = addresses[0] ?? hostname;
                callback(new FetchError(blockedMessage(a, isBlockedAddress(a) ?? 'no address'), hostname));
                return;
              }
              const list = allowed.map((address) => ({ address, family: isIP(address) }));
              if (all) callback(null, list);
              else callback(null, list[0]!.address, list[0]!.family);
            },
            (err: NodeJS.ErrnoException) => callback(err),
          );
        }) as unknown as LookupFunction,
      },
      connections: this.o.perHostConcurrency,
    });
  }

  private gate(host: string): HostGate {
    let g = this.gates.get(host);
    if (!g) {
      g = new HostGate(this.o.perHostConcurrency, this.o.minIntervalMs);
      this.gates.set(host, g);
    }
    return g;
  }

  /** Scheme, literal address and resolved address checks for one hop. */
  private async checkUrl(url: URL): Promise<void> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError(`unsupported scheme ${url.protocol} (only http and https)`, url.href);
    }
    if (this.o.allowPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await this.resolveHost(host).catch(() => [] as string[]);
    const blocked = addresses.map((a) => [a, isBlockedAddress(a)] as const).find(([, r]) => r);
    if (blocked && addresses.every((a) => isBlockedAddress(a)))
      throw new FetchError(blockedMessage(blocked[0], blocked[1]!), url.href);
  }

  async fetch(input: string, extraHeaders: Record<string, string> = {}): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new FetchError(`not a URL: ${input}`, input);
    }
    const seen = new Set<string>();
    const deadline = Date.now() + this.o.timeoutMs;
    let headers: Record<string, string> = {
      'user-agent': this.o.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/*;q=0.8,*/*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      ...extraHeaders,
    };
    for (let hop = 0; ; hop++) {
      await this.checkUrl(url);
      if (seen.has(url.href)) throw new FetchError(`redirect loop at ${url.href}`, input);
      seen.add(url.href);
      const res = await this.withRetries(url, headers, deadline);
      if (res.status >= 300 && res.status < 400 && res.location) {
        if (hop >= this.o.maxRedirects)
          throw new FetchError(`too many redirects (more than ${this.o.maxRedirects})`, input);
        const next = new URL(res.location, url);
        // Credentials never travel to another origin.
        if (next.origin !== url.origin) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => !/^(authorization|cookie|proxy-authorization)$/i.test(k)),
          );
        }
        url = next;
        continue;
      }
      if (res.status >= 400)
        throw new FetchError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, input);
      return {
        url: input,
        finalUrl: url.href,
        status: res.status,
        contentType: res.headers['content-type'],
        bytes: res.bytes ?? new Uint8Array(),
        headers: res.headers,
      };
    }
  }

  private async withRetries(url: URL, headers: Record<string, string>, deadline: number) {
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(url, headers, deadline);
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= this.o.retries) return res;
      const wait = retryAfterMs(res.headers['retry-after'], 500 * 2 ** attempt);
      if (Date.now() + wait >= deadline) return res;
      await sleep(wait);
    }
  }

  private async once(url: URL, headers: Record<string, string>, deadline: number) {
    const gate = this.gate(url.host);
    await gate.enter();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      gate.leave();
      throw new FetchError(`timed out after ${Math.round(this.o.timeoutMs / 1000)} s`, url.href);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), remaining);
    this.inFlight.add(controller);
    try {
      const res = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        headers,
        signal: controller.signal,
        headersTimeout: remaining,
        bodyTimeout: remaining,
      });
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      const status = res.statusCode;
      if ((status >= 300 && status < 400) || status >= 400) {
        // The body of a redirect or an error is never read: draining it could take forever (an
        // endless body), so the connection is dropped instead of reused.
        res.body.on('error', () => undefined).destroy();
        return { status, statusText: '', headers: h, location: h.location };
      }
      const bytes = await this.readBody(res.body as unknown as Readable, h['content-encoding'], url.href);
      return { status, statusText: '', headers: h, bytes, location: undefined };
    } catch (error) {
      throw this.describe(error, url.href, controller.signal.aborted);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
      gate.leave();
    }
  }

  private readBody(body: Readable, encoding: string | undefined, url: string): Promise<Uint8Array> {
    const enc = (encoding ?? '').toLowerCase().trim();
    const stream: Readable =
      enc === 'gzip' || enc === 'x-gzip'
        ? body.pipe(createGunzip())
        : enc === 'br'
          ? body.pipe(createBrotliDecompress())
          : enc === 'deflate'
            ? body.pipe(createInflate())
            : body;
    const max = this.o.maxBytes;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) {
          body.destroy();
          stream.destroy();
          reject(new FetchError(`response larger than ${formatBytes(max)}`, url));
          return;
        }
        chunks.push(c);
      });
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      stream.on('error', (e) => reject(e));
      body.on('error', (e) => reject(e));
    });
  }

  private describe(error: unknown, url: string, aborted: boolean): FetchError {
    if (error instanceof FetchError) return error;
    const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const cause = e.cause instanceof FetchError ? e.cause : undefined;
    if (cause) return cause;
    const code = e.code ?? e.cause?.code;
    const host = new URL(url).hostname;
    if (
      aborted ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT' ||
      code === 'UND_ERR_ABORTED' ||
      e.name === 'AbortError'
    )
      return new FetchError(`timed out after ${Math.round(this.o.timeoutMs / 1000)} s`, url);
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
      return new FetchError(
        `connection timed out after ${Math.round(this.o.connectTimeoutMs / 1000)} s`,
        url,
      );
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return new FetchError(`DNS lookup failed for host ${host}`, url);
    if (code === 'ECONNREFUSED') return new FetchError(`connection refused by ${host}`, url);
    if (code === 'ECONNRESET') return new FetchError(`connection reset by ${host}`, url);
    if (/CERT|TLS|SSL/i.test(code ?? '') || /certificate|tls|ssl/i.test(e.message))
      return new FetchError(`TLS error: ${e.message}`, url);
    if (code === 'Z_DATA_ERROR' || /incorrect header check|invalid/i.test(e.message))
      return new FetchError(`could not decode the response (${e.message})`, url);
    return new FetchError(e.message || String(error), url);
  }

  /**
   * Ends every request still in flight and closes the pool. A graceful close waits for responses
   * to finish, which a server can put off forever; what is left after a second is destroyed.
   */
  async close(): Promise<void> {
    for (const c of this.inFlight) c.abort();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => {
      timer = setTimeout(() => r('late'), 1000);
    });
    const closed = await Promise.race([this.agent.close().then(() => 'closed' as const), late]);
    clearTimeout(timer);
    if (closed === 'late') await this.agent.destroy().catch(() => undefined);
  }
}

function formatBytes(n: number): string {
  return n >= MIB ? `${Math.round((n / MIB) * 10) / 10} MiB` : `${Math.round(n / 1024)} KiB`;
}

function blockedMessage(address: string, reason: string): string {
  return `blocked address ${address} (${reason}): pass --allow-private (config crawl.allowPrivate) to scan a local or internal site`;
}
