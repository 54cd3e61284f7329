import type { AstroIntegrationLogger } from 'astro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pagefind, SearchIndexError } from '../../site/integrations/pagefind.ts';

// Pagefind's Node API, answering what a test sets: Starlight tests its integration the same way.
const api = vi.hoisted(() => ({
  createErrors: [] as string[],
  addErrors: [] as string[],
  pageCount: 3,
  writeErrors: [] as string[],
  closed: 0,
}));
vi.mock('pagefind', () => ({
  createIndex: async () => ({
    errors: api.createErrors,
    index: {
      addDirectory: async () => ({ errors: api.addErrors, page_count: api.pageCount }),
      writeFiles: async () => ({ errors: api.writeErrors, outputPath: '' }),
    },
  }),
  close: async () => {
    api.closed++;
  },
}));

const logger = { info: () => {} } as unknown as AstroIntegrationLogger;

async function runBuildDone(): Promise<void> {
  const hook = pagefind().hooks['astro:build:done'] as (options: { dir: URL; logger: AstroIntegrationLogger }) => Promise<void>;
  await hook({ dir: new URL('file:///tmp/mca-dist/'), logger });
}

describe('the search index step of the build', () => {
  beforeEach(() => {
    Object.assign(api, { createErrors: [], addErrors: [], pageCount: 3, writeErrors: [], closed: 0 });
  });

  it('fails the build with Pagefind’s own message when reading pages reports an error', async () => {
    api.addErrors = ['Failed to parse /tmp/mca-dist/articles/x/index.html'];
    await expect(runBuildDone()).rejects.toThrow(SearchIndexError);
    await expect(runBuildDone()).rejects.toThrow(/reading pages.*\n.*Failed to parse/);
    expect(api.closed).toBe(2);
  });

  it('fails the build when writing the index reports an error, and when there is nothing to index', async () => {
    api.writeErrors = ['disk full'];
    await expect(runBuildDone()).rejects.toThrow(/writing the index[\s\S]*disk full/);
    api.writeErrors = [];
    api.pageCount = 0;
    await expect(runBuildDone()).rejects.toThrow('Search indexing found no pages to index.');
  });

  it('passes when Pagefind reports no error', async () => {
    await expect(runBuildDone()).resolves.toBeUndefined();
    expect(api.closed).toBe(1);
  });
});
