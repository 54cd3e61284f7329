/**
 * The Studio's code run in Node: its schema against the build's, its validation, configuration, structure and
 * helpers. The suites are the `*.suite.ts` files beside this one. They run as one test file because each of
 * them imports Sanity, about 3 s of CPU, and Vitest imports it again in every worker that runs such a file: as
 * seven files, both unit workers did. `vitest.config.ts` starts this file first, as the longest of the unit
 * project. One suite alone: `npx vitest run tests/studio/in-node.test.ts -t corpus`.
 */
import { describe } from 'vitest';

describe('corpus', async () => {
  await import('./corpus.suite.ts');
});
describe('sample-dataset', async () => {
  await import('./sample-dataset.suite.ts');
});
describe('schema-drift', async () => {
  await import('./schema-drift.suite.ts');
});
describe('studio-config', async () => {
  await import('./studio-config.suite.ts');
});
describe('studio-helpers', async () => {
  await import('./studio-helpers.suite.ts');
});
describe('site-status', async () => {
  await import('./site-status.suite.ts');
});
describe('image-uploads', async () => {
  await import('./image-uploads.suite.ts');
});
