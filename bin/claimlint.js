#!/usr/bin/env node
// `claimlint --version` answers before the CLI loads: a version check in a script or a CI step
// should not pay for yargs and the command registry (the answer is the one yargs would print).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { guardProcess, main, tuneCompiler } = await import('../dist/app/main.js');
  guardProcess();
  // Less inlining: a scan's threads compile less (src/cli/compiler-tuning.ts).
  tuneCompiler();
  const code = await main(args);
  process.exitCode = code;
  // After an error (exit 2) nothing more is to be done: a worker thread that failed to start (OCR
  // engine setup) cannot be terminated through its library and would keep the process alive.
  if (code === 2) process.stderr.write('', () => process.exit(code));
}
