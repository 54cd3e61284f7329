import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNow } from '../lib/build-clock.ts';
import { type BuildInfo, buildInfoPath } from '../lib/build-info.ts';
import { syncedContent } from '../lib/content/sanity-loader.ts';

/**
 * Writes `/build.json` at the end of every build, so the Studio can tell an editor whether the site
 * shows what was published: a document whose `_updatedAt` is not newer than `contentUpdatedAt` is on it.
 */
export function buildInfo(): AstroIntegration {
  return {
    name: 'mca:build-info',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const info: BuildInfo = {
          builtAt: buildNow().toISOString(),
          contentUpdatedAt: syncedContent().current?.contentUpdatedAt ?? null,
        };
        await writeFile(join(fileURLToPath(dir), buildInfoPath), `${JSON.stringify(info)}\n`);
      },
    },
  };
}
