// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { draftPreviewServer } from './site/preview/integration.ts';

// No usage data sent to Astro (see astro.config.mjs).
process.env.ASTRO_TELEMETRY_DISABLED = '1';

/** The draft preview server (`npm run preview:server`): the same pages, rendered on request. */
export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist-preview',
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), draftPreviewServer()],
});
