// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, where innerText is the visible text.
/**
 * What an editor sees in the built Studio, in Chromium, with the sample dataset in the Content Lake
 * stand-in: the navigation, the staff directory order, the clinical review list, English and Spanish
 * documents apart with their language badge and Translations menu, the rich text toolbar, and the
 * validation panel on a draft that breaks the rules.
 */
import { evaluate, parse } from 'groq-js';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clinicalReviewCutoff, dueForReviewFilter } from '../../schemas/clinical-review.ts';
import { centreDay, formatCentreDateTime } from '../../schemas/time-zone.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { sampleDatasetFolder } from './support/sample-dataset.ts';
import { type OpenStudio, openStudio, testStudio } from './support/studio-browser.ts';

let lake: ContentLakeStandIn;
let studio: OpenStudio;

beforeAll(async () => {
  lake = await startContentLakeStandIn({ projectId: 'standin', exportPath: sampleDatasetFolder });
  studio = await openStudio(await testStudio(), lake);
});

afterAll(async () => {
  await studio?.close();
  await lake?.close();
});

async function published(query: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const dataset = lake.documents().filter((doc) => !doc._id.includes('.'));
  return (await evaluate(parse(query, { params }), { dataset, params })).get();
}

const listItems = (pane: string) => studio.page.locator(`[data-testid="${pane}"] [data-testid^="pane-item"]`).allTextContents();

test('the navigation: contact details, language assistance, search settings, articles, staff and topics', async () => {
  await studio.goto('/structure', 'Contact details');
  expect(await listItems('structure-tool-list-pane')).toEqual([
    'Contact details',
    'Language assistance',
    'Search settings',
    'Articles',
    'Staff',
    'Topics',
  ]);
  await studio.goto('/structure/articles;en', 'Due for clinical review');
  expect(await studio.page.getByText('All articles').count()).toBeGreaterThan(0);
  expect(await studio.page.getByText('By topic').count()).toBeGreaterThan(0);
  expect(studio.errors).toEqual([]);
}, 300_000);

test('staff in directory order, each shown with credentials and role', async () => {
  const staff = (await published(
    '*[_type == "staffMember" && coalesce(language, "en") == "en"] | order(order asc, name asc){"line": select(defined(credentials) => name + ", " + credentials, name) + role + select(isTeamAccount => " · team account", "")}.line',
  )) as string[];
  await studio.goto('/structure/staff;en', 'Staff (directory order): English');
  // Previews fill in after the list appears.
  await expect.poll(() => listItems('document-list-pane')).toEqual(staff);
}, 300_000);

test('due for clinical review: never reviewed first, then the oldest review, each row with its last review and reviewer', async () => {
  const due = (await published(
    `*[${dueForReviewFilter} && coalesce(language, "en") == "en"] | order(select(defined(reviewedAt) => 1, 0), reviewedAt asc, publishedAt asc){title, reviewedAt, "reviewer": reviewer->name}`,
    { cutoff: clinicalReviewCutoff(new Date()) },
  )) as Array<{ title: string; reviewedAt?: string; reviewer?: string }>;
  expect(due.some((article) => !article.reviewedAt)).toBe(true);
  expect(due.some((article) => article.reviewedAt)).toBe(true);
  await studio.goto('/structure/articles;en;due-for-review', 'Not reviewed in the last 12 months');
  const rows = async () => {
    const lines = await listItems('document-list-pane');
    return due.map((article) => lines.findIndex((line) => line.startsWith(article.title)));
  };
  await expect.poll(rows).toEqual(due.map((_, index) => index));
  const lines = await listItems('document-list-pane');
  due.forEach((article, index) => {
    expect(lines[index]).toContain(
      article.reviewedAt ? `Last reviewed ${article.reviewedAt} by ${article.reviewer}` : 'Never clinically reviewed',
    );
  });
}, 300_000);

