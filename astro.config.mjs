// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { imageFileWriter } from './site/integrations/image-files.ts';
import { pagefind } from './site/integrations/pagefind.ts';
import { inSitemap } from './site/lib/no-index.ts';

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  srcDir: './site',
  publicDir: './site/public',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx(), sitemap({ filter: inSitemap }), imageFileWriter(), pagefind()],
});
