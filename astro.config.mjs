// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { buildInfo } from './site/integrations/build-info.ts';
import { imageFileWriter } from './site/integrations/image-files.ts';
import { pagefind } from './site/integrations/pagefind.ts';
import { siteAddress } from './site/lib/site-address.ts';
import { inSitemap, withAlternates } from './site/lib/no-index.ts';
import { redirectPages } from './site/integrations/redirect-pages.ts';

// A site that promises visitors no tracking sends no usage data of its own either. Astro reads this when
// it records an event, after loading this file, so `npx astro …` sends nothing; the npm scripts set it
// before Astro starts, which also silences its first-run notice.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const { site, base } = siteAddress(process.env.SITE_URL);

export default defineConfig({
  site,
  base,
  srcDir: './site',
  publicDir: './site/public',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  integrations: [
    mdx(),
    sitemap({ filter: inSitemap, serialize: withAlternates }),
    imageFileWriter(),
    redirectPages(),
    pagefind(),
    buildInfo(),
  ],
});
