import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../../schemas/languages.ts';
import { everyLanguage } from '../../i18n/index.ts';
import { localeOf } from '../../lib/page-locale.ts';
import { getSiteContent, ownUrl, topicsOf } from '../../lib/site-content.ts';

export const getStaticPaths = (() => everyLanguage()) satisfies GetStaticPaths;

/** The newest articles of one language as RSS 2.0: `/rss.xml` (English), `/es/rss.xml` (Spanish). */
export const GET: APIRoute = async ({ site, props }) => {
  const { language, t } = localeOf((props as { language: Language }).language);
  const content = await getSiteContent(language);
  return rss({
    title: t.layout.rssTitle(content.contact.organizationName),
    description: t.articles.feedDescription,
    site: site ?? 'http://localhost:4321',
    items: content.articles.slice(0, 30).map((article) => ({
      title: article.title,
      description: article.excerpt,
      pubDate: new Date(article.publishedAt),
      link: ownUrl(article),
      categories: topicsOf(article, content).map((topic) => topic.title),
    })),
    customData: `<language>${t.locale.rss}</language>`,
  });
};
