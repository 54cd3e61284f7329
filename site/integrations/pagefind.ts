import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { FriendlyError } from '../../schemas/friendly-error.ts';
import { buildShared } from '../lib/build-shared.ts';

/** Thrown when Pagefind reports an error; the build fails with its messages. */
export class SearchIndexError extends FriendlyError {
  override name = 'SearchIndexError';
}

function assertNoErrors(step: string, errors: readonly string[]) {
  if (errors.length > 0) throw new SearchIndexError(`Search indexing failed (${step}):\n  ${errors.join('\n  ')}`);
}

/** Pages handed to Pagefind at once; a page rendered beyond that waits, so unindexed pages never pile up. */
const maxPagesInFlight = 32;

/**
 * The build's search index, shared by the integration and the middleware that feeds it pages as they
 * render (`search-index-pages.ts`). On `globalThis`: Astro loads the middleware into the rendering
 * bundle, a module graph apart from the integration's.
 */
export interface SearchIndexJob {
  index: PagefindIndex | undefined;
  pages: number;
  errors: string[];
  inFlight: Set<Promise<void>>;
  /** Writing the index, started as soon as every page has rendered. */
  written: Promise<void> | undefined;
}

export function searchIndexJob(): SearchIndexJob {
  return buildShared<SearchIndexJob>('searchIndexJob', () => ({
    index: undefined,
    pages: 0,
    errors: [],
    inFlight: new Set(),
    written: undefined,
  }));
}

/**
 * Adds one rendered page (its site path without the base path, and its HTML) to the index. Pagefind
 * reads it in its own process while the next pages render; this waits only when many pages wait.
 */
export async function indexPage(job: SearchIndexJob, url: string, html: string): Promise<void> {
  const index = job.index;
  if (!index) return;
  job.pages++;
  const added: Promise<void> = index
    .addHTMLFile({ url, content: html })
    .then(
      (response) => void job.errors.push(...response.errors),
      (error: unknown) => void job.errors.push(`${url}: ${(error as Error).message}`),
    )
    .finally(() => job.inFlight.delete(added));
  job.inFlight.add(added);
  if (job.inFlight.size >= maxPagesInFlight) await Promise.race(job.inFlight);
}

async function writeIndex(job: SearchIndexJob, outDir: string): Promise<void> {
  await Promise.all(job.inFlight);
  assertNoErrors('reading pages', job.errors);
  if (!job.index || job.pages === 0) throw new SearchIndexError('Search indexing found no pages to index.');
  const written = await job.index.writeFiles({ outputPath: `${outDir}/pagefind` });
  assertNoErrors('writing the index', written.errors);
}

/**
 * Builds the search index with Pagefind's Node API. Pages opt in with `data-pagefind-body` on `<main>`,
 * so headers, footers and navigation stay out of the index. Each such page is handed to Pagefind as it
 * renders (the middleware), so Pagefind reads pages on the second core while Astro renders on the
 * first, instead of reading every file back from disk afterwards. Any error Pagefind reports fails the
 * build.
 */
export function pagefind(): AstroIntegration {
  const job = searchIndexJob();
  return {
    name: 'mca:pagefind',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build')
          addMiddleware({ entrypoint: fileURLToPath(new URL('./search-index-pages.ts', import.meta.url)), order: 'post' });
      },
      'astro:build:start': async () => {
        Object.assign(job, { index: undefined, pages: 0, errors: [], written: undefined });
        // One index per language, split by each page's `<html lang>`: a visitor's search loads only their language's files.
        const { index, errors } = await createIndex();
        assertNoErrors('starting Pagefind', errors);
        if (!index) throw new SearchIndexError('Search indexing failed: Pagefind returned no index.');
        job.index = index;
      },
      // Pagefind writes the index in its own process while the other integrations finish the build.
      'astro:build:generated': ({ dir }) => {
        job.written = writeIndex(job, fileURLToPath(dir));
        job.written.catch(() => {}); // awaited, and so reported, by `astro:build:done`
      },
      'astro:build:done': async ({ logger }) => {
        try {
          await job.written;
          logger.info(`Indexed ${job.pages} pages for search.`);
        } finally {
          job.index = undefined;
          await close();
        }
      },
    },
  };
}
