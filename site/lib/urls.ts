import { defaultLanguage, type Language, languageIds, languageOf } from '../../schemas/languages.ts';
import { pathPrefix } from '../i18n/index.ts';
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

/** The URLs of one language's pages, under its path prefix (`/es/articles/`). */
function siteUrls(prefix: string) {
  return {
    home: withBase(`${prefix}/`),
    articles: (page = 1) => withBase(page <= 1 ? `${prefix}/articles/` : `${prefix}/articles/${page}/`),
    article: (slug: string) => withBase(`${prefix}/articles/${slug}/`),
    /** Every topic, with its description and how many articles it has. */
    topics: withBase(`${prefix}/topics/`),
    topic: (slug: string, page = 1) => withBase(page <= 1 ? `${prefix}/topics/${slug}/` : `${prefix}/topics/${slug}/${page}/`),
    staffDirectory: withBase(`${prefix}/staff/`),
    staff: (slug: string) => withBase(`${prefix}/staff/${slug}/`),
    /** Every article a staff member wrote, newest first, paginated. */
    staffArticles: (slug: string, page = 1) =>
      withBase(page <= 1 ? `${prefix}/staff/${slug}/articles/` : `${prefix}/staff/${slug}/articles/${page}/`),
    /** Every article a staff member reviewed (and did not write), newest first, paginated. */
    staffReviewed: (slug: string, page = 1) =>
      withBase(page <= 1 ? `${prefix}/staff/${slug}/reviewed/` : `${prefix}/staff/${slug}/reviewed/${page}/`),
    contact: withBase(`${prefix}/contact/`),
    /** Where an accepted contact message lands. */
    contactSent: withBase(`${prefix}/contact/sent/`),
    search: withBase(`${prefix}/search/`),
    rss: withBase(`${prefix}/rss.xml`),
    /** A page written in MDX in `site/pages/` (`site/pages/es/` for Spanish), e.g. `page('about')`. */
    page: (name: string) => withBase(`${prefix}/${name}/`),
    /** One page for every language. */
    languageAssistance: withBase('/language-assistance/'),
    sitemap: withBase('/sitemap-index.xml'),
  } as const;
}

export type SiteUrls = ReturnType<typeof siteUrls>;

/** The URLs of each language's pages. */
export const localizedUrls = Object.fromEntries(languageIds.map((language) => [language, siteUrls(pathPrefix(language))])) as Record<
  Language,
  SiteUrls
>;

/** The URLs of the default language's pages, and of the pages every language shares. */
export const urls = localizedUrls[defaultLanguage];

/** The URL of a document's own page, in its own language: `/articles/x/`, `/es/staff/y/`. */
export function ownUrl(doc: {
  _type: 'article' | 'staffMember' | 'topic';
  slug: { current: string };
  language?: Language | undefined;
}): string {
  const pages = localizedUrls[languageOf(doc)];
  if (doc._type === 'article') return pages.article(doc.slug.current);
  if (doc._type === 'staffMember') return pages.staff(doc.slug.current);
  return pages.topic(doc.slug.current);
}

/** Articles per page on `/articles/`, `/topics/<slug>/` and `/staff/<slug>/articles/`. */
export const articlesPerPage = 10;
