import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/**
 * Turns the site's pages into the draft preview server: pages read content per request through
 * `site/preview/read-dataset.ts` instead of the build's collection, and the preview middleware handles
 * draft mode. Only `astro.preview.config.mjs` adds it, so the public build has none of this.
 */
export function draftPreviewServer(): AstroIntegration {
  return {
    name: 'mca-draft-preview',
    hooks: {
      'astro:config:setup': ({ addMiddleware, updateConfig }) => {
        addMiddleware({ entrypoint: fileURLToPath(new URL('./middleware.ts', import.meta.url)), order: 'pre' });
        updateConfig({
          vite: {
            resolve: {
              alias: [{ find: /^\.\/content\/read-dataset\.ts$/, replacement: fileURLToPath(new URL('./read-dataset.ts', import.meta.url)) }],
            },
          },
        });
      },
    },
  };
}
