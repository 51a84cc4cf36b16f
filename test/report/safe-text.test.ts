import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeBidiJson, redactCredentials, redactDeep, showBidi } from '../../src/report/safe-text.js';
import type { Report } from '../../src/types.js';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';
import { type FixtureServer, startFixtureServer } from '../http/server.js';

/** Issue 15 item 9: credentials in URLs and bidi controls reached reports as they were. */
describe('credentials in URLs', () => {
  it.each([
    ['https://user:secret@example.com/a', 'https://***@example.com/a'],
    ['http://token@example.com', 'http://***@example.com'],
    ['fetching https://u:p@ss@example.com/x failed', 'fetching https://***@example.com/x failed'],
    ['https://example.com/path@handle', 'https://example.com/path@handle'],
    ['mail me@example.com', 'mail me@example.com'],
    ['https://example.com/?q=a@b', 'https://example.com/?q=a@b'],
  ])('%s -> %s', (text, expected) => {
    expect(redactCredentials(text)).toBe(expected);
  });
});

describe('credentials in a whole report', () => {
  it('are redacted at any depth; the value given is not changed', () => {
    const report = {
      documents: [
        { uri: 'https://u:p@example.com/a', status: 'ok' },
        { uri: 'b.html', status: 'ok' },
      ],
      findings: [{ message: 'see https://t@example.com/x', location: { line: 1 } }],
      run: { asOf: '2026-12-05' },
    };
    const before = structuredClone(report);
    const out = redactDeep(report);
    expect(out).toEqual({
      documents: [
        { uri: 'https://***@example.com/a', status: 'ok' },
        { uri: 'b.html', status: 'ok' },
      ],
      findings: [{ message: 'see https://***@example.com/x', location: { line: 1 } }],
      run: { asOf: '2026-12-05' },
    });
    expect(report).toEqual(before);
    // What holds no credential is the same object: a large report is not copied for a few URLs.
    expect(out.run).toBe(report.run);
    expect(out.documents[1]).toBe(report.documents[1]);
    expect(out.findings[0]!.location).toBe(report.findings[0]!.location);
    const clean = { documents: [{ uri: 'a.html' }], count: 3, none: null };
    expect(redactDeep(clean)).toBe(clean);
  });
});

describe('bidi controls', () => {
  it('are shown escaped in text, and JSON-escaped in JSON (the same value)', () => {
    expect(showBidi('price \u202e0.2\u202c yuan')).toBe('price [U+202E]0.2[U+202C] yuan');
    const json = escapeBidiJson(JSON.stringify({ t: 'a\u2067b' }));
    expect(json).toBe('{"t":"a\\u2067b"}');
    expect(JSON.parse(json)).toEqual({ t: 'a\u2067b' });
    const plain = JSON.stringify({ t: '全景天窗 ab' });
    expect(escapeBidiJson(plain)).toBe(plain);
    // Twice in a row: the check that looks for one first keeps no state between calls.
    expect(escapeBidiJson('"\u202e"')).toBe('"\\u202e"');
    expect(escapeBidiJson('"\u202e"')).toBe('"\\u202e"');
  });

  it('never reach a report raw: stylish, markdown, HTML, JSON, SARIF and JUnit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-bidi-'));
    // A file name and a text with overrides: each reads differently from what it holds.
    const name = 'promo-\u202elmth.exe-.html';
    writeFileSync(join(dir, name), '<p>全景天窗 \u202efoorfnus on\u202c</p>\n');
    const formats = ['stylish', 'markdown', 'html', 'json', 'sarif', 'junit', 'github'];
    const r = runCli(
      ['scan', name, '-s', demoSpec, '--no-ocr', '-q', ...formats.flatMap((f) => ['-f', `${f}=${f}.out`])],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    for (const f of formats) {
      const out = readFileSync(join(dir, `${f}.out`), 'utf8');
      expect(out, f).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      // SARIF percent-encodes its URIs; its texts carry the JSON escape like the JSON report.
      expect(out, f).toMatch(f === 'json' ? /\\u202e/ : f === 'sarif' ? /%E2%80%AE/ : /\[U\+202E\]/);
    }
  });
});

describe('scanning a URL with credentials in it', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(join(import.meta.dirname, '..', 'http', 'fixtures'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('the report names the pages without the credentials', async () => {
    const url = server.base.replace('http://', 'http://reviewer:s3cret-token@');
    const r = await runCliAsync(
      [
        'scan',
        `${url}/`,
        '-s',
        demoSpec,
        '--allow-private',
        '--no-ocr',
        '--crawl-depth',
        '1',
        '-q',
        '-f',
        'json',
        '-f',
        'stylish=stylish.out',
      ],
      { cwd: mkdtempSync(join(tmpdir(), 'claimlint-cred-')) },
    );
    expect(r.stdout).not.toContain('s3cret-token');
    expect(r.stderr).not.toContain('s3cret-token');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.documents.length).toBeGreaterThan(0);
    expect(report.documents.map((d) => d.uri)).toContain(`${server.base.replace('http://', 'http://***@')}/`);
  });
});
