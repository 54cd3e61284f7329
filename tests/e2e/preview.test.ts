/**
 * The draft preview server against the Content Lake stand-in: published content for everyone, drafts
 * only after the Studio's preview-URL secret handshake. That the public build holds no draft and no
 * preview code is checked on a build `scheduling.test.ts` makes of the same fixture, drafts included.
 */
import { createServer } from 'node:http';
import { createClient } from '@sanity/client';
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';
import { launchBrowser } from '../../scripts/chromium.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { type Listening, listenOnLoopback } from '../../scripts/local-server.ts';
import { buildPreviewServer, type RunningPreviewServer, startPreviewServer } from '../support/preview-server.ts';

/** The fixture's draft of `article-harbour-lights` carries this title; the published one does not. */
const draftTitle = 'DRAFT TITLE that must never be published';
const publishedTitle = 'Harbour lights: steady steps in recovery';
const articlePath = '/articles/harbour-lights/';

let exportFolder: string;
let lake: ContentLakeStandIn;
let preview: RunningPreviewServer;
let browser: Browser;
/** An empty page on an origin of its own: the Studio's (`STUDIO_URL`), and another site's. */
let studio: Listening;
let stranger: Listening;

const emptySite = () =>
  listenOnLoopback(
    createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Embedder</title>'),
    ),
  );

beforeAll(async () => {
  const launching = launchBrowser();
  studio = await emptySite();
  stranger = await emptySite();
  exportFolder = await writeExport(fixtureDocuments(), 'folder');
  lake = await startContentLakeStandIn({ projectId: 'standin', exportPath: exportFolder });
  const outDir = await buildPreviewServer();
  preview = await startPreviewServer(outDir, {
    SANITY_PROJECT_ID: lake.projectId,
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: lake.readToken,
    STUDIO_URL: studio.url,
  });
  browser = await launching;
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await lake?.close();
  await studio?.close();
  await stranger?.close();
});

/** A secret as the Studio's Presentation tool writes it before it opens the preview. */
async function studioSecret(): Promise<string> {
  const client = createClient({ ...lake.clientConfig({ token: lake.writeToken }) });
  const { secret } = await createPreviewSecret(client, 'presentation', 'https://studio.example.org', 'p-editor');
  return secret;
}

const enableUrl = (secret: string) =>
  `${preview.url}/api/draft-mode/enable?sanity-preview-secret=${encodeURIComponent(secret)}&sanity-preview-pathname=${encodeURIComponent(articlePath)}`;

describe('the draft preview server', () => {
  it('shows published content, never a draft, to a request without the handshake', async () => {
    const response = await fetch(`${preview.url}${articlePath}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(publishedTitle);
    expect(html).not.toContain(draftTitle);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a wrong secret and a forged cookie', async () => {
    const refused = await fetch(enableUrl('not-the-secret'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const forged = await fetch(`${preview.url}${articlePath}`, { headers: { cookie: `mca-draft-mode=${Date.now() + 60_000}.forged` } });
    expect(await forged.text()).not.toContain(draftTitle);
  });

  it("after the handshake shows the draft's new title, with a secure HttpOnly cookie", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(enableUrl(await studioSecret()));
    expect(new URL(page.url()).pathname).toBe(articlePath);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(draftTitle);
    const [cookie] = await context.cookies(preview.url);
    expect(cookie).toMatchObject({ name: 'mca-draft-mode', httpOnly: true, secure: true, sameSite: 'None' });
    // A secret is good for one browser's handshake only as long as the Studio keeps it; a new browser without it sees published content.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${preview.url}${articlePath}`);
    await expect(otherPage.locator('h1').textContent()).resolves.toBe(publishedTitle);
    await other.close();
    await context.close();
  });
});

describe('the Studio, and no other site', () => {
  it('may frame a preview page: the header names STUDIO_URL’s origin alone', async () => {
    const response = await fetch(`${preview.url}${articlePath}`);
    expect(response.headers.get('content-security-policy')).toBe(`frame-ancestors ${studio.url}`);
  });

  it('gets visual editing connected when it opens a preview page; another site that opens it does not', async () => {
    const context = await browser.newContext();
    /** `site`'s page opens the article in a window of its own, as Presentation does when not framing it. */
    const openedBy = async (site: Listening) => {
      const page = await context.newPage();
      await page.goto(site.url);
      const popup = page.waitForEvent('popup');
      await page.evaluate((url) => void window.open(url), `${preview.url}${articlePath}`);
      const opened = await popup;
      await opened.waitForLoadState('load');
      return opened;
    };
    const [fromStudio, fromStranger] = await Promise.all([openedBy(studio), openedBy(stranger)]);
    const overlays = (page: typeof fromStudio) => page.locator('sanity-visual-editing').count();
    // Once the Studio's window has its overlay, the other window, loaded alike, has had time to make one.
    await expect.poll(() => overlays(fromStudio), { timeout: 30_000 }).toBe(1);
    await expect(fromStranger.locator('h1').textContent()).resolves.toBe(publishedTitle);
    expect(await overlays(fromStranger)).toBe(0);
    await context.close();
  });
});
