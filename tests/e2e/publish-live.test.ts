/**
 * Publish → live, end to end on 127.0.0.1 (issue #4, item 6): the Content Lake stand-in holds the sample
 * dataset; the webhook server runs in local mode with the real build (`scripts/build.ts` in live mode
 * against the stand-in) and serves the `live` release; an editor's publish through the stand-in's API
 * fires a signed webhook, the server rebuilds, and real Chromium searches the new release.
 *
 * The stand-in is the only stand-in. One release folder and one content-layer cache serve every build,
 * so each rebuild syncs incrementally, as a deployed server does.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { createClient, type SanityClient } from '@sanity/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articlesQuery, documentQueries, publishedVersionsQuery } from '../../schemas/queries.ts';
import { readServerConfig } from '../../scripts/server/config.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { listReleases } from '../../scripts/releases.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { launchBrowser } from '../../scripts/chromium.ts';
import {
  buildFromStandIn,
  type ContentLakeStandIn,
  type Delivery,
  type SanityDocument,
  startContentLakeStandIn,
} from '../support/content-lake-stand-in.ts';
import { makeProjectTempDir } from '../support/temp-dirs.ts';

const sampleDataset = fileURLToPath(new URL('../../sample-dataset/', import.meta.url));
const secret = 'publish-live-e2e-secret-0123456789';
const settleMs = 300;
const siteTypes = documentTypes;

/** The new article an editor writes; its body holds a word found nowhere else in the dataset. */
const newArticle = {
  id: 'article-lantern-walks',
  slug: 'lantern-walks',
  title: 'Lantern walks: an evening routine for early recovery',
  word: 'quillmoss',
};

let folder: string;
let releasesDir: string;
let liveLink: string;
let lake: ContentLakeStandIn;
let server: RunningServer;
let webhookUrl: string;
let editor: SanityClient;
let browser: Browser;
/** Every line the server logged, its builds' output included (`  build | …`). */
const serverLog: string[] = [];
/** Requests Chromium tried to send anywhere but 127.0.0.1 (it is refused them). */
const offMachineRequests: string[] = [];

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

function liveTarget(): string | undefined {
  try {
    return readlinkSync(liveLink);
  } catch {
    return undefined;
  }
}

/** Drafts, then publishes through the Actions API: the two requests the Studio sends. */
async function publishAsStudio(document: Record<string, unknown> & { _id: string; _type: string }): Promise<void> {
  const { _rev, _createdAt, _updatedAt, ...content } = document;
  await editor.createOrReplace({ ...content, _id: `drafts.${document._id}` });
  await editor.action({ actionType: 'sanity.action.document.publish', draftId: `drafts.${document._id}`, publishedId: document._id });
}

/** Waits until every webhook was delivered and the server has no build running or waiting. */
async function settled(): Promise<void> {
  await lake.webhooksIdle();
  await server.queue.idle();
}

/** Waits for `live` to point somewhere other than `from`; answers the milliseconds since `since`. */
async function liveFlipped(from: string | undefined, since: number, timeoutMs = 120_000): Promise<number> {
  while (liveTarget() === from) {
    if (performance.now() - since > timeoutMs) throw new Error(`live did not flip within ${timeoutMs} ms:\n${serverLog.join('\n')}`);
    await wait(20);
  }
  return performance.now() - since;
}

/** The `content sync <type>: …` lines of the build output logged since `mark`, by type. */
function syncFigures(mark: number): Record<string, string> {
  const figures: Record<string, string> = {};
  for (const line of serverLog.slice(mark)) {
    const match = /content sync ([\w.]+): (\d+ changed, \d+ deleted, \d+ unchanged)/.exec(stripVTControlCharacters(line));
    if (match) figures[match[1] as string] = match[2] as string;
  }
  return figures;
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, text: await response.text() };
}

const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]?.trim();

/** Opens a page of the live site in Chromium, refusing any request that would leave 127.0.0.1. */
async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    offMachineRequests.push(url);
    return route.abort();
  });
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return page;
}

