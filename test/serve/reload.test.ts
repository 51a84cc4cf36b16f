import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSpec } from '../helpers/paths.js';
import { startServe } from './serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'claimlint-serve-reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polls /v1/specs until it satisfies the check (the reload follows the file system's own pace). */
async function specsUntil(url: string, check: (body: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 1000; i++) {
    const body = (await (await fetch(`${url}/v1/specs`)).json()) as Record<string, unknown>;
    if (check(body)) return body;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('the specs were not reloaded');
}

describe('serve: spec reload', () => {
  it('reloads a spec when its file changes, and keeps the last good one when an edit breaks it', async () => {
    const spec = join(dir, 'spec.yaml');
    copyFileSync(demoSpec, spec);
    const server = await startServe(['-s', spec, '--no-ocr']);
    try {
      const revision = (b: Record<string, unknown>) => (b.specs as { revision: string }[])[0]!.revision;
      expect(revision(await specsUntil(server.url, () => true))).toBe('2025-11-28');

      const text = readFileSync(demoSpec, 'utf8');
      expect(text).toContain('revision: "2025-11-28"');
      // The new revision no longer marks the sunroof absent: a scan sees the change.
      writeFileSync(
        spec,
        text
          .replace('revision: "2025-11-28"', 'revision: "2026-01-05"')
          .replace(/^ {2}sunroof: absent.*$/m, '  sunroof: standard'),
      );
      const after = await specsUntil(server.url, (b) => revision(b) === '2026-01-05');
      expect(after.reloadError).toBeUndefined();
      const res = await fetch(`${server.url}/v1/scan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documents: [{ name: 'a.html', content: '<p>AION UT super 全景天窗</p>' }] }),
      });
      const report = await res.json();
      expect(report.spec.revision).toBe('2026-01-05');
      expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'feature-absent')).toBe(false);

      writeFileSync(spec, 'schemaVersion: 1\nproduct: [not, a, product]\n');
      const broken = await specsUntil(server.url, (b) => typeof b.reloadError === 'string');
      expect(revision(broken)).toBe('2026-01-05');
      expect(server.log().some((l) => l.event === 'reload-failed')).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
