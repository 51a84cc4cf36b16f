import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** The official validator, offline from the npm package. */
export function validateSarif(text: string): { level: string; message: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-sarif-'));
  const file = join(dir, 'report.sarif');
  const out = join(dir, 'validation.sarif');
  writeFileSync(file, text);
  execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'sarif-multitool'),
    ['validate', file, '--output', out, '--log', 'ForceOverwrite'],
    {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  const log = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { results?: { level?: string; message: { text?: string } }[] }[];
  };
  return (log.runs[0]?.results ?? []).map((r) => ({
    level: r.level ?? 'warning',
    message: r.message.text ?? '',
  }));
}
