/** The site's URL scheme (`CONTENT-MODEL.md`, "URLs"): directory style, with trailing slashes. */
export const urls = {
  home: '/',
  articles: (page = 1) => (page <= 1 ? '/articles/' : `/articles/${page}/`),
  article: (slug: string) => `/articles/${slug}/`,
  topic: (slug: string) => `/topics/${slug}/`,
  staffDirectory: '/staff/',
  staff: (slug: string) => `/staff/${slug}/`,
  contact: '/contact/',
  search: '/search/',
  rss: '/rss.xml',
} as const;

/** Articles per page on `/articles/`. */
export const articlesPerPage = 10;