test('an overdue article shows a warning when opened; required fields are marked before any error', async () => {
  const [overdue] = (await published(
    `*[${dueForReviewFilter} && defined(reviewedAt) && coalesce(language, "en") == "en"] | order(reviewedAt asc)[0...1]{_id, reviewedAt}`,
    {
      cutoff: clinicalReviewCutoff(new Date()),
    },
  )) as Array<{ _id: string; reviewedAt: string }>;
  if (!overdue) throw new Error('the sample dataset has no overdue article');
  await studio.goto(`/structure/articles;en;due-for-review;${overdue._id}`, 'Clinical review overdue');
  const banner = studio.page.getByRole('alert').filter({ hasText: 'Clinical review overdue' });
  await expect.poll(() => banner.innerText()).toContain(`last reviewed on ${overdue.reviewedAt}, more than 12 months ago`);
  await expect.poll(() => studio.page.locator('[data-testid="field-title"]').first().innerText()).toMatch(/^Title \(required\)\n/);
  await expect.poll(() => studio.page.locator('[data-testid="field-topics"]').first().innerText()).toMatch(/^Topics\n/);
  expect(studio.errors).toEqual([]);
}, 300_000);

test('a scheduled article says "Scheduled for …" in the list and on the document', async () => {
  const [source] = (await published('*[_type == "article" && coalesce(language, "en") == "en"] | order(publishedAt desc)[0...1]')) as Array<
    Record<string, unknown>
  >;
  if (!source) throw new Error('the sample dataset has no article');
  const { _rev, _createdAt, _updatedAt, ...content } = source;
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await lake.mutate([
    {
      createOrReplace: {
        ...content,
        _id: 'article-scheduled-next-month',
        _type: 'article',
        title: 'Holidays in recovery: a plan for the season',
        slug: { _type: 'slug', current: 'holidays-in-recovery' },
        publishedAt: inAMonth.toISOString(),
      },
    },
  ]);
  await studio.goto('/structure/articles;en;all', 'Holidays in recovery');
  const row = studio.page
    .locator('[data-testid="document-list-pane"] [data-testid^="pane-item"]')
    .filter({ hasText: 'Holidays in recovery' });
  await expect.poll(() => row.innerText()).toContain('Scheduled for');
  await studio.goto('/structure/articles;en;all;article-scheduled-next-month', 'After publishing it stays off the site');
  expect(
    await studio.page
      .getByRole('status')
      .filter({ hasText: /^Scheduled for / })
      .count(),
  ).toBeGreaterThan(0);
  expect(studio.errors).toEqual([]);
}, 300_000);

test('English and Spanish documents are listed apart; each shows its language and the Translations menu', async () => {
  const [english] = (await published('*[_type == "article" && coalesce(language, "en") == "en"] | order(publishedAt asc)[0...1]')) as Array<
    Record<string, unknown> & { _id: string; title: string }
  >;
  if (!english) throw new Error('the sample dataset has no English article');
  const { _rev, _createdAt, _updatedAt, ...content } = english;
  const spanishTitle = 'Primeros pasos: cómo pedir ayuda';
  // As the plugin stores a group: the language in `language`, and (docs/content-model.md) as the key.
  const member = (language: string, id: string) => ({
    _key: language,
    _type: 'internationalizedArrayReferenceValue',
    language,
    value: { _type: 'reference', _ref: id },
  });
  await lake.mutate([
    // The same slug as the English article: allowed, the languages differ.
    { createOrReplace: { ...content, _id: 'article-es-primeros-pasos', _type: 'article', language: 'es', title: spanishTitle } },
    {
      createOrReplace: {
        _id: 'translation-group-primeros-pasos',
        _type: 'translation.metadata',
        schemaTypes: ['article'],
        translations: [member('en', english._id), member('es', 'article-es-primeros-pasos')],
      },
    },
  ]);

  await studio.goto('/structure/articles', 'Español');
  await studio.goto('/structure/articles;es;all', spanishTitle);
  const spanishTitles = (await published('*[_type == "article" && language == "es"] | order(title asc).title')) as string[];
  expect(spanishTitles).toContain(spanishTitle);
  const shownTitles = async () =>
    (await listItems('document-list-pane')).map((line) => spanishTitles.find((title) => line.startsWith(title)) ?? line).sort();
  await expect.poll(shownTitles).toEqual(spanishTitles);
  await studio.goto('/structure/articles;en;all', english.title);
  await expect.poll(async () => (await listItems('document-list-pane')).some((line) => line.startsWith(english.title))).toBe(true);
  expect((await listItems('document-list-pane')).filter((line) => line.includes(spanishTitle))).toEqual([]);

  const badge = (label: string) => studio.page.locator('[data-ui="Badge"]').filter({ hasText: new RegExp(`^${label}$`) });
  await studio.goto('/structure/articles;es;all;article-es-primeros-pasos', spanishTitle);
  await badge('ES').first().waitFor();
  expect(await badge('EN').count()).toBe(0);
  const menu = studio.page.getByTestId('document-internationalization-menu');
  await expect.poll(() => menu.isEnabled()).toBe(true);
  await menu.click();
  // The menu offers each language: the other one's translation to open, this one as the current document.
  const popover = studio.page.locator('[data-ui="Popover"]').filter({ hasText: 'English' }).filter({ hasText: 'Español' });
  await popover.first().waitFor();

  // An English article from before translations, without `language`, is English.
  await studio.goto(`/structure/articles;en;all;${english._id}`, english.title);
  await badge('EN').first().waitFor();
  expect(studio.errors).toEqual([]);
}, 300_000);

