import type { Language } from '../../schemas/languages.ts';
import type { Article } from '../../schemas/zod/index.ts';
import { translations } from '../i18n/index.ts';
import { contentSecurityPolicy } from './csp.ts';
import { ownUrl, withoutBase } from './urls.ts';

/**
 * Where the redirects are listed in a built site: `{ "<old path>": "<current URL>" }`. The old path is the
 * site path, without the base path (`/es/articles/<old>/`): where its page lies in the build, and what the
 * centre's server is asked for when a proxy or `serveStatic` serves the site under a base path. The current
 * URL is as served (`/mca-site/es/articles/<new>/`), for the browser. The build writes a redirect page at
 * each old path from it, and the centre's server answers those with 301.
 */
export const redirectsFile = 'redirects.json';

/**
 * Each live article's previous slugs, old URL → current URL, in every language (`docs/content-model.md`, "Redirects"). An old
 * URL that is now a page of its own (another article took the slug) is the page's, never a redirect.
 */
export function articleRedirects(articles: readonly Article[]): Record<string, string> {
  const pages = new Set(articles.map((article) => withoutBase(ownUrl(article))));
  const redirects: Record<string, string> = {};
  for (const article of articles) {
    for (const slug of article.previousSlugs ?? []) {
      // In the article's own language: `/es/articles/<old>/` for a Spanish article.
      const from = withoutBase(ownUrl({ ...article, slug: { current: slug } }));
      if (!pages.has(from)) redirects[from] = ownUrl(article);
    }
  }
  return redirects;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The small page at an old URL, in the article's language: sends the visitor on at once (meta refresh, plus
 * a plain link), names the current URL as canonical and asks search engines not to index it. No
 * `data-pagefind-body`, so search leaves it out; it is written after the sitemap's page list, so the
 * sitemap does too.
 */
export function redirectPage(to: string, canonical: string, language: Language): string {
  const t = translations[language];
  return `<!DOCTYPE html>
<html lang="${language}" dir="${t.locale.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="content-security-policy" content="${escapeHtml(contentSecurityPolicy())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.moved.title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(canonical)}">
<meta http-equiv="refresh" content="0; url=${escapeHtml(to)}">
</head>
<body>
<p>${escapeHtml(t.moved.movedTo)} <a href="${escapeHtml(to)}">${escapeHtml(canonical)}</a>.</p>
</body>
</html>
`;
}
