import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Tests that build a site, drive Chromium or run Sanity's TypeGen CLI over the schema and the queries (seconds
 * of CPU each, minutes on a busy machine). Everything else under `tests/` is a unit test.
 */
const e2e = ['tests/e2e/**/*.test.ts', 'tests/**/*-browser.test.ts', 'tests/studio/typegen.test.ts'];

/**
 * Vitest's order (the longest last time first; on a first run, the largest file first) with one change: the
 * Studio's suites (`tests/studio/in-node.test.ts`) start first. They take the longest of the unit files, but
 * their file is small, so on a first run they would otherwise start last and run alone at the end.
 */
class StudioFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const studio = (file: TestSpecification) => file.moduleId.endsWith('/tests/studio/in-node.test.ts');
    return [...sorted.filter(studio), ...sorted.filter((file) => !studio(file))];
  }
}

/** `--sequence.shuffle.files` (docs/testing.md): Vitest shuffles only when no sequencer is configured. */
const shuffled = process.argv.some((argument) => argument.startsWith('--sequence.shuffle'));

export default defineConfig({
  test: {
    // Generous: a child process (a CLI, a build) can take many seconds on a busy two-core machine.
    testTimeout: 180_000,
    hookTimeout: 900_000,
    setupFiles: ['tests/support/setup.ts'],
    sequence: shuffled ? {} : { sequencer: StudioFirst },
    // expect.poll waits for a state: a busy machine may take a minute to reach it.
    expect: { poll: { timeout: 60_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: e2e,
          // Files run side by side; the e2e group starts once they are done. Files share a worker's module
          // cache (`isolate: false`): importing Astro, Sanity and sharp again for each file took half the time.
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2e,
          // One file at a time: builds and Chromium share two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