test('the Translations menu makes a Spanish draft of an English article and joins the two in a translation group', async () => {
  // An article from before translations: the menu first asks for its language.
  const [english] = (await published(
    '*[_type == "article" && !defined(language) && !(_id in *[_type == "translation.metadata"].translations[].value._ref)] | order(publishedAt asc)[0...1]{_id, title}',
  )) as Array<{ _id: string; title: string }>;
  if (!english) throw new Error('the sample dataset has no untranslated English article without a language');
  // Renamed once, and clinically reviewed: a translation keeps neither the old address nor the review.
  const reviewer = (await published('*[_type == "staffMember" && !isTeamAccount][0]._id')) as string;
  await lake.mutate([
    {
      patch: {
        id: english._id,
        set: { previousSlugs: ['an-older-address'], reviewer: { _type: 'reference', _ref: reviewer }, reviewedAt: '2026-06-01' },
      },
    },
  ]);
  await studio.goto(`/structure/articles;en;all;${english._id}`, english.title);
  const menu = studio.page.getByTestId('document-internationalization-menu');
  await expect.poll(() => menu.isEnabled()).toBe(true);
  // The open menu only: closed popovers and tooltips may stay in the page, hidden.
  const popover = studio.page.locator('[data-ui="Popover"]').filter({ visible: true }).filter({ hasText: 'Español' });
  const option = (title: string, state: 'enabled' | 'disabled') =>
    popover.locator(`button:${state}`).filter({ hasText: new RegExp(`^${title}`) });
  /** Opens the menu until `shown` is in it: a click while the form is still settling may not open it. */
  const menuShowing = async (shown: Locator) => {
    for (let attempt = 1; !(await shown.isVisible()); attempt++) {
      if ((await popover.count()) === 0) await menu.click();
      await shown.waitFor({ timeout: 10_000 }).catch((error: unknown) => {
        if (attempt >= 12) throw error;
      });
    }
  };
  await menuShowing(popover.getByText('Choose a language to apply to'));
  // The open menu is re-laid out while the form settles, so a click that waits for it to stand still may
  // never come: the click is dispatched to the button as it is.
  await option('English', 'enabled').dispatchEvent('click');
  await studio.page.getByText('Set document language to English').first().waitFor();
  await expect.poll(() => lake.documents().find((doc) => doc._id === english._id)?.['language']).toBe('en');
  // Now English is the current document, and Español a translation to create.
  await menuShowing(option('English', 'disabled'));
  await menuShowing(option('Español', 'enabled'));
  await option('Español', 'enabled').dispatchEvent('click');
  await studio.page.getByText('Created "Español" translation').first().waitFor();

  type Item = { _key: string; language?: string; value: { _ref: string } };
  const group = () =>
    lake
      .documents()
      .find(
        (doc) =>
          doc._type === 'translation.metadata' &&
          (doc['translations'] as Item[] | undefined)?.some((item) => item.value._ref === english._id),
      ) as { schemaTypes: string[]; translations: Item[] } | undefined;
  // The callback keys the group by language once the plugin has made it.
  await expect.poll(() => group()?.translations.map(({ _key, language }) => `${_key}:${language}`)).toEqual(['en:en', 'es:es']);
  const { schemaTypes, translations } = group() as NonNullable<ReturnType<typeof group>>;
  expect(schemaTypes).toEqual(['article']);
  expect(translations[0]?.value._ref).toBe(english._id);
  const spanishId = translations[1]?.value._ref as string;
  const spanish = lake.documents().find((doc) => doc._id === `drafts.${spanishId}`);
  expect(spanish).toMatchObject({ _type: 'article', language: 'es', title: english.title });
  expect(spanish).not.toHaveProperty('previousSlugs');
  expect(spanish).not.toHaveProperty('reviewer');
  expect(spanish).not.toHaveProperty('reviewedAt');
  // A draft only: the site shows nothing of it until it is published.
  expect(lake.documents().some((doc) => doc._id === spanishId)).toBe(false);
  expect(studio.errors).toEqual([]);
}, 300_000);

