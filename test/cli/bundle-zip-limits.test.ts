import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundleFiles } from '../../src/bundle/store.js';
import { UsageError } from '../../src/errors.js';

// Issue 15: a bundle zip is measured before it is unzipped, like a Word draft or a sitemap.
describe('verify-bundle reads a zip only within its limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-bundle-zip-'));
  const zip = join(dir, 'bundle.zip');
  writeFileSync(
    zip,
    zipSync({ 'manifest.json': new TextEncoder().encode('{}'), 'pad.bin': new Uint8Array(2 * 1024 * 1024) }),
  );

  it('a zip that unzips past the limit is a usage error, not an allocation', async () => {
    await expect(readBundleFiles(zip, { maxBytes: 1024 * 1024, maxEntries: 100 })).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it('within the limits it is read', async () => {
    const files = await readBundleFiles(zip, { maxBytes: 4 * 1024 * 1024, maxEntries: 100 });
    expect([...files.keys()].sort()).toEqual(['manifest.json', 'pad.bin']);
  });
});
