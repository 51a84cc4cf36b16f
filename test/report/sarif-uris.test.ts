import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { demoSpec } from '../helpers/paths.js';
import { validateSarif } from '../helpers/sarif.js';

// Issue 15, item 8: inputs given by absolute path outside the working directory made SARIF that
// the Microsoft validator rejects (a relative reference must not begin with a slash), and
// baselines did not match in a checkout at another absolute path.

const PAGE = '<p>电动天窗，畅享阳光</p>';

/** A tree with a page and the spec; `git` adds a .git folder, as a checkout has. */
function tree(git: boolean, parent = mkdtempSync(join(tmpdir(), 'claimlint-tree-'))): string {
  const root = join(parent, 'repo');
  mkdirSync(join(root, 'web', 'site'), { recursive: true });
  if (git) mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'web', 'site', 'index.html'), PAGE);
  cpSync(demoSpec, join(root, 'spec.yaml'));
  return root;
}

interface SarifLog {
  runs: {
    originalUriBaseIds: Record<string, { uri?: string }>;
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    results: {
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
    }[];
  }[];
}

const elsewhere = () => mkdtempSync(join(tmpdir(), 'claimlint-cwd-'));

describe('SARIF artifact URIs', () => {
  it('an input outside the working directory is a file:// URI, and the validator finds no error', () => {
    const root = tree(false);
    const cwd = elsewhere();
    const page = join(root, 'web', 'site', 'index.html');
    const r = runCli(['scan', page, '-s', join(root, 'spec.yaml'), '-q', '-f', 'sarif=out.sarif'], { cwd });
    expect(r.code).toBe(1);
    const text = readFileSync(join(cwd, 'out.sarif'), 'utf8');
    const run = (JSON.parse(text) as SarifLog).runs[0]!;
    expect(run.artifacts[0]!.location).toEqual({ uri: pathToFileURL(page).href });
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      pathToFileURL(page).href,
    );
    expect(validateSarif(text)).toEqual([]);
  });

  it('a file in the repository is relative to its root (%SRCROOT%), also when run from a subfolder', () => {
    const root = tree(true);
    const r = runCli(['scan', 'site', '-s', '../spec.yaml', '-q', '-f', 'sarif=../out.sarif'], {
      cwd: join(root, 'web'),
    });
    expect(r.code).toBe(1);
    const text = readFileSync(join(root, 'out.sarif'), 'utf8');
    const run = (JSON.parse(text) as SarifLog).runs[0]!;
    expect(run.artifacts[0]!.location).toEqual({ uri: 'web/site/index.html', uriBaseId: '%SRCROOT%' });
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toMatchObject({
      uri: 'web/site/index.html',
      uriBaseId: '%SRCROOT%',
    });
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(root).href}/`);
    expect(validateSarif(text)).toEqual([]);
  });
});

describe('baselines across checkouts', () => {
  it('a baseline made in one checkout accepts the same findings in a copy at another absolute path', () => {
    const a = tree(true);
    const b = tree(true);
    const cwd = elsewhere();
    const scanOf = (root: string, ...extra: string[]) =>
      runCli(['scan', join(root, 'web', 'site'), '-s', join(root, 'spec.yaml'), '-q', ...extra], { cwd });
    expect(scanOf(a, '-f', 'json=a.json').code).toBe(1);
    const before = JSON.parse(readFileSync(join(cwd, 'a.json'), 'utf8')) as Report;
    expect(before.findings.length).toBeGreaterThan(0);
    // The report names the file where it is; the fingerprint names it inside the repository.
    expect(before.findings[0]!.uri).toBe(join(a, 'web', 'site', 'index.html'));
    expect(runCli(['baseline', 'a.json', '-o', 'baseline.json'], { cwd }).code).toBe(0);

    const r = scanOf(b, '--baseline', 'baseline.json', '-f', 'json');
    expect(r.code).toBe(0);
    const after = JSON.parse(r.stdout) as Report;
    expect(after.findings).toEqual([]);
    expect(after.baseline).toMatchObject({ accepted: before.findings.length, stale: [] });
    expect(after.accepted?.map((f) => f.fingerprint).sort()).toEqual(
      before.findings.map((f) => f.fingerprint).sort(),
    );
  });
});
