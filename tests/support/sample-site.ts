import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from '../../scripts/chromium.ts';
import { withBuildLock } from './build-cache.ts';
import { buildSite } from './build-site.ts';
import { serveStatic } from '../../scripts/local-server.ts';

/** The sample site is built for a GitHub Pages project site, so every test that reads it also covers the base path. */
export const sampleSiteUrl = 'https://example.github.io/mca-site/';
export const sampleBasePath = '/mca-site/';

/** Outside the temporary folders: the output and its content cache outlive the test run. */
const sampleOutDir = fileURLToPath(new URL('../../node_modules/.cache/mca-tests/sample-site/dist', import.meta.url));

/**
 * The sample dataset built once for every test that only reads it: each call runs the real build into
 * the same folder, which keeps the previous output while code, content and settings are unchanged
 * (`scripts/output-reuse.ts`), so only the first file of a run (and only after a change) pays for a
 * build. Throws with the log if the build fails. Answers the output folder.
 */
export async function sampleBuild(): Promise<string> {
  // One build at a time into the folder: e2e files run side by side.
  const result = await withBuildLock('sample-site', () => buildSite({ SITE_URL: sampleSiteUrl }, sampleOutDir));
  if (result.status !== 0) throw new Error(`The sample build failed:\n${result.output}`);
  return result.outDir;
}

/** The sample site built, served on 127.0.0.1 under its base path and open to a headless Chromium. */
export interface SampleSite {
  /** The site's address, base path included, without the final slash: `${url}/search/` is the search page. */
  url: string;
  outDir: string;
  browser: Browser;
  /** A site path (`/articles/`) as the site links to it, under the base path. */
  path(sitePath: string): string;
  /** The site path of a link on the site: the base path taken off. */
  sitePath(pathname: string): string;
  close(): Promise<void>;
}

/** Builds (or keeps) the sample site and serves it under its base path only, as GitHub Pages does. */
export async function openSampleSite(): Promise<SampleSite> {
  // Chromium starts while the site builds (or the build finds it can keep the last one).
  const launching = launchBrowser();
  const outDir = await sampleBuild().catch(async (error: unknown) => {
    await (await launching).close();
    throw error;
  });
  const server = await serveStatic(outDir, { basePath: sampleBasePath });
  const browser = await launching;
  return {
    url: `${server.url}${sampleBasePath.slice(0, -1)}`,
    outDir,
    browser,
    path: (sitePath) => `${sampleBasePath}${sitePath.replace(/^\//, '')}`,
    sitePath: (pathname) => (pathname.startsWith(sampleBasePath) ? `/${pathname.slice(sampleBasePath.length)}` : pathname),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Searches again in a search page already open, as a visitor searching again does: the box emptied (and the
 * last answer gone), the new query typed and sent with Enter, then waits for the answer. Loading the page and
 * Pagefind anew for each query cost several times as much.
 */
export async function searchAgain(page: Page, query: string): Promise<void> {
  const input = page.locator('[data-search-form] input[name="q"]');
  const status = () => page.locator('[data-search-status]').textContent();
  // An empty box empties the status at once, so the next status to show is this query's.
  await input.fill('');
  await expect.poll(status).toBe('');
  await input.fill(query);
  await input.press('Enter');
  await expect.poll(status).not.toBe('');
}
