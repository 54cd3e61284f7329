import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteContent } from '../lib/site-content.ts';
import { urls } from '../lib/urls.ts';

/** The newest articles as RSS 2.0. */
export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  return rss({
    title: `${content.contact.organizationName}: articles`,
    description: 'Articles on addiction, treatment and recovery from our clinical team.',
    site: site ?? 'http://localhost:4321',
    items: content.articles.slice(0, 30).map((article) => ({
      title: article.title,
      description: article.excerpt,
      pubDate: new Date(article.publishedAt),
      link: urls.article(article.slug.current),
      categories: (article.topics ?? []).flatMap((ref) => content.topicsById.get(ref._ref)?.title ?? []),
    })),
    customData: '<language>en-us</language>',
  });
};
