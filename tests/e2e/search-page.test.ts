// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, where innerText is the visible text.
/**
 * The search page on the sample site, in Chromium: crisis help above the results, a way on when
 * nothing matches, filters, the query kept in the address, one search box, nothing loaded before it
 * is needed, no layout shift, and what it is without JavaScript. Prints the first search's bytes.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSite, type SampleSite, searchAgain } from '../support/sample-site.ts';

let site: SampleSite;
let context: BrowserContext;
let searchPage: Page | undefined;

beforeAll(async () => {
  site = await openSampleSite();
  context = await site.browser.newContext();
});

afterAll(() => site?.close());

/**
 * Opens the search page for `query` and waits until the search has answered. Every search loads the
 * page afresh, in the one page the tests share: a navigation of an open page costs a fifth of a new one.
 */
async function searchFor(query: string, width = 1280): Promise<Page> {
  searchPage ??= await context.newPage();
  await searchPage.setViewportSize({ width, height: 900 });
  await searchPage.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
  await searchPage.getByRole('status').filter({ hasText: /\S/ }).waitFor();
  return searchPage;
}

/** Searches again in the page `searchFor` opened, as a visitor typing a new query does (a fraction of a load). */
async function searchOnceMore(query: string): Promise<Page> {
  const page = searchPage as Page;
  await searchAgain(page, query);
  return page;
}

/** The site paths of the results shown, best first. */
const resultLinks = async (page: Page) =>
  (
    await page
      .locator('.search-result h3 a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))
  ).map(site.sitePath);

const crisisCallout = (page: Page) => page.getByRole('region', { name: 'If you need help right now' });

describe('crisis help', () => {
  it('shows 911, call or text 988 and the support line above the results, which stay', async () => {
    const page = await searchFor('Overdose');
    const callout = crisisCallout(page);
    await expect(callout.isVisible()).resolves.toBe(true);
    const links = await callout
      .locator('a')
      .evaluateAll((anchors) => anchors.map((link) => `${link.textContent} ${link.getAttribute('href')}`));
    expect(links).toEqual(['Call 911 tel:911', 'Call 988 tel:988', 'Text 988 sms:988', '(617) 555-0142 tel:+16175550142']);
    const results = await resultLinks(page);
    expect(results[0]).toBe('/articles/coping-with-cravings/');
    const calloutBox = await callout.boundingBox();
    const firstResult = await page.locator('.search-result').first().boundingBox();
    expect(calloutBox && firstResult && calloutBox.y + calloutBox.height <= firstResult.y).toBe(true);
  });

  it('gives 911, call 988 and text 988 as buttons a thumb can hit on a phone', async () => {
    const page = await searchFor('suicidal thoughts', 390);
    const buttons = crisisCallout(page).getByRole('list', { name: 'Crisis lines' }).getByRole('link');
    await expect(buttons.allInnerTexts()).resolves.toEqual(['Call 911', 'Call 988', 'Text 988']);
    for (const button of await buttons.all()) {
      const box = await button.boundingBox();
      expect(box && box.width >= 44 && box.height >= 44, `${await button.innerText()}: ${JSON.stringify(box)}`).toBe(true);
    }
  });

  it('says what to do in an overdose when the words are about one, in everyday wording', async () => {
    const steps = ['Call 911 now.', 'Give naloxone (Narcan) if you have it.', 'Stay with the person until help arrives.'];
    for (const [index, query] of [
      'narcan',
      'Naloxone',
      'he took too many pills',
      'my friend is not breathing',
      'OVERDOSING',
      'i think she OD’d',
      'overdosed',
    ].entries()) {
      const page = index === 0 ? await searchFor(query, 390) : await searchOnceMore(query);
      const callout = crisisCallout(page);
      await expect(callout.isVisible(), query).resolves.toBe(true);
      await expect(callout.locator('ol li').allInnerTexts(), query).resolves.toEqual(steps);
      await expect(callout.locator('ol').isVisible(), query).resolves.toBe(true);
    }
    const page = await searchOnceMore('suicidal thoughts');
    await expect(crisisCallout(page).locator('ol').isVisible()).resolves.toBe(false);
  }, 180_000);

  it('matches whole words in any letter case, including the editors\u2019 crisis terms', async () => {
    for (const [index, query] of ['I want to KILL MYSELF', 'self harm', 'suicidal thoughts', 'sometimes i want to die'].entries()) {
      const page = index === 0 ? await searchFor(query) : await searchOnceMore(query);
      await expect(crisisCallout(page).isVisible(), query).resolves.toBe(true);
    }
    for (const query of ['group therapy', 'emergencies', 'overdosage']) {
      const page = await searchOnceMore(query);
      await expect(crisisCallout(page).isVisible(), query).resolves.toBe(false);
    }
  }, 180_000);
});

describe('no dead ends', () => {
  it('shows the topics, the article index and the phone number when nothing matches', async () => {
    const page = await searchFor('xqzvbnw');
    await expect(page.getByRole('status').textContent()).resolves.toBe('No results for “xqzvbnw”');
    const fallback = page.getByRole('region', { name: 'Other ways to find what you need' });
    await expect(fallback.isVisible()).resolves.toBe(true);
    await expect(fallback.getByRole('link', { name: 'all articles' }).getAttribute('href')).resolves.toBe(site.path('/articles/'));
    await expect(fallback.locator('a[href^="tel:"]').first().textContent()).resolves.toBe('(617) 555-0142');
    expect(await fallback.locator('.topic-list a').count()).toBe(4);
  });

  it('searches with fewer words when no page has all of them, and says so before the first', async () => {
    const page = await searchFor('relapse plan for my zebra');
    await expect(page.getByRole('status').textContent()).resolves.toBe('No exact results for ‘relapse plan for my zebra’. Close matches:');
    expect((await resultLinks(page))[0]).toBe('/articles/building-a-relapse-prevention-plan/');
    await expect(page.getByRole('region', { name: 'Other ways to find what you need' }).isVisible()).resolves.toBe(false);
  });

  it('labels close matches as such, and never matches on a fragment shorter than four letters ("narcan" is not "NA")', async () => {
    const page = await searchFor('narcan', 390);
    const status = page.getByRole('status');
    await expect(status.textContent()).resolves.toBe('No exact results for ‘narcan’. Close matches:');
    const marked = await page.locator('.search-result mark').allInnerTexts();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word).toMatch(/^narc/i);
    const statusBox = await status.boundingBox();
    const firstResult = await page.locator('.search-result').first().boundingBox();
    expect(statusBox && firstResult && statusBox.y + statusBox.height <= firstResult.y).toBe(true);
  });

  it('finds pages through the editors\u2019 synonyms', async () => {
    // "rehab" and "afford" are on no page; the sample settings group them with "treatment" and "cost".
    const page = await searchFor('can I afford rehab');
    expect((await resultLinks(page))[0]).toBe('/articles/paying-for-treatment/');
    await expect(page.locator('[data-search-notice]').isVisible()).resolves.toBe(false);
  });
});

