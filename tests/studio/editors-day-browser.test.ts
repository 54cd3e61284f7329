/**
 * An editor's whole day in the built Studio, in Chromium, on the local rebuild path: the Content Lake
 * stand-in holds the sample dataset and fires its webhook at the centre's server, which rebuilds the site
 * (`scripts/build.ts` in live mode against the stand-in) into a new release and serves it; the Studio reads
 * the live release's `/build.json` to say whether the site shows what was published.
 *
 * 1. Create an article with a heading, a link, an uploaded image, a topic and an author.
 * 2. Watch the preview follow the typing.
 * 3. Schedule it, then publish it.
 * 4. Give another article a new title and address and publish it: the old address is kept in `previousSlugs`
 *    and sends visitors on, and the page is live with the Studio saying so.
 *
 * Then the Preview (Presentation) tool on its own, in the same Studio beside the same preview server: it
 * writes the preview-URL secret, opens the preview server through the draft-mode handshake, shows a draft's
 * new title in its iframe, and follows the title as the editor types, even when each save takes seconds.
 *
 * Every wait is for a state (of the Content Lake, the page or the site); the machine may be busy.
 */
import { join } from 'node:path';
import type { Locator, Request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, onTestFailed, test, vi } from 'vitest';
import { centreTimeZone } from '../../schemas/time-zone.ts';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import {
  buildFromStandIn,
  type ContentLakeStandIn,
  type SanityDocument,
  startContentLakeStandIn,
} from '../support/content-lake-stand-in.ts';
import { buildPreviewServer, type RunningPreviewServer, startPreviewServer } from '../support/preview-server.ts';
import { makeProjectTempDir } from '../support/temp-dirs.ts';
import { sampleDatasetFolder } from './support/sample-dataset.ts';
import { type OpenStudio, openStudio, previewHeading, type StudioAddresses, testStudio, typeUntilSaved } from './support/studio-browser.ts';

const secret = 'editors-day-secret-0123456789abcdef';
const article = { title: 'Morning walks in early recovery', slug: 'morning-walks-in-early-recovery' };
const otherArticle = {
  id: 'article-first-week-of-treatment',
  slug: 'first-week-of-treatment',
  newTitle: 'What the first week of treatment looks like',
  newSlug: 'what-the-first-week-of-treatment-looks-like',
};
/**
 * Waits for what a person would wait for: a save, a rebuild on a busy machine. Each look is cheap (a page
 * query, a request to the local server), so it looks often: a second between looks was a second lost at
 * each of the day's twenty steps.
 */
const long = { timeout: 600_000, interval: 200 };
/**
 * The Content Lake's clock runs this far behind the editor's computer, as a laptop's clock may. What the
 * Studio says of the site must rest on the Lake's times, not on when the browser saw a change.
 */
const lakeClockBehindMs = 60_000;

let lake: ContentLakeStandIn;
let server: RunningServer;
let preview: RunningPreviewServer;
let studio: OpenStudio;
let photo: string;
const addresses: StudioAddresses = {};
const serverLog: string[] = [];
/** The Studio page's requests for the site's `/build.json` and how each ended, by time. */
const buildInfoRequests: string[] = [];

