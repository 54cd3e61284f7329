import type { AstroIntegrationLogger } from 'astro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { indexPage, pagefind, SearchIndexError, searchIndexJob } from '../../site/integrations/pagefind.ts';

// Pagefind's Node API, answering what a test sets: Starlight tests its integration the same way.
const api = vi.hoisted(() => ({
  createErrors: [] as string[],
  addErrors: [] as string[],
  writeErrors: [] as string[],
  added: [] as string[],
  closed: 0,
}));
vi.mock('pagefind', () => ({
  createIndex: async () => ({
    errors: api.createErrors,
    index: {
      addHTMLFile: async ({ url }: { url: string }) => {
        api.added.push(url);
        return { errors: api.addErrors, file: { url } };
      },
      writeFiles: async () => ({ errors: api.writeErrors, outputPath: '' }),
    },
  }),
  close: async () => {
    api.closed++;
  },
}));

const logger = { info: () => {} } as unknown as AstroIntegrationLogger;
type Hook = (options: { dir: URL; logger: AstroIntegrationLogger }) => Promise<void> | void;

/** The integration's hooks in the order a build runs them, with `pages` rendered in between. */
async function runBuild(pages: readonly string[]): Promise<void> {
  const hooks = pagefind().hooks as Record<string, Hook>;
  const options = { dir: new URL('file:///tmp/mca-dist/'), logger };
  await hooks['astro:build:start']?.(options);
  for (const page of pages) await indexPage(searchIndexJob(), page, '<main data-pagefind-body>text</main>');
  await hooks['astro:build:generated']?.(options);
  await hooks['astro:build:done']?.(options);
}

describe('the search index step of the build', () => {
  beforeEach(() => {
    Object.assign(api, { createErrors: [], addErrors: [], writeErrors: [], added: [], closed: 0 });
  });

  it('fails the build with Pagefind’s own message when reading pages reports an error', async () => {
    api.addErrors = ['Failed to parse /articles/x/'];
    await expect(runBuild(['/articles/x/'])).rejects.toThrow(SearchIndexError);
    await expect(runBuild(['/articles/x/'])).rejects.toThrow(/reading pages.*\n.*Failed to parse/);
    expect(api.closed).toBe(2);
  });

  it('fails the build when writing the index reports an error, and when there is nothing to index', async () => {
    api.writeErrors = ['disk full'];
    await expect(runBuild(['/'])).rejects.toThrow(/writing the index[\s\S]*disk full/);
    api.writeErrors = [];
    await expect(runBuild([])).rejects.toThrow('Search indexing found no pages to index.');
  });

  it('hands Pagefind every page rendered, and passes when Pagefind reports no error', async () => {
    const pages = Array.from({ length: 100 }, (_, index) => `/articles/a-${index}/`);
    await expect(runBuild(pages)).resolves.toBeUndefined();
    expect(api.added).toEqual(pages);
    expect(api.closed).toBe(1);
  });
});