// An editor is not offered it: the editor's day, whose Studio is an editor's, checks that.
test('Vision, the query tool, is shown to an administrator', async () => {
  await studio.goto('/structure', 'Contact details');
  expect(await studio.page.locator('a[href$="/vision"]').count()).toBeGreaterThan(0);
}, 300_000);

test('due for clinical review: never reviewed, or not in the last 12 months', async () => {
  const due = (await published(`*[${dueForReviewFilter} && coalesce(language, "en") == "en"] | order(title asc).title`, {
    cutoff: clinicalReviewCutoff(new Date()),
  })) as string[];
  expect(due.length).toBeGreaterThan(0);
  await studio.goto('/structure/articles;en;due-for-review', 'Not reviewed in the last 12 months');
  const titlesShown = async () =>
    (await listItems('document-list-pane')).map((line) => due.find((title) => line.startsWith(title)) ?? line);
  await expect.poll(async () => (await titlesShown()).sort()).toEqual([...due].sort());
}, 300_000);

test('a draft that breaks the rules: errors and warnings beside the fields, Publish disabled', async () => {
  const [article] = (await published(
    '*[_type == "article" && defined(mainImage.asset) && coalesce(language, "en") == "en"][0...1]',
  )) as Array<Record<string, unknown>>;
  if (!article) throw new Error('the sample dataset has no article with an image');
  const { _rev, _createdAt, _updatedAt, ...content } = article;
  await lake.mutate([
    {
      createOrReplace: {
        ...content,
        _id: `drafts.${String(article['_id'])}`,
        _type: 'article',
        title: 'A title that runs past the sixty characters search engines show',
        excerpt: '   ',
        mainImage: { ...(article['mainImage'] as object), alt: '' },
        body: [
          {
            _type: 'block',
            _key: 'b1',
            style: 'normal',
            markDefs: [{ _key: 'l1', _type: 'link', href: 'javascript:alert(1)' }],
            children: [{ _type: 'span', _key: 's1', text: 'A link', marks: ['l1'] }],
          },
          { _type: 'callout', _key: 'c1', tone: 'crisis', text: 'Call or text 988.' },
          { _type: 'pullQuote', _key: 'q1', quote: 'Recovery grows a world back.' },
        ],
      },
    },
  ]);
  await studio.goto(`/structure/articles;en;all;${String(article['_id'])}`, 'A title that runs past');
  // The same messages also sit, hidden, in the fields' tooltips: wait for the panel's visible ones, and
  // open the panel again if the first click came before validation had finished.
  const warning = studio.page.getByText('Search engines cut titles longer than 60 characters.').filter({ visible: true }).first();
  for (let attempt = 1; !(await warning.isVisible()); attempt++) {
    await studio.page.locator('button[aria-label="Validation"]').click({ timeout: 90_000 });
    await warning.waitFor({ timeout: 5_000 }).catch((error: unknown) => {
      if (attempt >= 6) throw error;
    });
  }
  for (const message of [
    'Required: spaces alone are not enough',
    'Alternative text is required for every image',
    'The site shows this as plain text, not a link',
  ]) {
    expect(await studio.page.getByText(message, { exact: false }).count(), message).toBeGreaterThan(0);
  }
  const publish = studio.page.getByRole('button', { name: 'Publish', exact: true });
  expect(await publish.count()).toBeGreaterThan(0);
  expect(await publish.evaluateAll((buttons) => buttons.every((button) => (button as HTMLButtonElement).disabled))).toBe(true);

  const labels = await studio.page
    .locator('[data-testid="field-body"] button[aria-label]')
    .evaluateAll((buttons) => [...new Set(buttons.map((button) => button.getAttribute('aria-label')))]);
  expect(labels).toEqual(
    expect.arrayContaining([
      'Bold',
      'Italic',
      'Bulleted list',
      'Numbered list',
      'External link',
      'Link to an article or staff member',
      'Insert Image (block)',
      'Insert Pull quote (block)',
    ]),
  );
  expect(labels.filter((label) => /underline|strike|code/i.test(label ?? ''))).toEqual([]);
  expect(await studio.page.getByText('Crisis help').count()).toBeGreaterThan(0);
  expect(studio.errors).toEqual([]);
}, 300_000);

