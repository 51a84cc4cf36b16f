import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelAssigner } from '../../src/config/channels.js';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { BUILT_IN_PACKS, loadPacks, parsePack, resolveSeverities } from '../../src/config/packs.js';
import { packagePath } from '../../src/data/package-root.js';
import { ConfigError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { demoDir } from '../helpers/paths.js';
import { problemsOf } from '../helpers/specs.js';

const problems = (text: string) => problemsOf(() => parseConfig(text, '/x/claimlint.config.yaml'));

describe('config file', () => {
  it('makes paths relative to the config file', () => {
    const c = parseConfig(
      'spec: spec.yaml\ninputs: [pages, "https://a.example/x"]\nassets: a/assets.yaml\nbaseline: b.json\npacks: [recommended, ./packs/own.yaml]\nchannels:\n  - { name: jd, match: ["pages/jd/**", "https://item.jd.com/**"], owner: JD }\n',
      '/proj/cfg/claimlint.config.yaml',
    );
    expect(c).toMatchObject({
      spec: '/proj/cfg/spec.yaml',
      inputs: ['/proj/cfg/pages', 'https://a.example/x'],
      assets: '/proj/cfg/a/assets.yaml',
      baseline: '/proj/cfg/b.json',
      packs: ['recommended', '/proj/cfg/packs/own.yaml'],
      channels: [{ name: 'jd', match: ['/proj/cfg/pages/jd/**', 'https://item.jd.com/**'], owner: 'JD' }],
    });
  });

  it('a typo in a key is an error with its path, line and a suggestion', () => {
    expect(problems('spec: s.yaml\nfialOn: error\n')).toEqual([
      expect.objectContaining({ path: '/fialOn', line: 2, hint: 'did you mean "failOn"?' }),
    ]);
    expect(problems('crawl: { dept: 2 }\n')[0]).toMatchObject({
      path: '/crawl/dept',
      hint: 'did you mean "depth"?',
    });
    expect(problems('rules: { feature-absent: eror }\n')[0]).toMatchObject({ path: '/rules/feature-absent' });
  });

  it('is found in the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-cfg-'));
    writeFileSync(join(dir, 'claimlint.config.json'), JSON.stringify({ failOn: 'warning' }));
    expect((await loadConfig(undefined, dir))?.failOn).toBe('warning');
    expect(await loadConfig(undefined, tmpdir())).toBeUndefined();
  });

  it('assigns channels and owners by path glob and URL pattern', () => {
    const assign = channelAssigner(
      [
        { name: 'jd', match: ['/p/pages/jd/**', 'https://item.jd.com/**'], owner: 'JD team' },
        { name: 'aion', match: ['/p/pages/aion/**'] },
      ],
      '/p',
    );
    expect(assign('pages/jd/product.html')).toEqual({ channel: 'jd', owner: 'JD team' });
    expect(assign('https://item.jd.com/100123.html?x=1')).toEqual({ channel: 'jd', owner: 'JD team' });
    expect(assign('pages/aion/a.html')).toEqual({ channel: 'aion' });
    expect(assign('pages/other.html')).toEqual({});
  });

  it('packs decide which rules run; the config overrides them; input-error is always on', async () => {
    const packs = await loadPacks(['recommended']);
    const ids = ['feature-absent', 'prohibited-term', 'input-error'];
    expect(resolveSeverities(packs, {}, ids)).toMatchObject({
      'feature-absent': 'error',
      'prohibited-term': 'off',
      'input-error': 'error',
    });
    const withLaw = await loadPacks(['recommended', 'cn-ad-law']);
    expect(resolveSeverities(withLaw, { 'feature-absent': 'warning' }, ids)).toMatchObject({
      'feature-absent': 'warning',
      'prohibited-term': 'error',
    });
    await expect(loadPacks(['cn-adlaw'])).rejects.toThrow(ConfigError);
  });

  it('every bundled pack passes the rule-pack schema (loading skips it for them)', async () => {
    for (const name of BUILT_IN_PACKS) {
      const file = packagePath('rules', 'packs', `${name}.yaml`);
      expect(() => parsePack(readFileSync(file, 'utf8'), file), name).not.toThrow();
    }
  });

  it('a custom pack with a bad regex is a config error at its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-pack-'));
    const file = join(dir, 'own.yaml');
    writeFileSync(
      file,
      "schemaVersion: 1\nname: own\nprohibited:\n  - id: x\n    message: m\n    patterns: ['(unclosed']\n",
    );
    await expect(loadPacks([file])).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: '/prohibited/0/patterns/0', line: 6 })],
    });
  });
});

describe('config end to end', () => {
  it('the demo config names the channels and owners; flags still win', () => {
    const r = runCli([
      'scan',
      '--config',
      join(demoDir, 'claimlint.config.yaml'),
      '--as-of',
      '2025-12-01',
      '-f',
      'json',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.documents.find((d: { uri: string }) => d.uri.endsWith('jd/product.html'))).toMatchObject({
      channel: 'jd',
      owner: 'JD Auto content team',
    });
    expect(report.findings.every((f: { channel?: string }) => f.channel)).toBe(true);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'prohibited-term')).toBe(true);
    const stylish = runCli([
      'scan',
      '--config',
      join(demoDir, 'claimlint.config.yaml'),
      '--as-of',
      '2025-12-01',
    ]).stdout;
    expect(stylish).toContain('[channel: jd · owner: JD Auto content team]');
  });

  it('a config with a typo exits 2 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-cfg-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'claimlint.config.yaml'), 'spec: spec.yaml\nchanels: []\n');
    const r = runCli(['scan', 'pages'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /claimlint\.config\.yaml:2:1\s+\/chanels\s+unknown key "chanels" \(did you mean "channels"\?\)/,
    );
  });

  it('an unknown rule in rules: exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-cfg-'));
    writeFileSync(
      join(dir, 'claimlint.config.yaml'),
      `spec: ${join(demoDir, 'spec.yaml')}\nrules: { feature-absnt: off }\n`,
    );
    const r = runCli(['scan', join(demoDir, 'pages')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "feature-absent"?');
  });
});