describe('the page', () => {
  it('finds a clinician by name on their staff page, not on every article their byline is on', async () => {
    const page = await searchFor('Marcus Delaney');
    const results = await resultLinks(page);
    expect(results[0]).toBe('/staff/marcus-delaney/');
    // He wrote or reviewed these; his name is only in their bylines, which search leaves out.
    for (const byline of ['/articles/coping-with-cravings/', '/articles/cbt-in-group-therapy/']) expect(results).not.toContain(byline);
  });

  it('cuts excerpts at whole words with an ellipsis, and never repeats the title in them', async () => {
    for (const [index, query] of ['paying for treatment', 'cravings', 'immediate danger'].entries()) {
      const page = index === 0 ? await searchFor(query) : await searchOnceMore(query);
      const results = await page.locator('.search-result').evaluateAll((items) =>
        items.map((item) => ({
          title: item.querySelector('h3')?.textContent ?? '',
          excerpt: item.querySelector('.search-result-excerpt')?.textContent ?? '',
        })),
      );
      expect(results.length, query).toBeGreaterThan(0);
      for (const { title, excerpt } of results) {
        // The failure this guards against: an excerpt that begins with (the end of) the title above it.
        const body = excerpt.replace(/^… /, '');
        const titleWords = title.split(' ');
        for (let from = 0; from < titleWords.length - 1; from++)
          expect(body.startsWith(titleWords.slice(from).join(' ')), `${query}: ${excerpt}`).toBe(false);
        expect(excerpt.startsWith('… ') || /^["“(]?[\p{Lu}\d]/u.test(excerpt), `${query}: ${excerpt}`).toBe(true);
        expect(excerpt.endsWith('…') || /[.!?]["”)]?$/.test(excerpt), `${query}: ${excerpt}`).toBe(true);
      }
      if (query === 'paying for treatment') {
        const first = results.find(({ title }) => title.startsWith('Paying for Treatment'));
        expect(first?.excerpt).toMatch(/^Worries about cost/);
      }
    }
  });

  it('shows type, topics and date on each result', async () => {
    const page = await searchFor('cravings');
    const first = page.locator('.search-result').first();
    await expect(first.locator('h3').innerText()).resolves.toBe('Coping With Cravings: Practical Skills That Help');
    await expect(first.locator('.search-result-meta').innerText()).resolves.toMatch(
      /^Article\s+Relapse prevention, Therapy approaches\s+October \d+, 2026$/,
    );
    await expect(first.locator('.search-result-excerpt mark').first().textContent()).resolves.toMatch(/^craving/i);
  });

  it('narrows the results with the filters, and keeps them in the address', async () => {
    const page = await searchFor('recovery');
    const status = page.getByRole('status');
    const all = Number((await status.textContent())?.match(/^\d+/)?.[0]);
    const filters = page.locator('details', { hasText: 'Filter results' });
    await expect(filters.getAttribute('open')).resolves.toBeNull();
    await page.getByText('Filter results').click();
    await page.getByRole('group', { name: 'Type' }).getByLabel('Staff').check();
    await expect.poll(() => status.textContent()).toMatch(/with the filters you chose$/);
    const staffOnly = Number((await status.textContent())?.match(/^\d+/)?.[0]);
    expect(staffOnly).toBeGreaterThan(0);
    expect(staffOnly).toBeLessThan(all);
    expect((await resultLinks(page)).every((path) => path.startsWith('/staff/'))).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['Staff']);
    await expect(page.locator('[data-filter-count]').textContent()).resolves.toBe('(1 on)');
  });

  it('keeps ?q= in the address as the query changes, without adding history entries', async () => {
    const page = await searchFor('detox');
    const before = await page.evaluate(() => history.length);
    const box = page.getByRole('searchbox', { name: 'Search articles, staff and pages' });
    await box.fill('group therapy');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('group therapy');
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/for “group therapy”$/);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.reload();
    await expect(box.inputValue()).resolves.toBe('group therapy');
  });

  it('has one search box, and loads nothing for search before the visitor searches', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${site.url}/search/`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('input[type="search"]').count()).toBe(1);
    expect(await page.getByRole('search').count()).toBe(1);
    expect(requests.filter((path) => path.startsWith(site.path('/pagefind/')))).toEqual([]);
    await page.getByRole('searchbox').pressSequentially('sober');
    await page.getByRole('status').filter({ hasText: /\S/ }).waitFor();
    expect(requests).toContain(site.path('/pagefind/pagefind.js'));
    await page.close();
  });

  it.each(['relapse prevention', 'overdose'])('does not shift the layout when results (and crisis help) arrive: %s', async (query) => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.addInitScript(() => {
      (window as unknown as { shifts: number }).shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
    await page.getByRole('status').filter({ hasText: /\S/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThan(0.01);
    await page.close();
  });

  it('without JavaScript, says that search needs it and offers the topics, the articles and the phone', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/search/?q=rehab`);
    await expect(page.locator('.search-noscript').innerText()).resolves.toContain('Search needs JavaScript');
    await expect(page.getByRole('region', { name: 'Other ways to find what you need' }).isVisible()).resolves.toBe(true);
    const form = page.getByRole('search');
    await expect(form.getAttribute('action')).resolves.toBe(site.path('/search/'));
    await expect(form.getAttribute('method')).resolves.toBe('get');
    await context.close();
  });

  it('reports what the first search transfers', async () => {
    // Pagefind fetches its index from a worker: the context's requests include the worker's, and their
    // sizes are Chromium's encoded (transferred) lengths.
    const page = await site.browser.newPage();
    const sizes: Promise<{ path: string; bytes: number }>[] = [];
    page.context().on('requestfinished', (request) => {
      sizes.push(
        request.sizes().then((size) => ({
          path: site.sitePath(new URL(request.url()).pathname),
          bytes: size.responseBodySize + size.responseHeadersSize,
        })),
      );
    });
    await page.goto(`${site.url}/search/?q=rehab`);
    await page.getByRole('status').filter({ hasText: /\S/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const finished = await Promise.all(sizes);
    const search = finished.filter(({ path }) => path.startsWith('/pagefind/'));
    const kB = (list: { bytes: number }[]) => (list.reduce((sum, { bytes }) => sum + bytes, 0) / 1024).toFixed(1);
    console.log(
      `[search] first search ("rehab", with synonyms) on the sample site: ${kB(search)} kB in ${search.length} requests from /pagefind/, ` +
        `${kB(finished.filter(({ path }) => !path.startsWith('/pagefind/')))} kB for the page itself (HTML, CSS, script)`,
    );
    expect(search.map(({ path }) => path)).toContain('/pagefind/pagefind.js');
    await page.close();
  });
});
