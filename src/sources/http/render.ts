import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { isBlockedAddress } from './address-policy.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAIMLINT_CHROMIUM ?? '/usr/bin/chromium';
}

export class RenderSetupError extends Error {
  override name = 'RenderSetupError';
}

/** The page's own script took it to an address claimlint does not fetch: nothing rendered is read. */
export class RenderBlockedError extends Error {
  override name = 'RenderBlockedError';
}

export interface Rendered {
  html: string;
  screenshot: Buffer;
  finalUrl: string;
}

const MAX_SCREENSHOT_HEIGHT = 8000;

/**
 * Headless Chromium for pages whose content JavaScript builds: one browser per run, a small pool
 * of pages. The browser's own requests obey the crawler's address policy (no private or metadata
 * addresses unless allowed) and may only use http(s), data: and blob:.
 */
export class Renderer {
  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly poolSize: number,
  ) {}

  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** pages whose main frame tried to go where the address policy does not allow */
  private readonly blockedNavigations = new WeakMap<Page, string>();

  /** A message that says how to install Chromium, or undefined when it is there. */
  static missing(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const path = chromiumPath(env);
    if (existsSync(path)) return undefined;
    return `--render needs Chromium, not found at ${path}: install it (Debian/Ubuntu: apt-get install chromium) or set CLAIMLINT_CHROMIUM to its path`;
  }

  static async launch(options: {
    allowPrivate: boolean;
    userAgent: string;
    pages?: number;
    timeoutMs?: number;
    /** resolver override (tests, with Chromium's --host-resolver-rules); default: the system resolver */
    resolve?: (host: string) => Promise<string[]>;
    /** more Chromium switches (tests) */
    args?: string[];
  }): Promise<Renderer> {
    const missing = Renderer.missing();
    if (missing) throw new RenderSetupError(missing);
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
        timeout: options.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw new RenderSetupError(
        `Chromium at ${chromiumPath()} did not start: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const context = await browser.newContext({
      userAgent: options.userAgent,
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: true,
    });
    const cache = new Map<string, Promise<string | undefined>>();
    const blocked = (host: string): Promise<string | undefined> => {
      let p = cache.get(host);
      if (!p) {
        p = (
          isIP(host)
            ? Promise.resolve([host])
            : options.resolve
              ? options.resolve(host)
              : lookup(host, { all: true }).then((a) => a.map((x) => x.address))
        ).then(
          (addresses) =>
            addresses.every((a) => isBlockedAddress(a)) ? isBlockedAddress(addresses[0] ?? '') : undefined,
          () => 'DNS lookup failed',
        );
        cache.set(host, p);
      }
      return p;
    };
    const renderer = new Renderer(browser, context, options.pages ?? 2);
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      const reason =
        url.protocol !== 'http:' && url.protocol !== 'https:'
          ? `unsupported scheme ${url.protocol}`
          : options.allowPrivate
            ? undefined
            : await blocked(url.hostname.replace(/^\[|\]$/g, ''));
      if (!reason) return route.continue();
      // A page taken elsewhere by its own script would be read as the browser's error page.
      const frame = request.frame();
      if (request.isNavigationRequest() && frame === frame.page().mainFrame())
        renderer.blockedNavigations.set(frame.page(), `${url.href} (${reason})`);
      return route.abort('blockedbyclient');
    });
    // claimlint reads what a page shows, which a live socket does not change before the snapshot;
    // and a socket would reach servers the request filter never sees (Chromium does not route
    // WebSocket traffic through it). Every WebSocket is closed before it connects.
    await context.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: 'blocked by claimlint' }));
    return renderer;
  }

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.poolSize) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** The DOM after scripts ran, and a full-page screenshot (height capped). */
  render(url: string, timeoutMs = 20_000): Promise<Rendered> {
    return this.slot(async () => {
      const page = await this.context.newPage();
      try {
        try {
          await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs });
        } catch {
          // A page that keeps the network busy still has a DOM worth reading once it has loaded.
          await page.waitForLoadState('load', { timeout: timeoutMs });
        }
        const blockedTo = this.blockedNavigations.get(page);
        if (blockedTo || page.url().startsWith('chrome-error:'))
          throw new RenderBlockedError(
            `the page's script navigated to ${blockedTo ?? 'an address that could not be loaded'}: it was not followed, and the page is not read as the browser would show it`,
          );
        const html = await page.content();
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const screenshot = await page.screenshot({
          fullPage: height <= MAX_SCREENSHOT_HEIGHT,
          clip:
            height > MAX_SCREENSHOT_HEIGHT
              ? { x: 0, y: 0, width: 1280, height: MAX_SCREENSHOT_HEIGHT }
              : undefined,
          type: 'png',
        });
        return { html, screenshot, finalUrl: page.url() };
      } finally {
        await page.close();
      }
    });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}
