/**
 * The Studio's code run in Node: its schema against the build's, its validation, configuration, structure and
 * helpers. The suites are the `*.suite.ts` files beside this one. They run as one test file because each of
 * them imports Sanity, about 3 s of CPU, and Vitest imports it again in every worker that runs such a file: as
 * seven files, both unit workers did. `vitest.config.ts` starts this file first, as the longest of the unit
 * project. One suite alone: `npx vitest run tests/studio/in-node.test.ts -t corpus`.
 */
import { describe } from 'vitest';

const suites: Record<string, () => Promise<unknown>> = {
  corpus: () => import('./corpus.suite.ts'),
  'sample-dataset': () => import('./sample-dataset.suite.ts'),
  'schema-drift': () => import('./schema-drift.suite.ts'),
  'studio-config': () => import('./studio-config.suite.ts'),
  'studio-helpers': () => import('./studio-helpers.suite.ts'),
  'site-status': () => import('./site-status.suite.ts'),
  'image-uploads': () => import('./image-uploads.suite.ts'),
};

for (const [name, load] of Object.entries(suites)) {
  describe(name, async () => {
    await load();
  });
}
