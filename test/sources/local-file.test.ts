import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFileRefused, readLocalFile } from '../../src/sources/local-file.js';

const dir = mkdtempSync(join(tmpdir(), 'claimlint-local-'));

describe('readLocalFile', () => {
  it('reads a regular file', async () => {
    writeFileSync(join(dir, 'a.html'), '<p>hi</p>');
    expect(Buffer.from(await readLocalFile(join(dir, 'a.html'))).toString()).toBe('<p>hi</p>');
  });

  it('refuses a file over the size cap before reading it', async () => {
    writeFileSync(join(dir, 'big.html'), 'x'.repeat(101));
    await expect(readLocalFile(join(dir, 'big.html'), 100)).rejects.toThrow(/over the 100-byte limit/);
  });

  it('refuses a symbolic link', async () => {
    symlinkSync('/etc/hostname', join(dir, 'link.html'));
    await expect(readLocalFile(join(dir, 'link.html'))).rejects.toBeInstanceOf(LocalFileRefused);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.html')]);
    await expect(readLocalFile(join(dir, 'pipe.html'))).rejects.toThrow(/not a regular file/);
  });

  it('refuses a folder', async () => {
    await expect(readLocalFile(dir)).rejects.toThrow(/is a folder/);
  });
});
