import { defineConfig } from 'vitest/config';

/** Tests that build a site or drive Chromium. Everything else under `tests/` is a unit test. */
const e2e = ['tests/e2e/**/*.test.ts', 'tests/**/*-browser.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: e2e,
          setupFiles: ['tests/support/setup.ts'],
          // Files run side by side; the e2e group starts once they are done.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: e2e,
          setupFiles: ['tests/support/setup.ts'],
          // One file at a time: builds and Chromium share two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
