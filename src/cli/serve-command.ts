import { isIP } from 'node:net';
import { resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { packageRoot, toolVersion } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { OcrPool } from '../extract/image/ocr-pool.js';
import type { ServeRun } from '../serve/server.js';
import { today } from '../util/dates.js';
import type { Io } from './io.js';
import { baseScanSettings, checkSettings, fetcherFor, resolveRun } from './scan-command.js';

type Run = Awaited<ReturnType<typeof resolveRun>>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}

function number(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`${flag} ${String(value)} is out of range`, `a number from ${min} to ${max}`);
  return value;
}

/** Files a run read: a change to any of them reloads the specs and the config. */
function reloadPaths(run: Run, args: Record<string, unknown>, io: Io): string[] {
  const paths = run.specs.flatMap((s) => (s.path ? [resolve(io.cwd, s.path)] : []));
  if (run.config?.file) paths.push(run.config.file);
  for (const p of run.packs) if (!resolve(p.file).startsWith(packageRoot + sep)) paths.push(resolve(p.file));
  const assets = args.assets ? resolve(io.cwd, args.assets as string) : run.config?.assets;
  if (assets) paths.push(assets);
  return [...new Set(paths)];
}

export function registerServe(cli: Argv, io: Io): Argv {
  return cli.command(
    'serve',
    'HTTP API and reviewer page: POST /v1/scan for CMS pre-publish hooks, the reviewer page at /',
    (y) =>
      y
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: 'the authoritative spec (YAML or JSON); repeatable; reloaded when it changes',
        })
        .option('config', { alias: 'c', type: 'string', describe: 'config file (packs, channels, rules)' })
        .option('host', { type: 'string', describe: 'address to listen on (default 127.0.0.1)' })
        .option('port', { type: 'number', describe: 'port (default 8080; 0 picks a free one)' })
        .option('token', {
          type: 'string',
          describe: 'bearer token required on /v1 (default: $CLAIMLINT_TOKEN); required off loopback',
        })
        .option('body-limit', { type: 'number', describe: 'largest request body in MB (default 50)' })
        .option('timeout', {
          type: 'number',
          describe: 'seconds a request may take, waiting included (default 60)',
        })
        .option('workers', { type: 'number', describe: 'scans run at a time (default 2)' })
        .option('queue', {
          type: 'number',
          describe: 'scans that may wait for a worker; 429 beyond (default 64)',
        })
        .option('concurrency', {
          type: 'number',
          describe: 'OCR workers shared by every request (default: cores)',
        })
        .option('lang', { type: 'string', describe: 'OCR languages, e.g. eng+chi_sim (default: both)' })
        .option('ocr', {
          type: 'boolean',
          describe: 'read text in images (--no-ocr: only match known assets)',
        })
        .option('assets', {
          type: 'string',
          describe: 'registry of known images and the features they depict',
        })
        .option('cache-dir', {
          type: 'string',
          describe: 'OCR cache (default: node_modules/.cache/claimlint)',
        })
        .option('cache', { type: 'boolean', describe: '--no-cache: do not read or write the OCR cache' })
        .option('allow-fetch', {
          type: 'boolean',
          describe: "fetch the images a posted page shows by URL (the scan command's address policy)",
        })
        .option('allow-private', {
          type: 'boolean',
          describe: 'with --allow-fetch: allow loopback and private addresses (a local staging site)',
        }),
    async (args: Record<string, unknown>) => {
      const host = (args.host as string | undefined) ?? '127.0.0.1';
      const port = number(args.port, '--port', 0, 65535) ?? 8080;
      const token = (args.token as string | undefined) ?? io.env.CLAIMLINT_TOKEN ?? undefined;
      if (!isLoopback(host) && !token)
        throw new UsageError(
          `--host ${host} is reachable from other machines: a token is required`,
          'pass --token or set CLAIMLINT_TOKEN (clients send Authorization: Bearer <token>)',
        );
      if (token !== undefined && token.length < 16)
        throw new UsageError('the token is too short', 'use at least 16 random characters');
      const bodyLimit = Math.round(
        (number(args['body-limit'], '--body-limit', 0.001, 1024) ?? 50) * 1024 * 1024,
      );
      const timeoutMs = (number(args.timeout, '--timeout', 1, 3600) ?? 60) * 1000;
      const workers = number(args.workers, '--workers', 1, 64) ?? 2;
      const queueSize = number(args.queue, '--queue', 0, 10_000) ?? 64;

      let run = await resolveRun(args, io);
      // One OCR pool for the server's life: never more workers than --concurrency, whatever the load.
      const images = run.images;
      let pool: Promise<OcrPool> | undefined;
      const sharedPool = () => {
        pool ??= OcrPool.create({
          languages: images.languages,
          concurrency: images.concurrency,
          workDir: images.workDir,
        });
        return pool;
      };
      // Never a fetch unless asked for; then scan's fetcher, with its address policy, size and time caps.
      const fetcher = args['allow-fetch'] ? await fetcherFor(args, run.config) : undefined;
      const fetchImage = fetcher ? async (url: string) => (await fetcher.fetch(url)).bytes : undefined;
      const serveRun = (r: Run): ServeRun => {
        const { inputs: _inputs, readStdin: _readStdin, ...base } = baseScanSettings(r, io);
        return {
          settings: {
            ...base,
            ...checkSettings(r, io),
            images: { ...r.images, sharedPool },
            ...(fetchImage ? { fetchImage } : {}),
          },
          loadedAt: new Date().toISOString(),
        };
      };
      let current = serveRun(run);
      const log = (line: string) => io.stdout(`${line}\n`);

      const { buildServer } = await import('../serve/server.js');
      const { app, queue } = await buildServer({
        current: () => current,
        toolVersion,
        ...(token ? { token } : {}),
        bodyLimit,
        timeoutMs,
        concurrency: workers,
        queueSize,
        log,
        today: () => today(),
        memory: () => process.memoryUsage(),
      });

      // Specs, config, packs and asset registry: reloaded as a whole when one changes; a
      // broken edit keeps the previous run (and /v1/specs says why).
      const { watch } = await import('chokidar');
      const watcher = watch(reloadPaths(run, args, io), {
        ignoreInitial: true,
        awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
      });
      let reloading = Promise.resolve();
      const reload = () => {
        reloading = reloading.then(async () => {
          try {
            run = await resolveRun(args, io);
            current = serveRun(run);
            watcher.add(reloadPaths(run, args, io));
            log(
              JSON.stringify({
                time: current.loadedAt,
                event: 'reload',
                specs: run.specs.map((s) => ({ product: s.product.id, revision: s.revision })),
              }),
            );
          } catch (error) {
            const message = (error as Error).message;
            current = { ...current, reloadError: message };
            log(JSON.stringify({ time: new Date().toISOString(), event: 'reload-failed', error: message }));
          }
        });
      };
      watcher.on('change', reload).on('add', reload).on('unlink', reload);

      const address = await app.listen({ host, port });
      io.stderr(
        `claimlint serve: listening on ${address} (${run.specs.map((s) => `${s.product.id} ${s.revision}`).join(', ')})\n`,
      );

      // Runs until SIGTERM or SIGINT: stop taking requests, finish those in flight, stop the workers.
      await new Promise<void>((done) => {
        const stop = async (signal: string) => {
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          log(
            JSON.stringify({
              time: new Date().toISOString(),
              event: 'shutdown',
              signal,
              inFlight: queue.running + queue.queued,
            }),
          );
          await app.close();
          await queue.idle();
          await watcher.close();
          if (pool) await (await pool.catch(() => undefined))?.close();
          await fetcher?.close();
          log(JSON.stringify({ time: new Date().toISOString(), event: 'stopped', scans: queue.completed }));
          done();
        };
        const onTerm = () => void stop('SIGTERM');
        const onInt = () => void stop('SIGINT');
        process.on('SIGTERM', onTerm);
        process.on('SIGINT', onInt);
      });
    },
  );
}