/** The instant of 09:00 on `day` (`YYYY-MM-DD`) in the centre's time zone (Eastern: UTC-5 or UTC-4). */
function nineInTheMorning(day: string): Date {
  const candidates = ['-05:00', '-04:00'].map((offset) => new Date(`${day}T09:00:00${offset}`));
  const nine = candidates.find((candidate) => formatCentreDateTime(candidate).endsWith(', 9:00 AM ET'));
  if (!nine) throw new Error(`No 09:00 on ${day}`);
  return nine;
}

test('09:00 typed into "Published" is 9:00 AM ET everywhere; the publish says "Scheduled for …"; the Scheduled list has it', async () => {
  // A live article: the copy below is scheduled, the original is not, and only the copy is listed.
  const [source] = (await published(
    '*[_type == "article" && coalesce(language, "en") == "en" && dateTime(publishedAt) < dateTime(now())] | order(publishedAt desc)[0...1]',
  )) as Array<Record<string, unknown>>;
  if (!source) throw new Error('the sample dataset has no article');
  const { _rev, _createdAt, _updatedAt, ...content } = source;
  const day = centreDay(new Date(Date.now() + 40 * 24 * 3600 * 1000));
  const nine = nineInTheMorning(day);
  await lake.mutate([
    {
      createOrReplace: {
        ...content,
        _id: 'article-nine-am',
        _type: 'article',
        title: 'Mornings in early recovery',
        slug: { _type: 'slug', current: 'mornings-in-early-recovery' },
        // Scheduled already, at another time: the editor moves it to 09:00.
        publishedAt: new Date(nine.getTime() + 5 * 3600 * 1000).toISOString(),
      },
    },
  ]);
  await studio.goto('/structure/articles;en;scheduled', 'Mornings in early recovery');
  expect((await listItems('document-list-pane')).some((line) => line.startsWith(String(source['title'])))).toBe(false);

  await studio.goto('/structure/articles;en;scheduled;article-nine-am', 'After publishing it stays off the site');
  const field = studio.page.locator('[data-testid="field-publishedAt"]').first();
  // The field names the zone it reads and shows times in, and says it is required.
  await expect.poll(() => field.innerText()).toMatch(/^Published \(required\)/);
  expect(await field.innerText()).toContain('New York');
  const input = field.locator('input').first();
  await input.fill(`${day} 09:00`);
  await input.press('Enter');
  const label = `Scheduled for ${formatCentreDateTime(nine)}`;
  expect(label).toMatch(/9:00 AM ET$/);
  await expect.poll(() => studio.page.getByRole('status').filter({ hasText: label }).count()).toBeGreaterThan(0);
  const row = studio.page.locator('[data-testid="document-list-pane"] [data-testid^="pane-item"]').filter({ hasText: 'Mornings in early' });
  await expect.poll(() => row.innerText()).toContain(label);

  const publish = studio.page.getByRole('button', { name: 'Publish', exact: true }).last();
  await expect.poll(() => publish.isEnabled()).toBe(true);
  await publish.click();
  const toast = studio.page.locator('[data-ui="Toast"]').filter({ hasText: label });
  await toast.first().waitFor();
  expect(await toast.first().innerText()).toContain('stays off the site until the first rebuild after that time');
  expect(await studio.page.getByText('was published').count()).toBe(0);
  await expect
    .poll(() => lake.documents().find((doc) => doc._id === 'article-nine-am')?.['publishedAt'])
    .toSatisfy((value) => Date.parse(String(value)) === nine.getTime());
  expect(studio.errors).toEqual([]);
}, 300_000);

