// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, where innerText is the visible text.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/chromium.ts';
import { listReleases, releasePaths } from '../../scripts/releases.ts';
import { buildSite, previousSite } from '../support/build-site.ts';
import { axeSource, axeViolations, brokenLinks, validateHtml } from '../support/site-gates.ts';
import { serveStatic } from '../../scripts/local-server.ts';
import { fixtureDocuments, photo, pictures, spanish, words, writeExport } from '../fixtures/fixture-dataset.ts';

let outDir: string;
let exportFile: string;
let buildOutput: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
/** The pages of the file share one context: no page here sets a cookie or storage to share. */
let context: BrowserContext;
const defaultViewport = { width: 1280, height: 720 };

beforeAll(async () => {
  exportFile = await writeExport(fixtureDocuments(), 'tarball');
  const launching = launchBrowser();
  const result = await buildSite({ SANITY_EXPORT_FILE: exportFile }, previousSite());
  browser = await launching;
  context = await browser.newContext({ viewport: defaultViewport });
  buildOutput = result.output;
  if (result.status !== 0) throw new Error(`The fixture build failed:\n${result.output}`);
  outDir = result.outDir;
  site = await serveStatic(outDir);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The name an SVG from the content is published under: the site serves only a PNG picture of it. */
const asPng = (svgName: string) => svgName.replace(/\.svg$/, '.png');

interface Visit {
  path: string;
  page: Page;
  /** Every request of this visit, and those for scripts. */
  requests: string[];
  scripts: string[];
}

/**
 * Pages the tests have finished with, for the next test to navigate: on a busy machine a new page took
 * about a second, five times a navigation of an open one. No page here has a route or an init script.
 */
const idle: Page[] = [];

/** A page at `viewport` listening for nothing: a page a test has given back, or a new one. */
async function blankPage(viewport = defaultViewport): Promise<Page> {
  const page = idle.pop() ?? (await context.newPage());
  page.removeAllListeners('request');
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size.height !== viewport.height) await page.setViewportSize(viewport);
  return page;
}

/** Gives pages back for later tests: whatever a test did on a page is left behind by its next navigation. */
function done(...pages: Page[]): void {
  idle.push(...pages);
}

/** Opens a page and records every request it makes. */
async function open(path: string): Promise<Visit> {
  const page = await blankPage();
  const requests: string[] = [];
  const scripts: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  const response = await page.goto(`${site.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return { path, page, requests, scripts };
}

/** Visits each path in turn in one page, at `viewport` if given, and checks each visit with its own requests. */
async function visitEach(paths: string[], check: (visit: Visit) => Promise<void>, viewport = defaultViewport) {
  const page = await blankPage(viewport);
  let visit: Visit | undefined;
  page.on('request', (request) => {
    visit?.requests.push(request.url());
    if (request.resourceType() === 'script') visit?.scripts.push(request.url());
  });
  try {
    for (const path of paths) {
      visit = { path, page, requests: [], scripts: [] };
      const response = await page.goto(`${site.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await check(visit);
    }
  } finally {
    done(page);
  }
}

const pageTypes = {
  home: '/',
  articleIndex: '/articles/',
  articleIndexPage2: '/articles/2/',
  article: '/articles/harbour-lights/',
  topicIndex: '/topics/',
  topic: '/topics/peer-support/',
  topicPage2: '/topics/relapse-prevention/2/',
  staffDirectory: '/staff/',
  staff: '/staff/rowan-achterberg/',
  staffArticles: '/staff/mca-staff/articles/',
  contact: '/contact/',
  search: '/search/',
  about: '/about/',
  privacy: '/privacy/',
  accessibility: '/accessibility/',
  notFound: '/404.html',
};

/** The Spanish site's page types, and the one page every language shares. */
const spanishPageTypes = {
  home: '/es/',
  articleIndex: '/es/articles/',
  article: `/es/articles/${spanish.translatedArticle.slug}/`,
  spanishOnlyArticle: `/es/articles/${spanish.spanishOnlyArticle.slug}/`,
  topicIndex: '/es/topics/',
  topic: `/es/topics/${spanish.topic.slug}/`,
  staffDirectory: '/es/staff/',
  staff: `/es/staff/${spanish.staff.slug}/`,
  contact: '/es/contact/',
  contactSent: '/es/contact/sent/',
  search: '/es/search/',
  about: '/es/about/',
  privacy: '/es/privacy/',
  accessibility: '/es/accessibility/',
  languageAssistance: '/language-assistance/',
};

let axePage: Promise<Page> | undefined;

/**
 * Runs axe (WCAG 2.1 AA) on each page at a phone's and a desktop's width; the search page with `searched`,
 * its results shown. Each page is loaded once, at the phone's width, and widened: its layout comes from
 * CSS alone (media queries, no script that reads the width), so a page widened is laid out as one loaded
 * at that width, and the run costs a navigation less.
 */
async function expectNoAxeViolations(pages: Record<string, string>, searched: string): Promise<void> {
  axePage ??= context.newPage().then(async (page) => {
    // Added by the browser's debugger to each document it loads, so the page's Content-Security-Policy
    // (no inline scripts) stays on, and cheaper than sending axe's 500 kB again into every page.
    await page.addInitScript(axeSource);
    return page;
  });
  const page = await axePage;
  for (const [name, path] of Object.entries(pages)) {
    const isSearch = searched.startsWith(`${path}?`);
    await page.setViewportSize({ width: 390, height: 900 });
    const response = await page.goto(`${site.url}${isSearch ? searched : path}`);
    expect(response?.status(), path).toBe(200);
    if (isSearch) await page.locator('.search-result h3 a').first().waitFor();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const violations = await axeViolations(page);
      expect(violations, `${name} at ${width}px`).toEqual([]);
    }
  }
}

