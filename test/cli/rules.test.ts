import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

describe('every rule has meta, docs and tests', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
    const docs = join(repoRoot, rule.meta.docs);
    expect(existsSync(docs), `${rule.meta.docs} exists`).toBe(true);
    const text = readFileSync(docs, 'utf8');
    expect(text).toMatch(new RegExp(`^# ${id}\\n`));
    for (const section of ['## What', '## Why', '## Example'])
      expect(text, `${id}: ${section}`).toContain(section);
    expect(
      existsSync(join(repoRoot, 'test', 'check', `${id}.test.ts`)),
      `test/check/${id}.test.ts exists`,
    ).toBe(true);
  });

  it('every rule is in the README table', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const r of RULES) expect(readme).toContain(`[${r.meta.id}](docs/rules/${r.meta.id}.md)`);
  });
});

describe('claimlint rules', () => {
  it('list prints every rule with its severity', () => {
    const r = runCli(['rules', 'list']);
    expect(r.code).toBe(0);
    for (const rule of RULES)
      expect(r.stdout).toMatch(new RegExp(`^${rule.meta.id}\\s+${rule.meta.severity}`, 'm'));
  });

  it('explain prints the docs page', () => {
    const r = runCli(['rules', 'explain', 'feature-absent']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Why');
  });

  it('explain with a typo suggests the rule', () => {
    const r = runCli(['rules', 'explain', 'feature-absnt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "feature-absent"?');
  });
});