test('moving a live article to a later time warns that it leaves the site until then', async () => {
  const [live] = (await published(
    '*[_type == "article" && coalesce(language, "en") == "en" && dateTime(publishedAt) < dateTime(now())] | order(publishedAt asc)[0...1]{_id, title}',
  )) as Array<{ _id: string; title: string }>;
  if (!live) throw new Error('the sample dataset has no live article');
  const day = centreDay(new Date(Date.now() + 10 * 24 * 3600 * 1000));
  await studio.goto(`/structure/articles;en;all;${live._id}`, live.title);
  const input = studio.page.locator('[data-testid="field-publishedAt"] input').first();
  await input.fill(`${day} 09:00`);
  await input.press('Enter');
  const warning = studio.page.getByRole('alert').filter({ hasText: 'This article is on the site now' });
  await expect.poll(() => warning.innerText()).toContain(`takes it off the site until ${formatCentreDateTime(nineInTheMorning(day))}`);
  expect(studio.errors).toEqual([]);
}, 300_000);

test('a review date typed into a draft leaves the article due for review, and overdue, until it is published', async () => {
  const [overdue] = (await published(
    `*[${dueForReviewFilter} && defined(reviewedAt) && coalesce(language, "en") == "en"] | order(reviewedAt asc)[0...1]{_id, title, reviewedAt}`,
    { cutoff: clinicalReviewCutoff(new Date()) },
  )) as Array<{ _id: string; title: string; reviewedAt: string }>;
  if (!overdue) throw new Error('the sample dataset has no overdue article');
  const source = lake.documents().find((doc) => doc._id === overdue._id) as Record<string, unknown>;
  const { _rev, _createdAt, _updatedAt, ...content } = source;
  // Not even a date: a draft, valid or not, changes nothing about what is live.
  await lake.mutate([{ createOrReplace: { ...content, _id: `drafts.${overdue._id}`, _type: 'article', reviewedAt: '2026-13-45' } }]);
  await studio.goto('/structure/articles;en;due-for-review', 'Not reviewed in the last 12 months');
  await expect.poll(async () => (await listItems('document-list-pane')).some((line) => line.startsWith(overdue.title))).toBe(true);
  await studio.goto(`/structure/articles;en;due-for-review;${overdue._id}`, 'Clinical review overdue');
  const banner = studio.page.getByRole('alert').filter({ hasText: 'Clinical review overdue by' });
  await expect.poll(() => banner.innerText()).toContain(`last reviewed on ${overdue.reviewedAt}`);
  expect(await banner.innerText()).toContain('The review date in this draft counts once you publish it.');
}, 300_000);

test('a blank new article shows no notice; the review reminder comes with the first words', async () => {
  await studio.goto('/intent/create/template=article-en;type=article/', 'Title (required)');
  const notices = studio.page
    .locator('[role="alert"], [role="status"]')
    .filter({ hasText: /Not clinically reviewed|Scheduled for|on the site now/ });
  const title = studio.page.locator('[data-testid="field-title"] input').first();
  // The Studio moves from the document open before to the new one: the new one's title is blank.
  await expect.poll(() => title.inputValue()).toBe('');
  // The document open before may stay on screen a moment longer, with its own notice.
  await expect.poll(() => notices.count()).toBe(0);
  await title.fill('Sleep in early recovery');
  await expect.poll(() => notices.count()).toBe(1);
  expect(await notices.first().innerText()).toMatch(/^Not clinically reviewed yet\./);
  expect(studio.errors).toEqual([]);
}, 300_000);
