#!/usr/bin/env node
import { guardProcess, main } from '../dist/cli/main.js';

guardProcess();

const code = await main(process.argv.slice(2));
process.exitCode = code;
// After an error (exit 2) nothing more is to be done: a worker thread that failed to start (OCR
// engine setup) cannot be terminated through its library and would keep the process alive.
if (code === 2) process.stderr.write('', () => process.exit(code));
