import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { close, createIndex } from 'pagefind';
import { FriendlyError } from '../../schemas/friendly-error.ts';

/** Thrown when Pagefind reports an error; the build fails with its messages. */
export class SearchIndexError extends FriendlyError {
  override name = 'SearchIndexError';
}

function assertNoErrors(step: string, errors: readonly string[]) {
  if (errors.length > 0) throw new SearchIndexError(`Search indexing failed (${step}):\n  ${errors.join('\n  ')}`);
}

/**
 * Indexes the built site with Pagefind's Node API at the end of the build. Any error Pagefind reports
 * fails the build. Pages opt in with `data-pagefind-body` on `<main>`, so headers, footers and
 * navigation stay out of the index.
 */
export function pagefind(): AstroIntegration {
  return {
    name: 'mca:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await createIndex({ forceLanguage: 'en' });
          assertNoErrors('starting Pagefind', errors);
          if (!index) throw new SearchIndexError('Search indexing failed: Pagefind returned no index.');
          const added = await index.addDirectory({ path: outDir });
          assertNoErrors('reading pages', added.errors);
          if (added.page_count === 0) throw new SearchIndexError('Search indexing found no pages to index.');
          const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
          assertNoErrors('writing the index', written.errors);
          logger.info(`Indexed ${added.page_count} pages for search.`);
        } finally {
          await close();
        }
      },
    },
  };
}
