import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that replace a module or what a library takes from one when it loads (vi.mock, a
 * patched Worker class) need a module graph of their own: in a shared one the module under test may
 * already have been loaded with the real thing.
 */
const MOCKING_MODULES = ['test/pipeline/incremental.test.ts', 'test/image/ocr-quiet.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // OCR and Chromium tests are CPU-heavy; two cores are all CI has.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...MOCKING_MODULES],
          // The test files of a worker share one module graph: each file loading src/ afresh was a
          // sixth of the suite's time (34 s of imports against 12-13 s shared). No test depends on a
          // module's state being new; the mocking ones run apart.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING_MODULES } },
    ],
  },
});
