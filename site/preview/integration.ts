import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/**
 * Turns the site's pages into the draft preview server: pages read content per request through
 * `site/preview/read-dataset.ts` instead of the build's collection, and the preview middleware handles
 * draft mode, and every page loads the Presentation tool's connection (`site/preview/visual-editing.ts`). Only `astro.preview.config.mjs` adds it, so the public build has none of this.
 */
export function draftPreviewServer(): AstroIntegration {
  return {
    name: 'mca-draft-preview',
    hooks: {
      'astro:config:setup': ({ addMiddleware, injectScript, updateConfig }) => {
        // Bundled by Astro into the preview server's own assets, loaded as a module from its origin.
        injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('./visual-editing.ts', import.meta.url)))};`);
        addMiddleware({ entrypoint: fileURLToPath(new URL('./middleware.ts', import.meta.url)), order: 'pre' });
        updateConfig({
          vite: {
            resolve: {
              alias: [
                { find: /^\.\/content\/read-dataset\.ts$/, replacement: fileURLToPath(new URL('./read-dataset.ts', import.meta.url)) },
              ],
            },
          },
        });
      },
    },
  };
}
