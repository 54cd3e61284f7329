/**
 * The search engine's rules over a stand-in for Pagefind that answers as Pagefind 1.6 does: a term that
 * starts no indexed word is matched on the longest indexed word it starts with ("narcan" on "na").
 */
import { describe, expect, it } from 'vitest';
import { type RankedResult, searchAsMeant } from '../../site/client/search/engine.ts';

interface Page {
  url: string;
  words: string[];
}

const pages: Page[] = [
  { url: '/articles/na-meetings/', words: ['walking', 'into', 'a', 'first', 'aa', 'or', 'na', 'meeting'] },
  { url: '/articles/family/', words: ['groups', 'such', 'as', 'nar-anon', 'help', 'families'] },
  { url: '/articles/cost/', words: ['paying', 'for', 'treatment', 'what', 'you', 'pay'] },
  { url: '/articles/anonymous/', words: ['narcotics', 'anonymous', 'meetings'] },
];

/** Pagefind's matching, without its stemmer: words starting with the term, else the longest word the term starts with. */
function pagefindLike(term: string): Promise<RankedResult<{ excerpt: string }>[]> {
  const indexed = [...new Set(pages.flatMap((page) => page.words.flatMap((word) => word.split('-'))))];
  let matching = indexed.filter((word) => word.startsWith(term));
  if (matching.length === 0) {
    const prefixes = indexed.filter((word) => term.startsWith(word)).sort((a, b) => b.length - a.length);
    matching = prefixes.slice(0, 1);
  }
  const found = pages.filter((page) => page.words.some((word) => word.split('-').some((part) => matching.includes(part))));
  return Promise.resolve(
    found.map((page, index) => ({
      id: page.url,
      score: 1 / (index + 1),
      data: async () => ({
        excerpt: page.words
          .map((word) => (word.split('-').some((part) => matching.includes(part)) ? `<mark>${word}</mark>` : word))
          .join(' '),
      }),
    })),
  );
}

const marks = (data: { excerpt: string }) => [...data.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((match) => match[1] ?? '');
const urls = (results: readonly RankedResult<unknown>[]) => results.map((result) => result.id);

describe('matches never rest on a fragment shorter than four letters', () => {
  it('does not take "NA" or "Nar-Anon" for "narcan", and offers close matches by a four-letter stem instead', async () => {
    const answer = await searchAsMeant(pagefindLike, 'narcan', [], marks);
    expect(answer.kind).toBe('similar');
    expect(urls(answer.results)).toEqual(['/articles/anonymous/']);
  });

  it('finds nothing rather than a two-letter fragment when no stem matches either', async () => {
    const answer = await searchAsMeant(pagefindLike, 'naloxone', [], marks);
    expect(answer).toEqual({ kind: 'none', results: [] });
  });

  it('keeps matches on a short stem of the same word ("paying" on "pay") and on short words typed in full', async () => {
    expect(urls((await searchAsMeant(pagefindLike, 'paying', [], marks)).results)).toEqual(['/articles/cost/']);
    expect((await searchAsMeant(pagefindLike, 'na', [], marks)).kind).toBe('all');
  });
});
