// npm run bench:serve: the load figure of `claimlint serve` (figures, not assertions).
//
// Starts the built CLI's server on 127.0.0.1 (`npm run build` first) with the demo spec, sends a
// small page (examples/aion-ut-super/pages/aion/ut-super-en.html) from 8 clients at once, and
// prints requests/s, p50/p95 latency and the server's resident memory after a warm-up and after
// each further 1,000 requests: a server that leaks grows from one thousand to the next.
//
//   npm run bench:serve                 2 x 1,000 requests
//   npm run bench:serve -- --rounds=5   5 x 1,000
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'bin', 'claimlint.js');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 2);
const clients = 8;
const page = readFileSync(join(root, 'examples/aion-ut-super/pages/aion/ut-super-en.html'), 'utf8');
const body = JSON.stringify({ documents: [{ name: 'ut-super-en.html', content: page }], asOf: '2025-12-01' });

const child = spawn(
  process.execPath,
  [
    cli,
    'serve',
    '-s',
    join(root, 'examples/aion-ut-super/spec.yaml'),
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--no-ocr',
    '--workers',
    String(availableParallelism()),
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
const url = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    const m = /listening on (http:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]!);
  });
  child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
});

/** The server's memory as it reports it on /healthz. */
async function memory(): Promise<string> {
  const { memoryMiB } = (await (await fetch(`${url}/healthz`)).json()) as {
    memoryMiB: { rss: number; heapUsed: number };
  };
  return `RSS ${memoryMiB.rss} MiB, JS heap ${memoryMiB.heapUsed} MiB`;
}

async function burst(n: number): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        next++;
        const t = performance.now();
        const res = await fetch(`${url}/v1/scan`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const report = (await res.json()) as { findings: unknown[] };
        if (res.status !== 200 || !report.findings.length) throw new Error(`unexpected answer ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

try {
  await burst(100);
  const warm = await memory();
  console.log(
    `claimlint serve, ${clients} clients, ${Buffer.byteLength(page)} B page, ${availableParallelism()} cores`,
  );
  console.log(`  after 100 warm-up requests: ${warm}`);
  for (let r = 1; r <= rounds; r++) {
    const { seconds, latencies } = await burst(1000);
    console.log(
      `  requests ${(r - 1) * 1000 + 1}-${r * 1000}: ${(1000 / seconds).toFixed(1)} requests/s, p50 ${pct(latencies, 0.5).toFixed(1)} ms, p95 ${pct(latencies, 0.95).toFixed(1)} ms, after: ${await memory()}`,
    );
  }
} finally {
  child.kill('SIGTERM');
}