beforeAll(async () => {
  const folder = makeProjectTempDir('mca-editors-day-');
  photo = join(folder, 'morning-walk.jpg');
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#6a9f7b' } })
    .jpeg()
    .toFile(photo);
  lake = await startContentLakeStandIn({
    projectId: 'standin',
    exportPath: sampleDatasetFolder,
    now: () => new Date(Date.now() - lakeClockBehindMs),
  });
  buildFromStandIn(lake);
  studio = await openStudio(await testStudio(), lake, 'editor', () => addresses);
  const config = readServerConfig({
    SANITY_WEBHOOK_SECRET: secret,
    PORT: '0',
    PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
    BUILD_SETTLE_MS: '300',
    RELEASES_DIR: join(folder, 'releases'),
    LIVE_LINK: join(folder, 'live'),
    BUILD_CACHE_DIR: join(folder, 'content-cache'),
    SERVE_LIVE: 'true',
    STUDIO_ORIGIN: studio.url,
  });
  server = await startServer(config, { log: (line) => serverLog.push(`${new Date().toISOString()} ${line}`) });
  lake.addWebhook({
    url: `${server.url}${config.WEBHOOK_PATH}`,
    filter: '_type in ["article", "staffMember", "topic", "contactDetails", "searchSettings"]',
    projection: '{_id, _type}',
    secret,
  });
  preview = await startPreviewServer(await buildPreviewServer(), {
    SANITY_PROJECT_ID: lake.projectId,
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: lake.readToken,
  });
  addresses.siteUrl = server.url;
  addresses.previewUrl = preview.url;
}, 900_000);

afterAll(async () => {
  await studio?.close();
  await preview?.close();
  await server?.close();
  await lake?.close();
  vi.unstubAllEnvs();
});

/** The new article's draft: the one draft with its title (its id is the Studio's to choose). */
const newDraft = () => lake.documents().find((doc) => doc._id.startsWith('drafts.') && doc['title'] === article.title);
const stored = (id: string) => lake.getDocument(id) as SanityDocument | undefined;
const screenshots = process.env['EDITORS_DAY_SCREENSHOTS'];

async function sitePage(path: string): Promise<string | undefined> {
  const response = await fetch(`${server.url}${path}`);
  return response.ok ? response.text() : undefined;
}

/** When the content of the live site's last build was last changed (`/build.json`). */
async function siteContentUpdatedAt(): Promise<number> {
  const response = await fetch(`${server.url}/build.json`);
  return response.ok ? Date.parse(((await response.json()) as { contentUpdatedAt: string }).contentUpdatedAt) : 0;
}

