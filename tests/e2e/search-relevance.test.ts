/**
 * Relevance of the search page on the sample site: everyday queries (`search-queries.ts`) typed into
 * the real page in Chromium. Fails if a query that has an answer on the site shows no results, or if
 * a query with no answer leaves the visitor without a way on. Prints top-1, top-3, MRR and the
 * no-result count, beside the same figures for Pagefind searched with the raw query.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSampleSite, type SampleSite, searchAgain } from '../support/sample-site.ts';
import { relevanceQueries } from './search-queries.ts';

let site: SampleSite;

beforeAll(async () => {
  site = await openSampleSite();
});

afterAll(() => site?.close());

/** The paths of the results the search page shows for `query`, best first, searched again in the open page. */
async function pageResults(page: Page, query: string): Promise<string[]> {
  await searchAgain(page, query);
  const paths = await page
    .locator('.search-result h3 a')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  return paths.map(site.sitePath);
}

/** The paths Pagefind itself returns for the raw query (what the default UI showed), best first. */
async function rawResults(page: Page, query: string): Promise<string[]> {
  // A string, so that the test runner does not rewrite the browser's `import()`.
  return page
    .evaluate(`(async () => {
    const pagefind = await import(${JSON.stringify(site.path('/pagefind/pagefind.js'))});
    const response = await pagefind.search(${JSON.stringify(query)});
    const pages = await Promise.all(response.results.slice(0, 10).map((result) => result.data()));
    return pages.map((found) => new URL(found.url, location.href).pathname);
  })()`)
    .then((paths) => (paths as string[]).map(site.sitePath));
}

interface Figures {
  top1: number;
  top3: number;
  mrr: number;
  noResults: number;
  misses: string[];
}

function score(ranked: { query: string; expected: string | null; paths: string[] }[]): Figures {
  const answerable = ranked.filter((row) => row.expected);
  const ranks = answerable.map((row) => row.paths.indexOf(row.expected as string) + 1);
  return {
    top1: ranks.filter((rank) => rank === 1).length,
    top3: ranks.filter((rank) => rank >= 1 && rank <= 3).length,
    mrr: ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / answerable.length,
    noResults: ranked.filter((row) => row.paths.length === 0).length,
    misses: answerable.filter((_, index) => (ranks[index] ?? 0) === 0 || (ranks[index] ?? 0) > 3).map((row) => row.query),
  };
}

function line(name: string, figures: Figures, answerable: number, total: number): string {
  return `${name.padEnd(22)} top-1 ${figures.top1}/${answerable}  top-3 ${figures.top3}/${answerable}  MRR ${figures.mrr.toFixed(3)}  no results ${figures.noResults}/${total}`;
}

it('finds an answer for every everyday query that has one, and never leaves one at a dead end', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/search/`);
  // Typing before the page's script has started would submit the form the way a page without JavaScript does.
  await page.locator('[data-search-started]').waitFor({ state: 'attached' });
  const viaPage = [];
  const raw = [];
  for (const { query, expected } of relevanceQueries) {
    const paths = await pageResults(page, query);
    viaPage.push({ query, expected, paths });
    raw.push({ query, expected, paths: await rawResults(page, query) });
    if (paths.length === 0) {
      // Nothing found: the topics, the article index and the phone number are on the page instead.
      const fallback = page.getByRole('region', { name: 'Other ways to find what you need' });
      await expect(fallback.getByRole('link', { name: 'all articles' }).isVisible(), query).resolves.toBe(true);
      await expect(fallback.locator('a[href^="tel:"]').isVisible(), query).resolves.toBe(true);
      expect(await fallback.locator('.topic-list a').count(), query).toBeGreaterThan(0);
    }
  }
  await page.close();

  const answerable = relevanceQueries.filter((row) => row.expected).length;
  const pageFigures = score(viaPage);
  const rawFigures = score(raw);
  console.log(
    [
      `Search relevance on the sample site (${relevanceQueries.length} queries, ${answerable} with an answer):`,
      line('raw Pagefind query', rawFigures, answerable, relevanceQueries.length),
      line('search page', pageFigures, answerable, relevanceQueries.length),
      `not in the search page's top 3: ${pageFigures.misses.join('; ') || 'none'}`,
      ...viaPage
        .filter((row) => pageFigures.misses.includes(row.query))
        .map((row) => `  "${row.query}" → ${row.paths.slice(0, 3).join(', ') || 'nothing'} (wanted ${row.expected})`),
    ].join('\n'),
  );
  const emptyAnswerable = viaPage.filter((row) => row.expected && row.paths.length === 0).map((row) => row.query);
  expect(emptyAnswerable).toEqual([]);
  expect(pageFigures.top3).toBeGreaterThan(rawFigures.top3);
}, 240_000);
