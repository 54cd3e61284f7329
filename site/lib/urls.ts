import { siteAddress } from './site-address.ts';

/**
 * The site's URL scheme (`docs/content-model.md`, "URLs"): directory style, with trailing slashes, under the
 * base path of `SITE_URL` (`/` at a domain's root, `/mca-site/` for a GitHub Pages project site). Every
 * href and src the site writes comes from here or from {@link withBase}.
 */
// Read from SITE_URL as astro.config.mjs reads it (not import.meta.env.BASE_URL, which an inherited
// BASE_URL variable in the environment can override).
const { base } = siteAddress(process.env['SITE_URL']);

/** A site path (`/articles/`) as served, under the base path (`/mca-site/articles/`). */
export function withBase(path: string): string {
  return `${base}${path.replace(/^\//, '')}`;
}

/** A path as served (`/mca-site/articles/`) as a site path (`/articles/`): the inverse of {@link withBase}. */
export function withoutBase(served: string): string {
  return served.startsWith(base) ? `/${served.slice(base.length)}` : served;
}

export const urls = {
  home: withBase('/'),
  articles: (page = 1) => withBase(page <= 1 ? '/articles/' : `/articles/${page}/`),
  article: (slug: string) => withBase(`/articles/${slug}/`),
  topic: (slug: string, page = 1) => withBase(page <= 1 ? `/topics/${slug}/` : `/topics/${slug}/${page}/`),
  staffDirectory: withBase('/staff/'),
  staff: (slug: string) => withBase(`/staff/${slug}/`),
  /** Every article a staff member wrote, newest first, paginated. */
  staffArticles: (slug: string, page = 1) => withBase(page <= 1 ? `/staff/${slug}/articles/` : `/staff/${slug}/articles/${page}/`),
  /** Every article a staff member reviewed (and did not write), newest first, paginated. */
  staffReviewed: (slug: string, page = 1) => withBase(page <= 1 ? `/staff/${slug}/reviewed/` : `/staff/${slug}/reviewed/${page}/`),
  contact: withBase('/contact/'),
  /** Where an accepted contact message lands. */
  contactSent: withBase('/contact/sent/'),
  search: withBase('/search/'),
  rss: withBase('/rss.xml'),
  sitemap: withBase('/sitemap-index.xml'),
  /** A page written in MDX in `site/pages/`, e.g. `page('about')`. */
  page: (name: string) => withBase(`/${name}/`),
} as const;

/** Articles per page on `/articles/`, `/topics/<slug>/` and `/staff/<slug>/articles/`. */
export const articlesPerPage = 10;