/** Saves what the editor sees to `EDITORS_DAY_SCREENSHOTS`, when it is set. */
async function screenshot(name: string) {
  if (screenshots) await studio.page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Searches a reference field (its input: `combobox`) for `search` and picks the option showing `name`. */
async function pickReference(combobox: Locator, search: string, name: string) {
  await combobox.fill(search);
  await studio.page.getByRole('option').filter({ hasText: name }).first().click();
  // The search's results close once the reference is set; until then they cover what lies below them.
  await expect.poll(() => studio.page.getByTestId('autocomplete-popover').count()).toBe(0);
}

/** Types a date and time into the "Published" field as an editor would (the field's own format). */
// The field reads what is typed in the centre's time zone, whatever the browser's: "2026-12-02 14:05".
const centreInputTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: centreTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

async function setPublishedAt(when: Date) {
  const input = studio.page.locator('[data-testid="field-publishedAt"] input').first();
  await input.fill(centreInputTime.format(when));
  await input.press('Enter');
}

/** Opens a Studio path and waits (as long as a busy machine needs) for `selector` to show. */
async function open(path: string, selector: string) {
  await studio.visit(path);
  await studio.page.locator(selector).first().waitFor({ timeout: 600_000 });
}

async function publish() {
  await studio.page.getByRole('button', { name: 'Publish', exact: true }).last().click();
}

test("an editor's day: create an article, preview it, schedule and publish it, update another, and see the Studio say it is on the site", async () => {
  const { page } = studio;
  const title = page.locator('[data-testid="field-title"] input');
  const noteBuildInfo = (request: Request, outcome: () => Promise<string> | string) => {
    if (!request.url().endsWith('/build.json')) return;
    void Promise.resolve(outcome()).then((what) => buildInfoRequests.push(`${new Date().toISOString()} ${what}`));
  };
  page.on('request', (request) => noteBuildInfo(request, () => 'sent'));
  page.on('requestfinished', (request) => noteBuildInfo(request, async () => `answered ${(await request.response())?.status()}`));
  page.on('requestfailed', (request) => noteBuildInfo(request, () => `failed: ${request.failure()?.errorText}`));
  // What the server did (webhooks, builds, flips) tells a slow rebuild from a lost one; the Studio's reads
  // of /build.json tell a read that never came back from one never made.
  onTestFailed(async () => {
    console.error(`The server's log:\n${serverLog.join('\n')}`);
    console.error(`The Studio's reads of /build.json:\n${buildInfoRequests.join('\n')}`);
    const shown = await page.getByText(/On the site|Waiting for the site|Site status unknown/).allTextContents();
    console.error(`The site status the Studio shows: ${JSON.stringify(shown)}`);
    // A publish that never reached the Content Lake: what the Studio said (a toast) and what its button shows.
    console.error(`The Studio's toasts: ${JSON.stringify(await page.locator('[data-ui="Toast"]').allTextContents())}`);
    const publishButtons = await page
      .getByRole('button', { name: /publish/i })
      .evaluateAll((buttons) =>
        buttons.map((button) => `${button.textContent} (${(button as HTMLButtonElement).disabled ? 'disabled' : 'enabled'})`),
      );
    console.error(`Its Publish buttons: ${JSON.stringify(publishButtons)}`);
    await screenshot('failed');
  });

  // 1. A new English article: title, slug, excerpt, an uploaded photo with alt text, a heading, a link, a topic, an author.
  await open('/intent/create/template=article-en;type=article/', '[data-testid="field-title"] input');
  await typeUntilSaved(title, article.title, () => newDraft()?.['title']);
  const id = (newDraft() as SanityDocument)._id.slice('drafts.'.length);
  const draft = () => stored(`drafts.${id}`);
  await page.locator('[data-testid="field-slug"] button', { hasText: 'Generate' }).click();
  await page.locator('[data-testid="field-excerpt"] textarea').fill('A short walk each morning steadies the first weeks of recovery.');
  await page.locator('input[type=file]').first().setInputFiles(photo);
  await expect.poll(() => (draft()?.['mainImage'] as { asset?: unknown } | undefined)?.asset, long).toBeDefined();
  await page.locator('[data-testid="field-mainImage.alt"] input').fill('A path through green fields in the morning');
  await page.locator('[data-testid="field-body"] [contenteditable="true"]').first().click();
  await page.keyboard.type('Why walking helps');
  await page.locator('[data-testid="field-body"] button', { hasText: 'Normal' }).first().click();
  await page
    .getByRole('menuitem', { name: /Heading 2/ })
    .first()
    .click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Find a meeting near you with SAMHSA');
  for (let i = 0; i < 'SAMHSA'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.locator('[data-testid="field-body"] [data-testid="action-button-link"]').first().click();
  await page.locator('[data-testid$="].href"] input').first().fill('https://www.samhsa.gov/find-help');
  await page.locator('[data-testid="field-topics"] button', { hasText: 'Add item' }).click();
  await pickReference(page.locator('[data-testid="field-topics"]').getByRole('combobox').last(), 'Peer', 'Peer support');
  await expect.poll(() => (draft()?.['topics'] as unknown[] | undefined)?.length, long).toBe(1);
  await page.locator('[data-testid="field-group-tabs"]').getByText('Author and review').click();
  await pickReference(page.getByRole('combobox', { name: /^Author/ }), 'Priya', 'Priya Raman');
  await expect
    .poll(() => {
      const body = JSON.stringify(draft()?.['body'] ?? []);
      return {
        heading: body.includes('"style":"h2"') && body.includes('Why walking helps'),
        link: body.includes('https://www.samhsa.gov/find-help'),
        alt: (draft()?.['mainImage'] as { alt?: string } | undefined)?.alt,
        slug: (draft()?.['slug'] as { current?: string } | undefined)?.current,
        author: (draft()?.['author'] as { _ref?: string } | undefined)?._ref,
      };
    }, long)
    .toEqual({
      heading: true,
      link: true,
      alt: 'A path through green fields in the morning',
      slug: article.slug,
      author: 'staff-priya-raman',
    });

  // 2. The preview shows the draft and follows the typing.
  await open(`/presentation/article/${id}/title?preview=/articles/${article.slug}/`, '[data-testid="field-title"] input');
  const heading = previewHeading(page, preview.url);
  await expect.poll(heading, long).toBe(article.title);
  const typed = `${article.title}, step by step`;
  await typeUntilSaved(title, typed, () => draft()?.['title']);
  await expect.poll(heading, long).toBe(typed);
  await screenshot('1-typing-with-preview');
  await typeUntilSaved(title, article.title, () => draft()?.['title']);

  // 3. Scheduled for next week: published, but not on the site; then published for now: on the site.
  await open(`/structure/articles;en;all;${id}`, '[data-testid="field-publishedAt"] input');
  // The same form was open beside the preview: the date goes into this one once that one has gone.
  await expect.poll(() => page.getByTestId('presentation-root').count(), long).toBe(0);
  await setPublishedAt(new Date(Date.now() + 7 * 24 * 3600_000));
  await expect.poll(() => Date.parse(String(draft()?.['publishedAt'])) > Date.now(), long).toBe(true);
  await publish();
  await expect.poll(() => stored(id)?.['title'], long).toBe(article.title);
  await expect
    .poll(
      () =>
        page
          .getByRole('status')
          .filter({ hasText: /^Scheduled for / })
          .count(),
      long,
    )
    .toBeGreaterThan(0);
  await screenshot('2-scheduled');
  const scheduledAt = Date.parse(String(stored(id)?._updatedAt));
  await expect.poll(siteContentUpdatedAt, long).toBeGreaterThanOrEqual(scheduledAt);
  expect(await sitePage(`/articles/${article.slug}/`)).toBeUndefined();
  await setPublishedAt(new Date(Date.now() - 3600_000));
  await expect.poll(() => Date.parse(String(draft()?.['publishedAt'])) < Date.now(), long).toBe(true);
  await publish();
  await expect.poll(() => Date.parse(String(stored(id)?.['publishedAt'])) < Date.now(), long).toBe(true);
  await screenshot('3-published');
  await expect.poll(async () => (await sitePage(`/articles/${article.slug}/`))?.includes(article.title) ?? false, long).toBe(true);
  const live = (await sitePage(`/articles/${article.slug}/`)) as string;
  expect(live).toContain('href="https://www.samhsa.gov/find-help"');
  expect(live).toContain('Priya Raman');
  expect(live).toContain('Peer support');
  expect(live).toContain('alt="A path through green fields in the morning"');

  // 4. Another article gets a new title and address and is published: live on the site, the old address
  // recorded in `previousSlugs`, and the Studio says it is on the site.
  await open(`/structure/articles;en;all;${otherArticle.id}`, '[data-testid="field-title"] input');
  const otherDraft = () => stored(`drafts.${otherArticle.id}`);
  await typeUntilSaved(title, otherArticle.newTitle, () => otherDraft()?.['title'] ?? stored(otherArticle.id)?.['title']);
  await typeUntilSaved(
    page.locator('[data-testid="field-slug"] input'),
    otherArticle.newSlug,
    () => ((otherDraft() ?? stored(otherArticle.id))?.['slug'] as { current?: string } | undefined)?.current,
  );
  await publish();
  await expect.poll(() => stored(otherArticle.id)?.['title'], long).toBe(otherArticle.newTitle);
  expect(stored(otherArticle.id)?.['slug']).toMatchObject({ current: otherArticle.newSlug });
  expect(stored(otherArticle.id)?.['previousSlugs']).toEqual([otherArticle.slug]);
  await expect
    .poll(async () => (await sitePage(`/articles/${otherArticle.newSlug}/`))?.includes(otherArticle.newTitle) ?? false, long)
    .toBe(true);
  const moved = await fetch(`${server.url}/articles/${otherArticle.slug}/`, { redirect: 'manual' });
  expect([moved.status, moved.headers.get('location')]).toEqual([301, `/articles/${otherArticle.newSlug}/`]);
  await expect.poll(() => page.getByText('On the site', { exact: true }).count(), long).toBeGreaterThan(0);
  // "Open on site" is in the menu beside Publish.
  await page.getByTestId('action-menu-button').last().click();
  await expect.poll(() => page.getByRole('menuitem', { name: 'Open on site' }).isEnabled(), long).toBe(true);
  await screenshot('4-on-the-site');
  // What the Studio read: the live release's build information, sent with CORS for the Studio's origin.
  const buildInfo = await fetch(`${server.url}/build.json`, { headers: { origin: studio.url } });
  expect(buildInfo.headers.get('access-control-allow-origin')).toBe(studio.url);
  const { contentUpdatedAt } = (await buildInfo.json()) as { contentUpdatedAt: string };
  expect(Date.parse(contentUpdatedAt)).toBeGreaterThanOrEqual(Date.parse(String(stored(otherArticle.id)?._updatedAt)));
  expect(studio.errors).toEqual([]);
}, 1_800_000);

test('Vision, the query tool, is not offered to an editor', async () => {
  await studio.goto('/structure', 'Contact details');
  expect(await studio.page.locator('a[href$="/vision"]').count()).toBe(0);
  await studio.goto('/vision', 'Tool not found');
}, 300_000);

const previewed = { id: 'article-coping-with-cravings', slug: 'coping-with-cravings' };
const previewedTitle = () => (lake.getDocument(`drafts.${previewed.id}`) as { title?: string } | undefined)?.title;
const typePreviewedTitle = (title: string) =>
  typeUntilSaved(studio.page.locator('[data-testid="field-title"] input'), title, previewedTitle);

test("the Preview tool shows a draft's new title in its iframe, through the draft-mode handshake, and follows the editor's typing", async () => {
  const draftTitle = 'Coping with cravings (DRAFT: revised for 2027)';
  const { _rev, _createdAt, _updatedAt, ...content } = stored(previewed.id) as SanityDocument;
  await lake.mutate([{ createOrReplace: { ...content, _id: `drafts.${previewed.id}`, _type: 'article', title: draftTitle } }]);
  // Opened at the URL the tool moves to once the title field has focus, so focusing it changes nothing.
  await studio.visit(`/presentation/article/${previewed.id}/title?preview=/articles/${previewed.slug}/`);
  const heading = previewHeading(studio.page, preview.url);
  await expect.poll(heading, long).toBe(draftTitle);
  // The handshake left a secret in the dataset, as the real Studio does.
  expect(lake.documents().some((doc) => doc._type === 'sanity.previewUrlSecret')).toBe(true);

  // The page is connected to the tool: its "Edit" overlay switch works only then.
  await expect.poll(() => studio.page.getByLabel('Edit', { exact: true }).isEnabled()).toBe(true);

  // The editor types a new title in the form beside the preview, and the page follows.
  const typedTitle = 'Coping with cravings (typed in the Preview tool)';
  await typePreviewedTitle(typedTitle);
  // The page re-renders after the save lands, up to two minutes after the typing (visual-editing.ts).
  await expect.poll(heading, { timeout: 150_000 }).toBe(typedTitle);
  await expect.poll(() => studio.page.getByText('Unable to connect', { exact: false }).count()).toBe(0);
}, 480_000);

test('the preview catches up with the editor when saving the draft takes seconds', async () => {
  // A slow connection or a busy machine: each save reaches the Content Lake 4 s after the editor typed,
  // after every refresh Presentation sends for the typing.
  lake.delayWrites(4_000);
  try {
    const heading = previewHeading(studio.page, preview.url);
    const typedTitle = 'Coping with cravings (saved slowly)';
    await typePreviewedTitle(typedTitle);
    await expect.poll(heading, { timeout: 150_000 }).toBe(typedTitle);
  } finally {
    lake.delayWrites(0);
  }
}, 300_000);
