/**
 * The sample dataset built for a GitHub Pages project site (`SITE_URL` with a path): the quality gates
 * over every page, then a visitor clicking through it served under that path only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSite, type SampleSite, sampleBasePath as basePath, sampleSiteUrl as siteUrl } from '../support/sample-site.ts';
import { brokenLinks, validateHtml } from '../support/site-gates.ts';

let site: SampleSite;
let outDir: string;

beforeAll(async () => {
  site = await openSampleSite();
  outDir = site.outDir;
});

afterAll(() => site?.close());

describe('quality gates over the sample site', () => {
  it('has valid HTML on every page (html-validate, .htmlvalidate.json)', async () => {
    expect(await validateHtml(outDir)).toEqual([]);
  });

  it('has no broken internal link or #fragment on any page', () => {
    expect(brokenLinks(outDir, siteUrl)).toEqual([]);
  });
});

describe('tab titles', () => {
  it('name the centre once on every page, also where an editor wrote "| MCA" into the title', () => {
    const pages = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html'))
      .map((file) => readFileSync(join(outDir, file), 'utf8'))
      // A redirect page (an article's old URL) is left at once, and the server answers its URL with a 301.
      .filter((html) => !html.includes('http-equiv="refresh"'));
    const titles = pages.map((html) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
    expect(titles).toContain('Addiction Treatment Costs and Insurance Questions | MCA');
    for (const title of titles) {
      const namings = title.match(/Massachusetts Center for Addiction|\bMCA\b/g) ?? [];
      expect(namings, title).toHaveLength(1);
    }
  });
});

describe('a site served under a base path', () => {
  it('writes every address with the path: canonical, feed, sitemap, robots and structured data', () => {
    const article = readFileSync(join(outDir, 'articles/coping-with-cravings/index.html'), 'utf8');
    expect(article).toContain(`<link rel="canonical" href="${siteUrl}articles/coping-with-cravings/">`);
    expect(article).toContain(`"@id":"${siteUrl}#organization"`);
    expect(readFileSync(join(outDir, 'rss.xml'), 'utf8')).toContain(`<link>${siteUrl}articles/coping-with-cravings/</link>`);
    expect(readFileSync(join(outDir, 'sitemap-index.xml'), 'utf8')).toContain(`<loc>${siteUrl}sitemap-0.xml</loc>`);
    expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).toContain(`Disallow: ${basePath}search/\n`);
  });

  it('sends a renamed article\u2019s old address on to its current one, under the path: a 301, and a redirect page', async () => {
    const response = await fetch(`${site.url}/articles/secular-recovery-groups/`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${basePath}articles/secular-mutual-aid-groups/`);
    const page = readFileSync(join(outDir, 'articles/secular-recovery-groups/index.html'), 'utf8');
    expect(page).toContain(`url=${basePath}articles/secular-mutual-aid-groups/`);
  });

  it('lets a visitor go from home to an article, to its topic, and search, with every request under the path', async () => {
    const page = await site.browser.newPage();
    const outside: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`${site.url}/`)) outside.push(request.url());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${site.url}/`);
    await expect(
      page
        .locator('link[rel="stylesheet"]')
        .first()
        .evaluate((link: HTMLLinkElement) => link.sheet !== null),
    ).resolves.toBe(true);
    await page.locator('.card-title a').first().click();
    await page.waitForURL(/\/mca-site\/articles\/[a-z0-9-]+\/$/);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await page.getByRole('list', { name: 'Topics' }).getByRole('link').first().click();
    await page.waitForURL(/\/mca-site\/topics\/[a-z0-9-]+\/$/);
    await expect(page.locator('.card-title a').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('search').getByLabel('Search articles and staff').fill('urge surfing');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/mca-site\/search\/\?q=urge\+surfing$/);
    const result = page.locator(`main a[href="${basePath}articles/mindfulness-in-recovery/"]`).first();
    await result.waitFor();
    await result.click();
    await page.waitForURL(`${site.url}/articles/mindfulness-in-recovery/`);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });
});
