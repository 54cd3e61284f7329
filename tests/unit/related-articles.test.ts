import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../schemas/zod/index.ts';
import { relatedArticles, type SiteContent } from '../../site/lib/site-content.ts';

// The content collection exists only inside an Astro build; these tests hand the content in directly.
vi.mock('../../site/lib/content/read-dataset.ts', () => ({ readDataset: () => Promise.reject(new Error('not in a build')) }));

/** Articles newest first, each with the topics `topicsOf(index)` gives, arranged as `getSiteContent` does. */
function site(articleCount: number, topicsOf: (index: number) => string[]): { articles: Article[]; content: SiteContent } {
  const articles = Array.from(
    { length: articleCount },
    (_, index) => ({ _id: `article-${index}`, topics: topicsOf(index).map((ref) => ({ _ref: ref })) }) as unknown as Article,
  );
  const articlesByTopic = new Map<string, Article[]>();
  for (const article of articles) {
    for (const ref of new Set(article.topics?.map((topic) => topic._ref)))
      articlesByTopic.set(ref, [...(articlesByTopic.get(ref) ?? []), article]);
  }
  const content = {
    articles,
    articlesByTopic,
    positionOf: (article: Article) => articles.indexOf(article),
    resolve: (id: string) => id,
  } as unknown as SiteContent;
  return { articles, content };
}

/** What the related list means, the slow way: every other article, most shared topics first, then newest. */
function expected(article: Article, articles: Article[], count = 3): string[] {
  const mine = new Set(article.topics?.map((topic) => topic._ref));
  return articles
    .map((other, position) => ({
      other,
      position,
      shared: new Set(other.topics?.map((topic) => topic._ref).filter((ref) => mine.has(ref))).size,
    }))
    .filter(({ other, shared }) => other !== article && shared > 0)
    .sort((a, b) => b.shared - a.shared || a.position - b.position)
    .slice(0, count)
    .map(({ other }) => other._id);
}

describe('related articles', () => {
  it('lists the articles sharing most topics first, then the newest, for every article of a site', () => {
    // A deterministic spread: some topic pairs are shared by many articles, some by one or none.
    const topicNames = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const { articles, content } = site(120, (index) => {
      const first = topicNames[(index * 7) % topicNames.length] as string;
      const second = topicNames[(index * index + 3) % topicNames.length] as string;
      return index % 11 === 0 ? [first] : index % 13 === 0 ? [first, second, 'h'] : [first, second];
    });
    for (const article of articles) {
      expect(
        relatedArticles(article, content).map((other) => other._id),
        article._id,
      ).toEqual(expected(article, articles));
    }
  });

  it('fills the list with articles sharing fewer topics when too few share them all', () => {
    const { articles, content } = site(6, (index) => [['x', 'y'], ['x'], ['y'], ['x', 'y'], ['z'], ['y']][index] as string[]);
    expect(relatedArticles(articles[0] as Article, content).map((other) => other._id)).toEqual(['article-3', 'article-1', 'article-2']);
    expect(relatedArticles(articles[4] as Article, content)).toEqual([]);
  });
});