describe('the built site', () => {
  it('has every URL of the content model', async () => {
    for (const path of [...Object.values(pageTypes), '/rss.xml', '/sitemap-index.xml', '/robots.txt', '/pagefind/pagefind.js']) {
      const response = await fetch(`${site.url}${path}`);
      expect(response.status, path).toBe(200);
    }
    expect((await fetch(`${site.url}/articles/no-such-article/`)).status).toBe(404);
  });

  it('renders an article with dates, byline, reviewer, topics, body, related articles and a call to action', async () => {
    const { page } = await open(pageTypes.article);
    await expect(page.locator('h1').textContent()).resolves.toBe('Harbour lights: steady steps in recovery');
    expect(await page.locator('h1').count()).toBe(1);
    const meta = await page.locator('.article-meta').innerText();
    expect(meta).toContain('Published March 1, 2026');
    expect(meta).toContain('Clinically reviewed March 15, 2026 by MCA Staff');
    const byline = page.getByRole('complementary', { name: `Written by ${words.staffName}` });
    await expect(byline.innerText()).resolves.toContain('Rowan Achterberg, LADC II');
    await expect(byline.innerText()).resolves.toContain('Rowan leads the clinical team');
    await expect(byline.getByRole('link', { name: /Read more/ }).getAttribute('href')).resolves.toBe('/staff/rowan-achterberg/');
    await expect(page.getByRole('complementary', { name: 'Clinically reviewed by MCA Staff' }).count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Topics' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Peer support']);
    const prose = page.locator('.prose');
    await expect(prose.locator('h2').first().textContent()).resolves.toBe('Why steady steps help');
    await expect(prose.locator('ol > li').count()).resolves.toBe(2);
    await expect(prose.locator('ol ul > li').textContent()).resolves.toBe('Nested bullet item');
    await expect(prose.locator('.pull-quote figcaption').textContent()).resolves.toBe('Rowan Achterberg, LADC II');
    await expect(prose.locator('.callout-crisis').innerText()).resolves.toContain('call or text 988');
    await expect(prose.getByRole('link', { name: 'quiet mornings' }).getAttribute('href')).resolves.toBe('/articles/quiet-mornings/');
    const image = page.locator('.main-image img');
    await expect(image.getAttribute('alt')).resolves.toBe('A harbour at dusk');
    await expect(image.getAttribute('width')).resolves.toBe('1200');
    await expect(image.getAttribute('height')).resolves.toBe('675');
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: 'Related articles' }).count()).resolves.toBe(1);
    await expect(page.locator('section.cta a[href^="tel:"]').getAttribute('href')).resolves.toBe('tel:+16175550142');
    done(page);
  });

  it('offers photos in several widths, served by the site itself', async () => {
    const { page, requests } = await open('/articles/quiet-mornings/');
    const image = page.locator('.main-image img');
    await expect(image.getAttribute('alt')).resolves.toBe('Sunrise over calm water');
    const srcset = (await image.getAttribute('srcset')) ?? '';
    expect(srcset.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '640w', '960w', '1280w', '1600w']);
    expect(srcset).toContain(`/media/${photo.name} 1600w`);
    await image.scrollIntoViewIfNeeded();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const current = await image.evaluate((img: HTMLImageElement) => img.currentSrc);
    expect((await fetch(current)).status).toBe(200);
    expect(requests.filter((url) => !url.startsWith(site.url))).toEqual([]);
    done(page);
  });

  it('renders hostile content as inert text', async () => {
    const { page } = await open(pageTypes.article);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await expect(page.locator('.prose').innerText()).resolves.toContain('<script>window.__pwned = true</script> stays text.');
    await expect(page.locator('a[href^="javascript:"], iframe, .prose script').count()).resolves.toBe(0);
    await expect(page.getByText('harmless looking link').evaluate((node) => node.closest('a'))).resolves.toBeNull();
    expect(buildOutput).toContain('article article-harbour-lights (body): unknown block type "youtubeEmbed" was left out');
    expect(buildOutput).toContain('a link to "javascript:alert(1)" was left out');
    done(page);
  });

  it('never publishes drafts, versions or their images', () => {
    const html = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml)$/.test(file));
    for (const file of html) {
      const text = readFileSync(join(outDir, file), 'utf8');
      expect(text, file).not.toContain('DRAFT TITLE');
      expect(text, file).not.toContain('RELEASE VERSION');
      expect(text, file).not.toContain('release-only');
    }
    // Each published picture, with the narrower renditions of its srcset (`-w320.png` …), and nothing else.
    const media = readdirSync(join(outDir, 'media')).filter((name) => name !== 'sanity');
    const sources = [...new Set(media.map((name) => name.replace(/-w\d+\.png$/, '.png')))];
    expect(sources.sort()).toEqual([asPng(pictures.article.name), asPng(pictures.staff.name), photo.name].sort());
    // An SVG can carry scripts: the only one published is the site's own icon.
    expect(readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.svgz?$/i.test(file))).toEqual(['favicon.svg']);
  });

  it('lists articles newest first over pages, and topics with their articles only', async () => {
    const first = await open(pageTypes.articleIndex);
    const titles = await first.page.locator('.card-title').allInnerTexts();
    expect(titles.slice(0, 2)).toEqual(['Harbour lights: steady steps in recovery', 'Quiet mornings and mindfulness']);
    expect(titles).toHaveLength(10);
    await expect(
      first.page.getByRole('navigation', { name: 'Article pages' }).getByRole('link', { name: 'Older articles' }).getAttribute('href'),
    ).resolves.toBe('/articles/2/');
    const second = await open(pageTypes.articleIndexPage2);
    await expect(second.page.locator('.card-title').allInnerTexts()).resolves.toHaveLength(3);
    const topic = await open(pageTypes.topic);
    await expect(topic.page.locator('.card-title').allInnerTexts()).resolves.toEqual([
      'Harbour lights: steady steps in recovery',
      'Quiet mornings and mindfulness',
      'Finding a group that fits',
    ]);
    done(first.page, second.page, topic.page);
  });

  it('replaces the previous site it was built over', () => {
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('Massachusetts Center for Addiction');
    expect(existsSync(join(outDir, 'pagefind', 'pagefind.js'))).toBe(true);
    // The plain folder became the oldest release, and the output a link to the new one: no staging folder.
    expect(lstatSync(outDir).isSymbolicLink()).toBe(true);
    expect(listReleases(releasePaths(outDir).releasesDir)).toHaveLength(2);
    expect(readdirSync(releasePaths(outDir).releasesDir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('keeps the previous output when a build would change nothing', async () => {
    const builtAt = statSync(join(outDir, 'index.html')).mtimeMs;
    const again = await buildSite({ SANITY_EXPORT_FILE: exportFile }, outDir);
    expect(again.status, again.output).toBe(0);
    expect(again.output).toContain('Kept the live release');
    expect(again.output).not.toContain('Built the site into');
    expect(statSync(join(outDir, 'index.html')).mtimeMs).toBe(builtAt);
  });

  it('pages a topic like the article index, newest first', async () => {
    const first = await open('/topics/relapse-prevention/');
    await expect(first.page.locator('.card-title').allInnerTexts()).resolves.toHaveLength(10);
    await expect(first.page.locator('main').innerText()).resolves.toContain('11 articles');
    const pages = first.page.getByRole('navigation', { name: 'Pages of Relapse prevention' });
    await expect(pages.getByRole('link', { name: 'Older articles' }).getAttribute('href')).resolves.toBe(pageTypes.topicPage2);
    const second = await open(pageTypes.topicPage2);
    await expect(second.page.locator('h1').innerText()).resolves.toBe('Relapse prevention, page 2 of 2');
    await expect(second.page.locator('.card-title').allInnerTexts()).resolves.toEqual(['Archive note 1']);
    await expect(second.page.getByRole('link', { name: 'Newer articles' }).getAttribute('href')).resolves.toBe(
      '/topics/relapse-prevention/',
    );
    expect((await fetch(`${site.url}/topics/relapse-prevention/3/`)).status).toBe(404);
    done(first.page, second.page);
  });

  it('shows the newest articles on a bio and links to all of them, paginated', async () => {
    const bio = await open('/staff/mca-staff/');
    await expect(bio.page.locator('section[aria-labelledby="written-heading"] .card-title').allInnerTexts()).resolves.toHaveLength(10);
    const all = bio.page.getByRole('link', { name: 'All 12 articles by MCA Staff' });
    await expect(all.getAttribute('href')).resolves.toBe(pageTypes.staffArticles);
    const list = await open(pageTypes.staffArticles);
    await expect(list.page.locator('h1').innerText()).resolves.toBe('Articles by MCA Staff');
    await expect(list.page.locator('.card-title').allInnerTexts()).resolves.toHaveLength(10);
    const second = await open('/staff/mca-staff/articles/2/');
    await expect(second.page.locator('.card-title').allInnerTexts()).resolves.toEqual(['Archive note 2', 'Archive note 1']);
    done(bio.page, list.page, second.page);
  });

  it('shows the staff directory in order and a bio with that person’s articles', async () => {
    const directory = await open(pageTypes.staffDirectory);
    await expect(directory.page.locator('.card-title').allInnerTexts()).resolves.toEqual(['Rowan Achterberg, LADC II', 'MCA Staff']);
    const bio = await open(pageTypes.staff);
    await expect(bio.page.locator('h1').textContent()).resolves.toBe(words.staffName);
    await expect(bio.page.locator('main').innerText()).resolves.toContain('worked in addiction treatment for twenty years');
    await expect(bio.page.locator('main a[href="mailto:rowan.achterberg@mca.example"]').count()).resolves.toBe(1);
    await expect(bio.page.locator('main .profile-photo').getAttribute('alt')).resolves.toBe('Portrait of Rowan Achterberg');
    await expect(bio.page.getByRole('heading', { name: `Articles by ${words.staffName}` }).count()).resolves.toBe(1);
    await expect(bio.page.locator('section .card-title').allInnerTexts()).resolves.toEqual(['Harbour lights: steady steps in recovery']);
    done(directory.page, bio.page);
  });

  it('shows the contact details on /contact/ and in the footer of every page, with a tap-to-call link', async () => {
    const contact = await open(pageTypes.contact);
    const main = await contact.page.locator('main').innerText();
    expect(main).toContain('1515 Hancock Street, Suite 300');
    expect(main).toContain('Quincy, MA 02169');
    // Without CONTACT_FORM_ACTION there is no form at all (no mailto: form either): only the details.
    await expect(contact.page.locator('form:not([role="search"])').count()).resolves.toBe(0);
    done(contact.page);
    await visitEach(Object.values(pageTypes), async ({ path, page }) => {
      await expect(page.locator('footer a[href="tel:+16175550142"]').count(), path).resolves.toBe(1);
      await expect(page.locator('.support-bar a[href="tel:+16175550142"]').count(), path).resolves.toBe(1);
    });
  }, 180_000);

  it('keeps a renamed article’s old URL: a redirect page, not in the sitemap or search, and a 301 from the server', async () => {
    const html = readFileSync(join(outDir, 'articles', 'harbor-lights', 'index.html'), 'utf8');
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/articles/harbour-lights/">');
    expect(html).toContain('<link rel="canonical" href="https://mca.example/articles/harbour-lights/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/articles/harbour-lights/">');
    expect(html).not.toContain('data-pagefind-body');
    expect(readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8')).not.toContain('harbor-lights');
    const response = await fetch(`${site.url}/articles/harbor-lights/`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/articles/harbour-lights/');
    const page = await blankPage();
    await page.goto(`${site.url}/articles/harbor-lights/`);
    await expect.poll(() => page.title()).toContain('Harbour lights');
    done(page);
  });

  it('describes each page for search engines and social sharing', async () => {
    const { page } = await open(pageTypes.article);
    await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toBe('https://mca.example/articles/harbour-lights/');
    await expect(page.locator('meta[property="og:type"]').getAttribute('content')).resolves.toBe('article');
    await expect(page.locator('meta[property="og:image"]').getAttribute('content')).resolves.toBe(
      `https://mca.example/media/${asPng(pictures.article.name)}`,
    );
    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((json) => JSON.parse(json));
    const clinic = data.find((item) => item['@type'] === 'MedicalClinic');
    expect(clinic.telephone).toBe('(617) 555-0142');
    expect(clinic.address).toMatchObject({
      streetAddress: '1515 Hancock Street, Suite 300',
      addressLocality: 'Quincy',
      postalCode: '02169',
    });
    const article = data.find((item) => item['@type'] === 'Article');
    expect(article.headline).toBe('Harbour lights: steady steps in recovery');
    expect(article.author).toMatchObject({ '@type': 'Person', name: words.staffName, jobTitle: 'Clinical Director' });
    done(page);
    const staff = await open(pageTypes.staff);
    const person = (await staff.page.locator('script[type="application/ld+json"]').allTextContents()).map((json) => JSON.parse(json));
    expect(person.find((item) => item['@type'] === 'Person')?.name).toBe(words.staffName);
    done(staff.page);
    const rss = await (await fetch(`${site.url}/rss.xml`)).text();
    expect(rss).toContain('<link>https://mca.example/articles/harbour-lights/</link>');
    const robots = await (await fetch(`${site.url}/robots.txt`)).text();
    expect(robots).toContain('Sitemap: https://mca.example/sitemap-index.xml');
    const sitemap = readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('https://mca.example/articles/harbour-lights/');
    expect(sitemap).not.toContain('/search/');
    expect(sitemap).not.toContain('/404');
    // An article an editor hid from search engines: `noindex`, and left out of the sitemap.
    expect(sitemap).not.toContain('/articles/making-a-plan/');
    const hidden = readFileSync(join(outDir, 'articles/making-a-plan/index.html'), 'utf8');
    expect(hidden).toContain('<meta name="robots" content="noindex">');
    expect(hidden).toContain('<title>Your relapse prevention plan | Massachusetts Center for Addiction</title>');
    // 404.html is served at any missing address: it names no address of its own.
    const notFound = readFileSync(join(outDir, '404.html'), 'utf8');
    expect(notFound).not.toMatch(/rel="canonical"|property="og:url"/);
  });
});

describe('a visitor in distress, on a phone', () => {
  const phone = { width: 390, height: 844 };

  it('finds "In crisis? Call or text 988 · Emergency: 911" under the header of every page, above the fold, with 44 px tap targets', async () => {
    const check = async ({ path, page }: Visit) => {
      // Read in one call per page: each call to the browser is a round trip, sixteen pages over.
      const { text, header, box, links } = await page.getByRole('complementary', { name: 'Crisis help' }).evaluate((line: HTMLElement) => {
        const rect = (element: Element | null) => {
          const { x, y, width, height } = element?.getBoundingClientRect() ?? { x: 0, y: 0, width: 0, height: 0 };
          return { x, y, width, height };
        };
        return {
          text: line.innerText,
          header: rect(document.querySelector('header.site-header')),
          box: rect(line),
          links: [...line.querySelectorAll('a[href]')].map((anchor) => ({ href: anchor.getAttribute('href'), target: rect(anchor) })),
        };
      });
      expect(text, path).toMatch(/^In crisis\?\s+Call or text 988\s+·\s+Emergency: 911$/);
      expect(box.y >= header.y + header.height - 1 && box.y + box.height <= phone.height, path).toBe(true);
      expect(
        links.map(({ href }) => href),
        path,
      ).toEqual(['tel:988', 'sms:988', 'tel:911']);
      for (const { href, target } of links)
        expect(target.width >= 44 && target.height >= 44, `${path} ${href}: ${JSON.stringify(target)}`).toBe(true);
    };
    await visitEach(Object.values(pageTypes), check, phone);
  }, 180_000);

  it('never breaks a phone number across lines, and keeps a short page\u2019s footer at the bottom of the window', async () => {
    const page = await blankPage(phone);
    await page.goto(`${site.url}/no-such-page/`);
    for (const link of await page.locator('a[href^="tel:"]').all()) {
      const lines = await link.evaluate((anchor) => anchor.getClientRects().length);
      expect(lines, await link.innerText()).toBe(1);
    }
    await page.setViewportSize({ width: 1280, height: 1400 });
    const footer = await page.locator('footer.site-footer').boundingBox();
    expect(footer && Math.round(footer.y + footer.height)).toBe(1400);
    done(page);
  });

  it('lists every topic on /topics/ with its description and article count, linked from the footer and in the sitemap', async () => {
    const { page } = await open(pageTypes.topicIndex);
    await expect(page.locator('h1').innerText()).resolves.toBe('Topics');
    const items = await page
      .locator('main .topic-list li')
      .evaluateAll((list) =>
        list.map((item) => [item.querySelector('a')?.getAttribute('href'), ...[...item.children].map((part) => part.textContent)]),
      );
    expect(items).toEqual([
      ['/topics/peer-support/', 'Peer support', '3 articles', 'Help from people who have been there.'],
      ['/topics/relapse-prevention/', 'Relapse prevention', '11 articles'],
    ]);
    await expect(page.locator('footer a[href="/topics/"]').count()).resolves.toBe(1);
    await expect(page.title()).resolves.toBe('Topics | Massachusetts Center for Addiction');
    expect(readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8')).toContain('<loc>https://mca.example/topics/</loc>');
    done(page);
  });

  it('offers no message form on the home page of a site without one, and prints the address once', async () => {
    const { page } = await open(pageTypes.home);
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Send us a message');
    expect(main).not.toContain('contact form');
    await expect(page.locator('main address').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Other ways to reach us' }).getAttribute('href')).resolves.toBe('/contact/');
    done(page);
  });

  it('gives every card of a list the same picture area, and drawn card images a srcset', async () => {
    const page = await blankPage({ width: 1280, height: 900 });
    await page.goto(`${site.url}/`);
    const cards = page.locator('section[aria-labelledby="latest-heading"] .card');
    const areas = await cards.evaluateAll((list) =>
      list.map((card) => card.querySelector('.card-image')?.getBoundingClientRect().height ?? 0),
    );
    expect(areas).toHaveLength(6);
    expect(new Set(areas.map(Math.round)).size).toBe(1);
    expect(areas[0]).toBeGreaterThan(100);
    const drawn = page.locator(`img.card-image[src*="${pictures.article.name.replace(/\.svg$/, '')}"]`);
    const srcset = (await drawn.getAttribute('srcset')) ?? '';
    expect(srcset.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '640w', '960w']);
    await expect(drawn.getAttribute('sizes')).resolves.toContain('22rem');
    for (const candidate of srcset.split(', ')) expect((await fetch(`${site.url}${candidate.split(' ')[0]}`)).status).toBe(200);
    done(page);
  });

  it('lines a bio up with the lists below it on a desktop, and lets a lone card span its row', async () => {
    const page = await blankPage({ width: 1280, height: 900 });
    await page.goto(`${site.url}${pageTypes.staff}`);
    const left = async (selector: string) => (await page.locator(selector).first().boundingBox())?.x;
    const bioLeft = await left('.profile .prose');
    expect(bioLeft).toBe(await left('#written-heading'));
    expect(bioLeft).toBe(await left('.profile-header'));
    const list = await page.locator('section[aria-labelledby="written-heading"] .card-list').boundingBox();
    const card = await page.locator('section[aria-labelledby="written-heading"] .card').boundingBox();
    expect(card?.width).toBe(list?.width);
    expect(card && card.height < 400).toBe(true);
    done(page);
  });
});

describe('search', () => {
  async function search(path: string): Promise<{ page: Page; results: () => Promise<string[]> }> {
    const { page } = await open(path);
    const results = async () => {
      await page.locator('.search-result h3 a').first().waitFor();
      return page
        .locator('.search-result h3 a')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    };
    return { page, results };
  }

  it('finds an article by a word from its body', async () => {
    const { page, results } = await search(`/search/?q=${words.articleBody}`);
    await expect(results()).resolves.toEqual(['/articles/harbour-lights/']);
    done(page);
  });

  it('finds a staff member by name', async () => {
    const { page, results } = await search(`/search/?q=${encodeURIComponent(words.staffName)}`);
    expect((await results())[0]).toBe('/staff/rowan-achterberg/');
    done(page);
  });

  it('narrows the results when filtering by topic', async () => {
    // "fixture" stands in the body of the twelve short articles; two of them are about peer support.
    const { page, results } = await search('/search/?q=fixture');
    await results();
    const message = page.getByRole('status');
    await expect.poll(() => message.textContent()).toBe('12 results for “fixture”');
    await page.getByText('Filter results').click();
    await page.getByLabel('Peer support').check();
    await expect.poll(() => message.textContent()).toBe('2 results for “fixture” with the filters you chose');
    expect((await results()).sort()).toEqual(['/articles/finding-a-group/', '/articles/quiet-mornings/']);
    done(page);
  });

  it('is reached from the search box in the header of any page', async () => {
    const { page } = await open(pageTypes.contact);
    await page.getByRole('search').getByLabel('Search articles and staff').fill(words.articleBody);
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\/\?q=zephyrine$/);
    await page.locator('.search-result h3 a').first().waitFor();
    await expect(page.locator('.search-result h3 a').first().getAttribute('href')).resolves.toBe('/articles/harbour-lights/');
    done(page);
  });

  it('indexes main content only, with type and topic filters and a date sort', () => {
    const articleHtml = readFileSync(join(outDir, 'articles/harbour-lights/index.html'), 'utf8');
    expect(articleHtml).toMatch(
      /<main[^>]*data-pagefind-body[^>]*data-pagefind-filter="type:Article"[^>]*data-pagefind-sort="date:2026-03-01"/,
    );
    expect(articleHtml.match(/data-pagefind-body/g)).toHaveLength(1);
    const header = articleHtml.slice(0, articleHtml.indexOf('<main'));
    expect(header).not.toContain('data-pagefind-body');
  });
});

describe('the site in Spanish', () => {
  const html = (path: string) => readFileSync(join(outDir, path.replace(/^\//, ''), path.endsWith('/') ? 'index.html' : ''), 'utf8');
  const alternates = (path: string) =>
    Object.fromEntries(
      [...html(path).matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map(([, lang, href]) => [
        lang,
        new URL(href ?? '').pathname,
      ]),
    );

  it('has every Spanish URL of the content model, each page in Spanish', async () => {
    for (const path of [...Object.values(spanishPageTypes), '/es/rss.xml']) {
      const response = await fetch(`${site.url}${path}`);
      expect(response.status, path).toBe(200);
      if (path.endsWith('/') && path !== spanishPageTypes.languageAssistance)
        expect(await response.text(), path).toContain('<html lang="es"');
    }
    expect(html('/articles/harbour-lights/')).toContain('<html lang="en"');
  });

  it('pairs a page with its translation both ways, English as x-default, and pairs nothing that has no translation', () => {
    const pair = { en: '/articles/harbour-lights/', es: spanishPageTypes.article, 'x-default': '/articles/harbour-lights/' };
    expect(alternates(spanishPageTypes.article)).toEqual(pair);
    expect(alternates('/articles/harbour-lights/')).toEqual(pair);
    expect(alternates(spanishPageTypes.topic)).toEqual({
      en: '/topics/peer-support/',
      es: spanishPageTypes.topic,
      'x-default': '/topics/peer-support/',
    });
    expect(alternates(spanishPageTypes.spanishOnlyArticle)).toEqual({});
    expect(html(spanishPageTypes.article)).toContain('<meta property="og:locale" content="es_US">');
    expect(html(spanishPageTypes.article)).toContain('"inLanguage":"es-US"');
    const sitemap = readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="es" href="https://mca.example${spanishPageTypes.article}"/>`);
  });

  it('keeps a renamed Spanish article’s old URL with a redirect page in Spanish, and a 301 from the server', async () => {
    const old = `/es/articles/${spanish.translatedArticle.previousSlug}/`;
    const page = html(old);
    expect(page).toContain('<html lang="es" dir="ltr">');
    expect(page).toContain('<title>Esta página se ha trasladado</title>');
    expect(page).toContain(`<meta http-equiv="refresh" content="0; url=${spanishPageTypes.article}">`);
    expect(page).toContain(`<p>Esta página se ha trasladado a <a href="${spanishPageTypes.article}">`);
    expect(page).not.toMatch(/moved/i);
    const response = await fetch(`${site.url}${old}`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(spanishPageTypes.article);
  });

  it('never shows a draft-only translation, not even as a link', () => {
    expect(alternates('/articles/quiet-mornings/')).toEqual({});
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml|json)$/.test(file));
    for (const file of files) {
      const text = readFileSync(join(outDir, file), 'utf8');
      expect(text, file).not.toContain(spanish.draftOnly.title);
      expect(text, file).not.toContain('mananas-tranquilas');
    }
  });

  it('lists each language’s documents only, in lists and feeds', () => {
    const englishIndex = html('/articles/') + html('/articles/2/') + readFileSync(join(outDir, 'rss.xml'), 'utf8');
    expect(englishIndex).not.toContain(spanish.translatedArticle.slug);
    expect(englishIndex).not.toContain(spanish.spanishOnlyArticle.slug);
    const spanishIndex = html(spanishPageTypes.articleIndex);
    expect([...spanishIndex.matchAll(/<h2 class="card-title"><a href="([^"]+)"/g)].map(([, href]) => href)).toEqual([
      spanishPageTypes.article,
      spanishPageTypes.spanishOnlyArticle,
    ]);
    const feed = readFileSync(join(outDir, 'es/rss.xml'), 'utf8');
    expect(feed).toContain('<language>es-us</language>');
    expect([...feed.matchAll(/<link>([^<]+)<\/link>/g)].map(([, link]) => new URL(link ?? '').pathname).slice(1)).toEqual([
      spanishPageTypes.article,
      spanishPageTypes.spanishOnlyArticle,
    ]);
    expect(html(spanishPageTypes.staffDirectory)).not.toContain('/staff/mca-staff/');
  });

  it('links references to the page in the page’s language where a translation exists, else to the page that exists', async () => {
    const { page } = await open(spanishPageTypes.spanishOnlyArticle);
    const meta = page.locator('.article-meta');
    await expect(meta.getByRole('link', { name: 'MCA Staff' }).getAttribute('href')).resolves.toBe('/staff/mca-staff/');
    await expect(meta.getByRole('link', { name: 'Rowan Achterberg, LADC II' }).getAttribute('href')).resolves.toBe(spanishPageTypes.staff);
    await expect(meta.innerText()).resolves.toContain('Revisión clínica el 1 de junio de 2026 por Rowan Achterberg, LADC II');
    await expect(page.locator('.prose').getByRole('link', { name: 'Luces del puerto' }).getAttribute('href')).resolves.toBe(
      spanishPageTypes.article,
    );
    await expect(page.locator('.tags a').getAttribute('href')).resolves.toBe('/topics/relapse-prevention/');
    await expect(page.getByRole('complementary', { name: 'Revisado clínicamente por Rowan Achterberg' }).count()).resolves.toBe(1);
    done(page);
    const translated = await open(spanishPageTypes.article);
    await expect(translated.page.locator('.tags a').getAttribute('href')).resolves.toBe(spanishPageTypes.topic);
    await expect(translated.page.locator('.article-meta').innerText()).resolves.toContain('Publicado el 2 de marzo de 2026');
    done(translated.page);
  });

  it('speaks Spanish in the header, footer, crisis lines and pagination', async () => {
    const { page } = await open(spanishPageTypes.home);
    await expect(
      page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Artículos' }).getAttribute('href'),
    ).resolves.toBe('/es/articles/');
    const footer = page.locator('footer');
    await expect(footer.innerText()).resolves.toContain('Llame o envíe un mensaje de texto al 988');
    await expect(footer.innerText()).resolves.toContain('llame al 911');
    await expect(footer.getByRole('link', { name: 'Language assistance · Asistencia lingüística' }).getAttribute('href')).resolves.toBe(
      '/language-assistance/',
    );
    await expect(page.getByRole('search').getByLabel('Buscar artículos y personal').count()).resolves.toBe(1);
    done(page);
    const english = await open(pageTypes.home);
    await expect(
      english.page.locator('footer').getByRole('link', { name: 'Language assistance · Asistencia lingüística' }).count(),
    ).resolves.toBe(1);
    done(english.page);
  });

  it('shows "¿En crisis? …" under the header of /es/ and lists the Spanish topics on /es/topics/', async () => {
    const home = await blankPage({ width: 390, height: 844 });
    await home.goto(`${site.url}${spanishPageTypes.home}`);
    const line = home.getByRole('complementary', { name: 'Ayuda en crisis' });
    await expect(line.innerText()).resolves.toMatch(/^¿En crisis\?\s+Llame o envíe un mensaje de texto al 988\s+·\s+Emergencias: 911$/);
    await expect(line.getByRole('link', { name: 'Llame al 988' }).getAttribute('href')).resolves.toBe('tel:988');
    await expect(home.locator('main a[href="/es/topics/"]').innerText()).resolves.toBe('Todos los temas');
    done(home);
    const { page } = await open(spanishPageTypes.topicIndex);
    await expect(page.locator('h1').innerText()).resolves.toBe('Temas');
    const items = await page
      .locator('main .topic-list li')
      .evaluateAll((list) =>
        list.map((item) => [
          item.querySelector('a')?.getAttribute('href'),
          item.querySelector('a')?.textContent,
          item.querySelector('.topic-count')?.textContent,
        ]),
      );
    expect(items.map(([href, title]) => [href, title])).toEqual([[`/es/topics/${spanish.topic.slug}/`, spanish.topic.title]]);
    expect(items[0]?.[2]).toMatch(/^(1 artículo|\d+ artículos)$/);
    await expect(page.locator('footer a[href="/es/topics/"]').innerText()).resolves.toBe('Temas');
    await expect(page.title()).resolves.toBe('Temas | Massachusetts Center for Addiction');
    done(page);
  });

  it('switches language to the translation, or to the other language’s home when there is none', async () => {
    const { page } = await open('/articles/harbour-lights/');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${site.url}${spanishPageTypes.article}`);
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.url}/articles/harbour-lights/`);
    await page.goto(`${site.url}/articles/quiet-mornings/`);
    await page
      .getByRole('navigation', { name: 'Language' })
      .getByRole('link', { name: /Español/ })
      .click();
    await page.waitForURL(`${site.url}/es/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('La recuperación es posible, y no tiene que empezar solo');
    done(page);
  });

  it('shows the language-assistance notices, each in its own language and direction', async () => {
    const { page } = await open(spanishPageTypes.languageAssistance);
    await expect(
      page.locator('.notices li').evaluateAll((items) => items.map((item) => [item.getAttribute('lang'), item.getAttribute('dir')])),
    ).resolves.toEqual([
      ['es', 'ltr'],
      ['pt-BR', 'ltr'],
      ['ar', 'rtl'],
    ]);
    done(page);
  });

  it('searches Spanish pages on /es/search/ with Spanish stemming, and English visitors never load the Spanish index', async () => {
    const { page, requests } = await open(`/search/?q=${words.articleBody}`);
    await page.locator('.search-result h3 a').first().waitFor();
    expect(requests.filter((url) => url.includes('/pagefind/')).length).toBeGreaterThan(2);
    expect(requests.filter((url) => /pagefind\/.*\bes[_.]/.test(url))).toEqual([]);
    done(page);
    const spanishSearch = await open(`${spanishPageTypes.search}?q=${words.spanishSingular}`);
    await spanishSearch.page.locator('.search-result h3 a').first().waitFor();
    await expect(
      spanishSearch.page
        .locator('.search-result h3 a')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)),
    ).resolves.toEqual([spanishPageTypes.article]);
    await expect.poll(() => spanishSearch.page.getByRole('status').textContent()).toBe(`1 resultado para «${words.spanishSingular}»`);
    expect(spanishSearch.requests.filter((url) => /pagefind\/.*\ben[_.]/.test(url))).toEqual([]);
    done(spanishSearch.page);
  });

  it('shows the Spanish crisis callout for a Spanish crisis term, accents or not', async () => {
    for (const query of ['sobredosis', 'quiero hacerme dano']) {
      const { page } = await open(`${spanishPageTypes.search}?q=${encodeURIComponent(query)}`);
      const callout = page.locator('[data-search-crisis]');
      await callout.waitFor({ state: 'visible', timeout: 15_000 });
      await expect(callout.innerText()).resolves.toContain('Si necesita ayuda ahora mismo');
      await expect(callout.getByRole('link', { name: 'Mensaje de texto al 988' }).getAttribute('href')).resolves.toBe('sms:988');
      // What to do in an overdose, in Spanish, only for an overdose term.
      await expect(callout.getByText('Si alguien pudo haber sufrido una sobredosis:').isVisible()).resolves.toBe(query === 'sobredosis');
      if (query === 'sobredosis') await expect(callout.getByRole('listitem').first().innerText()).resolves.toBe('Llame al 911 ahora.');
      done(page);
    }
  });

  // One test per page, each at two widths, so that a failure names the page type.
  for (const [name, path] of Object.entries(spanishPageTypes)) {
    it(`has no WCAG 2.1 AA violations that axe can find on the Spanish page type ${name}`, async () => {
      await expectNoAxeViolations({ [name]: path }, `${spanishPageTypes.search}?q=${words.spanishPlural}`);
    }, 120_000);
  }
});

describe('speed, privacy and accessibility', () => {
  it('loads no script on any page but /search/, and nothing from another host', async () => {
    await visitEach(Object.values(pageTypes), async ({ path, page, requests, scripts }) => {
      // Only the search page runs a script, so only it could ask for more once it has loaded.
      if (path === pageTypes.search) await page.waitForLoadState('networkidle');
      if (path === pageTypes.search) expect(scripts.length, path).toBeGreaterThan(0);
      else expect(scripts, path).toEqual([]);
      expect(
        requests.filter((url) => !url.startsWith(site.url)),
        path,
      ).toEqual([]);
      expect(await page.context().cookies(), path).toEqual([]);
    });
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    for (const file of files) {
      const html = readFileSync(join(outDir, file), 'utf8');
      const executable = [...html.matchAll(/<script\b([^>]*)>/g)].filter(
        ([, attributes]) => !/type="application\/ld\+json"/.test(attributes ?? ''),
      );
      if (['search/index.html', 'es/search/index.html'].includes(relative(outDir, join(outDir, file)))) expect(executable.length).toBe(1);
      else expect(executable, file).toEqual([]);
    }
  }, 180_000);

  // Every page type at two widths in one test: it needs more than the default minute on a busy machine.
  it('has no WCAG 2.1 AA violations that axe can find on any page type', async () => {
    await expectNoAxeViolations(pageTypes, `${pageTypes.search}?q=${words.articleBody}`);
  }, 360_000);
});

describe('Content-Security-Policy', () => {
  const policyOf = async (page: Page) => (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';

  /** Records the directive of every policy violation from the first script on, before the page's own. */
  async function openWatched(
    path: string,
    rewrite?: (html: string) => string,
  ): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
    });
    if (rewrite) {
      // Stands in for a compromised or misconfigured host inserting markup into a page it serves.
      await page.route(`${site.url}${path}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: rewrite(await response.text()) });
      });
    }
    await page.goto(`${site.url}${path}`);
    return { page, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
  }

  it('puts a strict policy on every page, widened only where a page needs it', async () => {
    await visitEach(Object.values(pageTypes), async ({ path, page }) => {
      const policy = await policyOf(page);
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).toContain("object-src 'none'");
      expect(policy, path).toContain("base-uri 'self'");
      expect(policy, path).not.toContain('unsafe-inline');
      if (path === pageTypes.search) expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      else expect(policy, path).toContain("script-src 'self';");
    });
  }, 180_000);

  it('blocks a script and a style injected into a page, and the page still works', async () => {
    const { page, violations } = await openWatched(pageTypes.article, (html) =>
      html.replace('<body>', '<body><script>window.__injected = true</script><style>body { display: none }</style>'),
    );
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await expect.poll(violations).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-elem']));
    await page.close();
  });

  it('lets search run under the policy without a single violation', async () => {
    const { page, violations } = await openWatched(`${pageTypes.search}?q=${words.articleBody}`);
    await page.locator('.search-result h3 a').first().waitFor();
    await expect(page.locator('.search-result h3 a').first().getAttribute('href')).resolves.toBe('/articles/harbour-lights/');
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('once served, has a Brotli and a gzip copy beside each text file, and a Brotli copy of what each Pagefind file holds', async () => {
    await site.compressed();
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
    const copies = (file: string) => ({ br: files.includes(`${file}.br`), gz: files.includes(`${file}.gz`) });
    const text = files.filter((file) => /\.(html|css|js|xml)$/.test(file));
    expect(text.length).toBeGreaterThan(20);
    for (const file of text) {
      const bytes = readFileSync(join(outDir, file));
      // A copy is written only when it is smaller: never for a file of a few bytes.
      if (bytes.length < 200) continue;
      expect(copies(file), file).toEqual({ br: true, gz: true });
      expect(brotliDecompressSync(readFileSync(join(outDir, `${file}.br`))).equals(bytes), file).toBe(true);
      expect(gunzipSync(readFileSync(join(outDir, `${file}.gz`))).equals(bytes), file).toBe(true);
    }
    const pagefind = files.filter((file) => /\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/.test(file));
    expect(pagefind.length).toBeGreaterThan(5);
    for (const file of pagefind) {
      expect(copies(file), file).toEqual({ br: true, gz: false });
      const held = gunzipSync(readFileSync(join(outDir, file)));
      expect(brotliDecompressSync(readFileSync(join(outDir, `${file}.br`))).equals(held), file).toBe(true);
    }
    for (const image of files.filter((file) => /\.(png|webp|jpe?g)$/.test(file)))
      expect(copies(image), image).toEqual({ br: false, gz: false });
  });

  it('gives every page its stylesheets as files, never inline', () => {
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    for (const file of files) {
      const html = readFileSync(join(outDir, file), 'utf8');
      expect(html, file).not.toMatch(/<style\b|\sstyle="/);
      // A redirect page (an article's old URL) is left at once and has no styles at all.
      if (!html.includes('<meta http-equiv="refresh"')) expect(html, file).toMatch(/<link rel="stylesheet" href="\/_astro\/[^"]+\.css">/);
    }
  });
});

describe('quality gates over the fixture site', () => {
  it('has valid HTML on every page (html-validate, .htmlvalidate.json)', async () => {
    expect(await validateHtml(outDir)).toEqual([]);
  });

  it('has no broken internal link or #fragment on any page', () => {
    expect(brokenLinks(outDir, 'https://mca.example/')).toEqual([]);
  });
});
