/**
 * The built Studio's Preview (Presentation) tool against the Content Lake stand-in and the draft preview
 * server: it writes the preview-URL secret, opens the preview server through the draft-mode handshake,
 * and the page in its iframe shows the draft's new title, then follows the title as the editor types.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { buildPreviewServer, type RunningPreviewServer, startPreviewServer } from '../support/preview-server.ts';
import { sampleDatasetFolder } from './support/sample-dataset.ts';
import { type OpenStudio, openStudio, previewHeading, testStudio, typeUntilSaved } from './support/studio-browser.ts';

const draftTitle = 'Your first week of treatment (DRAFT: revised for 2027)';
let lake: ContentLakeStandIn;
let preview: RunningPreviewServer;
let studio: OpenStudio;

beforeAll(async () => {
  lake = await startContentLakeStandIn({ projectId: 'standin', exportPath: sampleDatasetFolder });
  const { _rev, _createdAt, _updatedAt, ...content } = lake.getDocument('article-first-week-of-treatment') as Record<string, unknown>;
  await lake.mutate([
    { createOrReplace: { ...content, _id: 'drafts.article-first-week-of-treatment', _type: 'article', title: draftTitle } },
  ]);
  preview = await startPreviewServer(await buildPreviewServer(), {
    SANITY_PROJECT_ID: lake.projectId,
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: lake.readToken,
  });
  studio = await openStudio(testStudio(), lake, 'administrator', { previewUrl: preview.url });
});

afterAll(async () => {
  await studio?.close();
  await preview?.close();
  await lake?.close();
});

const draftTitleNow = () => (lake.getDocument('drafts.article-first-week-of-treatment') as { title?: string }).title;
const typeTitle = (title: string) => typeUntilSaved(studio.page.locator('[data-testid="field-title"] input'), title, draftTitleNow);

test("the Preview tool shows the draft's new title in its iframe, through the draft-mode handshake, and follows the editor's typing", async () => {
  // Opened at the URL the tool moves to once the title field has focus, so focusing it changes nothing.
  await studio.goto('/presentation/article/article-first-week-of-treatment/title?preview=/articles/first-week-of-treatment/', 'Preview');
  const heading = previewHeading(studio.page, preview.url);
  await expect.poll(heading, { timeout: 90_000 }).toBe(draftTitle);
  // The handshake left a secret in the dataset, as the real Studio does.
  expect(lake.documents().some((doc) => doc._type === 'sanity.previewUrlSecret')).toBe(true);

  // The page is connected to the tool: its "Edit" overlay switch works only then.
  await expect.poll(() => studio.page.getByLabel('Edit', { exact: true }).isEnabled()).toBe(true);

  // The editor types a new title in the form beside the preview, and the page follows.
  const typedTitle = 'Your first week of treatment (typed in the Preview tool)';
  await typeTitle(typedTitle);
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
    const typedTitle = 'Your first week of treatment (saved slowly)';
    await typeTitle(typedTitle);
    await expect.poll(heading, { timeout: 150_000 }).toBe(typedTitle);
  } finally {
    lake.delayWrites(0);
  }
}, 300_000);
