import { parseSettings, SiteEnvSchema } from '../../schemas/settings.ts';

/**
 * Astro's `site` and `base` from `SITE_URL`: a path in the address (`https://example.github.io/mca-site/`)
 * becomes the base path every page, link, image, feed and the search bundle are served under.
 */
export function siteAddress(value: string | undefined): { site: string; base: string } {
  const { SITE_URL } = parseSettings(SiteEnvSchema.pick({ SITE_URL: true }), { SITE_URL: value }, 'site');
  const url = new URL(SITE_URL);
  const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { site: `${url.origin}${base}`, base };
}
