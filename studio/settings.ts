import { readStudioEnv } from './env.ts';

/**
 * The Studio's settings for this build. The only place that reads `process.env`: Sanity inlines each
 * `process.env.SANITY_STUDIO_…` expression into the bundle at build time.
 */
export const studioSettings = readStudioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_SITE_URL: process.env.SANITY_STUDIO_SITE_URL,
  SANITY_STUDIO_PREVIEW_URL: process.env.SANITY_STUDIO_PREVIEW_URL,
});