async function searchResults(terms: string): Promise<string[]> {
  const page = await open(`/search/?q=${encodeURIComponent(terms)}`);
  try {
    await page.locator('.search-result h3 a').first().waitFor();
    return await page
      .locator('.search-result h3 a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  folder = makeProjectTempDir('mca-publish-live-');
  releasesDir = join(folder, 'releases');
  liveLink = join(folder, 'live');
  lake = await startContentLakeStandIn({ exportPath: sampleDataset });
  editor = createClient(lake.clientConfig({ token: lake.writeToken }));

  buildFromStandIn(lake);
  const config = readServerConfig({
    SANITY_WEBHOOK_SECRET: secret,
    PORT: '0',
    BUILD_SETTLE_MS: String(settleMs),
    RELEASES_DIR: releasesDir,
    LIVE_LINK: liveLink,
    PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
    BUILD_CACHE_DIR: join(folder, 'content-cache'),
    SERVE_LIVE: 'true',
  });
  server = await startServer(config, { log: (line) => serverLog.push(line) });
  webhookUrl = `${server.url}${config.WEBHOOK_PATH}`;
  // As docs/operating.md tells the centre to set it up (way B, through the server).
  lake.addWebhook({
    id: 'site-rebuild',
    url: webhookUrl,
    filter:
      '_type in ["article", "staffMember", "topic", "contactDetails", "searchSettings", "languageAssistance", "translation.metadata"]',
    projection: '{_id, _type, "operation": delta::operation()}',
    secret,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await lake?.close();
  vi.unstubAllEnvs();
});

// Each test waits for a real build, which takes a minute or more on a busy 2-core machine.
describe('publish → live through the webhook server', { timeout: 240_000 }, () => {
  it('builds the first release from the Content Lake on a publish with the read token, through an outage, and serves it', async () => {
    expect((await get('/')).status).toBe(503);
    const { _rev, _createdAt, _updatedAt, ...contact } = lake.getDocument('contactDetails') as SanityDocument;
    await lake.mutate([{ createOrReplace: { ...contact, _id: 'drafts.contactDetails' } }]);
    // The Content Lake answers the build's first two queries with 503.
    lake.failNextRequests(2, 503);
    const requestMark = lake.requests.length;
    const started = performance.now();
    await lake.publish('contactDetails');
    const flippedMs = await liveFlipped(undefined, started);
    await settled();
    console.log(
      `[publish-live] first release (full sync of the sample dataset): live ${(flippedMs / 1000).toFixed(1)} s after the publish`,
    );

    expect(server.queue.stats).toMatchObject({ started: 1, succeeded: 1, failed: 0 });
    const queries = lake.requests.slice(requestMark).filter((request) => request.endpoint === 'query');
    expect(queries.slice(0, 2).map((request) => request.status)).toEqual([503, 503]);
    expect(queries.filter((request) => request.status === 200).every((request) => request.authenticated)).toBe(true);
    expect(queries.every((request) => request.perspective === undefined || request.perspective === 'published')).toBe(true);
    // The token is in no log line and no file the build left: not the release, not the content cache.
    expect(serverLog.join('\n')).not.toContain(lake.readToken);
    for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (statSync(join(folder, file)).isFile()) expect(readFileSync(join(folder, file)).includes(lake.readToken), file).toBe(false);
    }
    // The builds keep their content-layer cache (and sync cursors) where BUILD_CACHE_DIR says.
    expect(existsSync(join(folder, 'content-cache', 'data-store.json'))).toBe(true);
    expect(syncFigures(0)).toEqual({
      article: '17 changed, 0 deleted, 0 unchanged',
      staffMember: '11 changed, 0 deleted, 0 unchanged',
      topic: '8 changed, 0 deleted, 0 unchanged',
      contactDetails: '1 changed, 0 deleted, 0 unchanged',
      searchSettings: '1 changed, 0 deleted, 0 unchanged',
      languageAssistance: '1 changed, 0 deleted, 0 unchanged',
      'translation.metadata': '12 changed, 0 deleted, 0 unchanged',
    });
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Massachusetts Center for Addiction');
    // The sample dataset's pending rewrite is a draft: it never reaches the site.
    const cravings = await get('/articles/coping-with-cravings/');
    expect(heading(cravings.text)).toBe('Coping With Cravings: Practical Skills That Help');
    expect(cravings.text).not.toContain('unpublished rewrite');
  });

  it('publishes a new article: one signed webhook, one rebuild that fetches one document, then search finds it', async () => {
    const releasesBefore = listReleases(releasesDir).length;
    const deliveriesBefore = lake.deliveries.length;
    const { started: buildsBefore } = server.queue.stats;
    const article = {
      _id: newArticle.id,
      _type: 'article',
      title: newArticle.title,
      slug: { _type: 'slug', current: newArticle.slug },
      excerpt: 'A short walk at dusk, the same route each evening, gives early recovery a calm and dependable end to the day.',
      publishedAt: new Date().toISOString(),
      author: { _type: 'reference', _ref: 'staff-miriam-okafor' },
      topics: [{ _type: 'reference', _ref: 'topic-relapse-prevention', _key: 'relapse' }],
      body: [
        {
          _type: 'block',
          _key: 'intro',
          style: 'normal',
          markDefs: [],
          children: [
            {
              _type: 'span',
              _key: 'intro-text',
              marks: [],
              text: `Our clients call it the ${newArticle.word} walk: twenty minutes outside after dinner, phone left at home.`,
            },
          ],
        },
      ],
    };

    await editor.createOrReplace({ ...article, _id: `drafts.${article._id}` });

    const liveBefore = liveTarget();
    const logMark = serverLog.length;
    const requestMark = lake.requests.length;
    const published = performance.now();
    await editor.action({ actionType: 'sanity.action.document.publish', draftId: `drafts.${article._id}`, publishedId: article._id });
    const flippedMs = await liveFlipped(liveBefore, published);
    let servedMs = 0;
    for (;;) {
      if ((await get(`/articles/${newArticle.slug}/`)).status === 200) {
        servedMs = performance.now() - published;
        break;
      }
      await wait(20);
    }
    await settled();

    const delivery = lake.deliveries.at(-1) as Delivery;
    expect(lake.deliveries).toHaveLength(deliveriesBefore + 1);
    expect(delivery).toMatchObject({ documentId: article._id, operation: 'create', state: 'delivered' });
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([202]);
    expect(server.queue.stats.started).toBe(buildsBefore + 1);
    expect(listReleases(releasesDir)).toHaveLength(releasesBefore + 1);

    // Incremental sync: the rebuild asked for the revision list once and fetched the one new document.
    const figures = syncFigures(logMark);
    expect(figures).toEqual({
      article: '1 changed, 0 deleted, 17 unchanged',
      staffMember: '0 changed, 0 deleted, 11 unchanged',
      topic: '0 changed, 0 deleted, 8 unchanged',
      contactDetails: '0 changed, 0 deleted, 1 unchanged',
      searchSettings: '0 changed, 0 deleted, 1 unchanged',
      languageAssistance: '0 changed, 0 deleted, 1 unchanged',
      'translation.metadata': '0 changed, 0 deleted, 12 unchanged',
    });
    const queries = lake.requests.slice(requestMark).filter((request) => request.endpoint === 'query');
    const documentQueryList: string[] = Object.values(documentQueries);
    const documentFetches = queries.filter((request) => documentQueryList.includes(request.query ?? ''));
    expect(documentFetches.map(({ query, params, resultCount }) => ({ query, params, resultCount }))).toEqual([
      { query: articlesQuery, params: { ids: [article._id] }, resultCount: 1 },
    ]);
    // The version list is read twice: by the check whether anything changed (output reuse, as in
    // `npm run build`), then by the sync.
    expect(queries.filter((request) => request.query === publishedVersionsQuery).map((request) => request.params?.['types'])).toEqual([
      siteTypes,
      siteTypes,
    ]);
    expect(queries).toHaveLength(3);

    const builtIn = /Built the site in ([\d.]+) s/.exec(serverLog.slice(logMark).join('\n'))?.[1];
    console.log(
      `[publish-live] publish → live for one new article: live flipped ${(flippedMs / 1000).toFixed(2)} s, page served ` +
        `${(servedMs / 1000).toFixed(2)} s after the publish (settle ${settleMs} ms, build ${builtIn} s); ` +
        `sync: ${siteTypes.map((type) => `${type} ${figures[type]}`).join('; ')}; ` +
        `documents fetched: ${documentFetches.reduce((sum, request) => sum + (request.resultCount ?? 0), 0)}`,
    );

    expect(await searchResults(newArticle.word)).toEqual([`/articles/${newArticle.slug}/`]);
    const page = await open(`/articles/${newArticle.slug}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(newArticle.title);
    await expect(page.locator('main').textContent()).resolves.toContain(`the ${newArticle.word} walk`);
    await page.close();
    expect(offMachineRequests).toEqual([]);
  });

  it('fails the build of invalid content, naming each document and field, and keeps serving the previous release', async () => {
    const { succeeded, failed } = server.queue.stats;
    const liveBefore = liveTarget();
    const releases = listReleases(releasesDir);
    const logMark = serverLog.length;

    // An article by a staff member who does not exist, and an existing article whose slug was cleared.
    const lantern = lake.getDocument(newArticle.id) as SanityDocument;
    await publishAsStudio({
      ...lantern,
      _id: 'article-orphaned-byline',
      slug: { _type: 'slug', current: 'orphaned-byline' },
      author: { _type: 'reference', _ref: 'staff-nobody' },
    });
    const { slug: _cleared, ...withoutSlug } = lake.getDocument('article-paying-for-treatment') as SanityDocument;
    await publishAsStudio({ ...withoutSlug, _id: 'article-paying-for-treatment', _type: 'article' });
    await settled();

    expect(server.queue.stats.succeeded).toBe(succeeded);
    expect(server.queue.stats.failed).toBeGreaterThan(failed);
    // Invalid content is not retried: only an editor's fix (a new publish) can make it pass.
    expect(server.queue.stats.retries).toBe(0);
    // The report is written line by line: from the last "build failed:" to the end.
    const lines = serverLog.slice(logMark);
    const start = lines.findLastIndex((line) => line.startsWith('build failed:'));
    expect(start, lines.join('\n')).toBeGreaterThanOrEqual(0);
    const failure = lines.slice(start).join('\n');
    expect(failure).toContain('article article-orphaned-byline (author): refers to staff-nobody');
    expect(failure).toContain('article article-paying-for-treatment (slug): required');
    expect(failure).toContain('still serves the previous release');

    expect(liveTarget()).toBe(liveBefore);
    expect(listReleases(releasesDir)).toEqual(releases);
    expect(readFileSync(join(liveLink, 'articles', newArticle.slug, 'index.html'), 'utf8')).toContain(newArticle.word);
    const page = await open(`/articles/${newArticle.slug}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(newArticle.title);
    await page.close();
    expect((await get('/articles/paying-for-treatment/')).status).toBe(200);
    expect((await get('/articles/orphaned-byline/')).status).toBe(404);
    expect(offMachineRequests).toEqual([]);
  });
});
