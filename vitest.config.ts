import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Tests that build a site, drive Chromium or run Sanity's TypeGen CLI over the schema and the queries (seconds
 * of CPU each, minutes on a busy machine). Everything else under `tests/` is a unit test.
 */
const e2e = ['tests/e2e/**/*.test.ts', 'tests/**/*-browser.test.ts', 'tests/studio/typegen.test.ts'];

/**
 * The longest file of each project, started first. Vitest orders files by their time in the last run, longest
 * first; on a first run (a fresh clone, CI) it has no times and orders by file size, which would start these
 * late and leave them running alone at the end: the Studio's suites are a small file, and the editor's day
 * (which also makes the test Studio and the preview server) is not the largest e2e file.
 */
const longestFirst = ['/tests/studio/in-node.test.ts', '/tests/studio/editors-day-browser.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (file: TestSpecification) => longestFirst.some((path) => file.moduleId.endsWith(path));
    return [...sorted.filter(first), ...sorted.filter((file) => !first(file))];
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
    sequence: shuffled ? {} : { sequencer: LongestFirst },
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
          // Two files at a time: one file leaves part of two cores idle while it waits on a build, a server or
          // a page. Builds that files share are made once, under a lock (`tests/support/build-cache.ts`).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
