import * as z from 'zod';

/** The public address of the site (`SITE_URL`), e.g. `https://www.example.org/` or a GitHub Pages project site. */
const SiteUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://www.example.org/' }).refine(
  (value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.search && !url.hash && !url.username && !url.password;
  },
  { error: 'must be an address without a query, fragment or credentials' },
);

/**
 * Astro's `site` and `base` from `SITE_URL`: a path in the address (`https://example.github.io/mca-site/`)
 * becomes the base path every page, link, image, feed and the search bundle are served under.
 */
export function siteAddress(value: string | undefined): { site: string; base: string } {
  const raw = value?.trim() || 'http://localhost:4321/';
  const parsed = SiteUrlSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`SITE_URL "${raw}" ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
  const url = new URL(parsed.data);
  const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { site: `${url.origin}${base}`, base };
}
