/** The site's URL scheme (`CONTENT-MODEL.md`, "URLs"): directory style, with trailing slashes. */
export const urls = {
  home: '/',
  articles: (page = 1) => (page <= 1 ? '/articles/' : `/articles/${page}/`),
  article: (slug: string) => `/articles/${slug}/`,
  topic: (slug: string, page = 1) => (page <= 1 ? `/topics/${slug}/` : `/topics/${slug}/${page}/`),
  staffDirectory: '/staff/',
  staff: (slug: string) => `/staff/${slug}/`,
  /** Every article a staff member wrote, newest first, paginated. */
  staffArticles: (slug: string, page = 1) => (page <= 1 ? `/staff/${slug}/articles/` : `/staff/${slug}/articles/${page}/`),
  /** Every article a staff member reviewed (and did not write), newest first, paginated. */
  staffReviewed: (slug: string, page = 1) => (page <= 1 ? `/staff/${slug}/reviewed/` : `/staff/${slug}/reviewed/${page}/`),
  contact: '/contact/',
  /** Where an accepted contact message lands. */
  contactSent: '/contact/sent/',
  search: '/search/',
  rss: '/rss.xml',
} as const;

/** Articles per page on `/articles/`, `/topics/<slug>/` and `/staff/<slug>/articles/`. */
export const articlesPerPage = 10;
