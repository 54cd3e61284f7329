import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageOfPath } from '../i18n/index.ts';
import { redirectPage, redirectsFile } from '../lib/redirects.ts';

/**
 * Writes a redirect page at each old article URL listed in `redirects.json` (`lib/redirects.ts`), after the
 * pages are built: a page Astro rendered at that path always wins.
 */
export function redirectPages(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'mca-redirect-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const listing = join(outDir, redirectsFile);
        if (!existsSync(listing)) return;
        const redirects = JSON.parse(await readFile(listing, 'utf8')) as Record<string, string>;
        let written = 0;
        for (const [from, to] of Object.entries(redirects)) {
          const file = join(outDir, from, 'index.html');
          if (existsSync(file)) continue;
          await mkdir(join(outDir, from), { recursive: true });
          await writeFile(file, redirectPage(to, new URL(to, site ?? 'http://localhost/').href, languageOfPath(from)));
          written++;
        }
        if (written > 0) logger.info(`Redirect pages: ${written} old article URLs`);
      },
    },
  };
}
