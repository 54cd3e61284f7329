/** The Studio's own small pieces: settings, "Open on site", the clinical review list. */
import { execFileSync } from 'node:child_process';
import { createClient } from '@sanity/client';
import { fileURLToPath } from 'node:url';
import { evaluate, parse } from 'groq-js';
import { describe, expect, test } from 'vitest';
import { describeOpenOnSite } from '../../studio/actions/open-on-site.ts';
import { describeStudioEnv, placeholderProjectId, readStudioEnv } from '../../studio/env.ts';
import { siteUrlFor } from '../../studio/site-url.ts';
import { keyedByLanguage, keyTranslationsByLanguage } from '../../studio/translations.ts';
import { startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { clinicalReviewCutoff, dueForReviewFilter } from '../../schemas/clinical-review.ts';
import { describeScheduled, rescheduleWarning, scheduledLabel } from '../../schemas/scheduling.ts';
import { article as articleType, reviewerFilter } from '../../schemas/sanity/documents/article.ts';
import { centreDay, centreTimeZone, formatCentreDateTime } from '../../schemas/time-zone.ts';
import { scheduledPublishAt, scheduledPublishToast } from '../../studio/actions/scheduled-publish.ts';
import { articleNotices } from '../../studio/components/article-notices.ts';
import { describeSiteStatus } from '../../studio/site-status.ts';
import { article, contactDetails, ref, searchSettings, synonymGroup } from './corpus/builders.ts';
import { readSampleDataset } from './support/sample-dataset.ts';
import { baseDocuments, invalidCases } from './corpus/index.ts';
import { validateWithStudio } from './support/studio-validation.ts';

describe('Studio settings', () => {
  test('a configured Studio', () => {
    const env = readStudioEnv({
      SANITY_STUDIO_PROJECT_ID: 'abc123xy',
      SANITY_STUDIO_DATASET: 'staging',
      SANITY_STUDIO_SITE_URL: 'https://www.example.org/',
    });
    expect(env).toEqual({
      projectId: 'abc123xy',
      dataset: 'staging',
      siteUrl: 'https://www.example.org',
      isPlaceholder: false,
      problems: [],
    });
    expect(describeStudioEnv(env, 'dev')).toBeUndefined();
  });

  test('without a project id the build goes on with a placeholder, and says so', () => {
    const env = readStudioEnv({ SANITY_STUDIO_PROJECT_ID: ' ' });
    expect(env).toMatchObject({ projectId: placeholderProjectId, dataset: 'production', isPlaceholder: true });
    expect(describeStudioEnv(env, 'build')).toMatch(
      /SANITY_STUDIO_PROJECT_ID is not set[\s\S]*placeholder project id "set-sanity-studio-project-id"[\s\S]*build again/,
    );
    expect(describeStudioEnv(env, 'dev')).toMatch(/^Cannot start the Studio:[\s\S]*SANITY_STUDIO_PROJECT_ID/);
    expect(describeStudioEnv(env, 'deploy')).toMatch(/^Cannot deploy the Studio/);
  });

  test('malformed values are named', () => {
    const env = readStudioEnv({
      SANITY_STUDIO_PROJECT_ID: 'My Project',
      SANITY_STUDIO_DATASET: 'Prod!',
      SANITY_STUDIO_SITE_URL: 'www.example.org',
    });
    expect(env.isPlaceholder).toBe(true);
    expect(env.dataset).toBe('production');
    expect(env.siteUrl).toBeUndefined();
    expect(env.problems.join('\n')).toMatch(
      /"My Project" is not a Sanity project id[\s\S]*"Prod!" is not a dataset name[\s\S]*"www.example.org" is not an http\(s\) address/,
    );
  });

  const checkEnv = (command: string) => {
    const script = fileURLToPath(new URL('../../studio/scripts/check-env.ts', import.meta.url));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SANITY_STUDIO_')));
    try {
      const stdout = execFileSync(process.execPath, [script, command], { env, encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, output: stdout };
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: string };
      return { status, output: stderr };
    }
  };

  test('npm run studio stops without a project id; studio:build goes on', () => {
    const dev = checkEnv('dev');
    expect(dev.status).toBe(1);
    expect(dev.output).toMatch(/Cannot start the Studio/);
    expect(checkEnv('build').status).toBe(0);
  });
});

describe('Open on site', () => {
  const published = { _id: 'a1', _type: 'article', slug: { current: 'first-steps' } } as never;

  test('links articles and staff to their pages', () => {
    expect(siteUrlFor('https://www.example.org/', { _type: 'article', slug: { current: 'first-steps' } })).toBe(
      'https://www.example.org/articles/first-steps/',
    );
    expect(siteUrlFor('https://www.example.org', { _type: 'staffMember', slug: { current: 'miriam-okafor' } })).toBe(
      'https://www.example.org/staff/miriam-okafor/',
    );
    expect(siteUrlFor('https://www.example.org', { _type: 'topic', slug: { current: 'x' } })).toBeUndefined();
  });

  test('Spanish pages under /es/', () => {
    expect(siteUrlFor('https://www.example.org', { _type: 'article', slug: { current: 'primeros-pasos' }, language: 'es' })).toBe(
      'https://www.example.org/es/articles/primeros-pasos/',
    );
    expect(siteUrlFor('https://www.example.org/', { _type: 'staffMember', slug: { current: 'miriam-okafor' }, language: 'es' })).toBe(
      'https://www.example.org/es/staff/miriam-okafor/',
    );
    expect(siteUrlFor('https://www.example.org', { _type: 'article', slug: { current: 'first-steps' }, language: 'en' })).toBe(
      'https://www.example.org/articles/first-steps/',
    );
  });

  test('opens the published page, and says when there is none', () => {
    expect(describeOpenOnSite('https://www.example.org', { draft: null, published })).toEqual({
      url: 'https://www.example.org/articles/first-steps/',
      title: 'Opens https://www.example.org/articles/first-steps/ in a new tab.',
    });
    expect(describeOpenOnSite('https://www.example.org', { draft: published, published }).title).toMatch(/after you publish/);
    expect(describeOpenOnSite('https://www.example.org', { draft: published, published: null })).toMatchObject({
      url: undefined,
      title: expect.stringMatching(/Publish first/),
    });
    expect(describeOpenOnSite(undefined, { draft: null, published })).toMatchObject({
      url: undefined,
      title: expect.stringMatching(/SANITY_STUDIO_SITE_URL/),
    });
  });
});

describe('translation groups are keyed by language, as docs/content-model.md stores them', () => {
  /** An item as `@sanity/document-internationalization` 6 writes it: a random key, the language in its own field. */
  const item = (key: string, language: string, ref: string) => ({
    _key: key,
    _type: 'internationalizedArrayReferenceValue',
    language,
    value: { _type: 'reference', _ref: ref, _weak: true, _strengthenOnPublish: { type: 'article' } },
  });

  test('random keys become the languages; everything else stays', () => {
    expect(keyedByLanguage([item('x1f9', 'en', 'a1'), item('q77z', 'es', 'a2')])).toEqual([
      { ...item('x1f9', 'en', 'a1'), _key: 'en' },
      { ...item('q77z', 'es', 'a2'), _key: 'es' },
    ]);
    expect(keyedByLanguage([{ _key: 'en', value: { _type: 'reference', _ref: 'a1' } }])).toBeUndefined();
    // Two items in one language is a content error the build names; re-keying would hide it.
    expect(keyedByLanguage([item('k1', 'es', 'a1'), item('k2', 'es', 'a2')])).toBeUndefined();
  });

  test('a group keyed by language with the language also in `language` passes the Studio; the key alone does not', async () => {
    const documents = [
      { _id: 'a1', _type: 'article', language: 'en' },
      { _id: 'a2', _type: 'article', language: 'es' },
    ];
    const group = (translations: unknown[]) => ({ _id: 'group-1', _type: 'translation.metadata', schemaTypes: ['article'], translations });
    const both = group([
      { ...item('en', 'en', 'a1'), value: { _type: 'reference', _ref: 'a1' } },
      { ...item('es', 'es', 'a2'), value: { _type: 'reference', _ref: 'a2' } },
    ]);
    expect((await validateWithStudio([both], [...documents, both])).get('group-1')).toEqual([]);
    // The plugin 6 (sanity-plugin-internationalized-array 5) reads the language from `language` only.
    const keyOnly = group([{ _key: 'en', value: { _type: 'reference', _ref: 'a1' } }]);
    const markers = (await validateWithStudio([keyOnly], [...documents, keyOnly])).get('group-1') ?? [];
    expect(markers.map((marker) => `${marker.level} ${marker.path}`)).toContain('error translations[0].language');
  });

  test('after the plugin creates a translation, the group in the Content Lake is re-keyed', async () => {
    const lake = await startContentLakeStandIn();
    try {
      await lake.mutate([
        {
          createOrReplace: {
            _id: 'group-1',
            _type: 'translation.metadata',
            schemaTypes: ['article'],
            translations: [item('x1f9', 'en', 'a1'), item('q77z', 'es', 'a2')],
          },
        },
      ]);
      const client = createClient(lake.clientConfig({ token: lake.writeToken }));
      await keyTranslationsByLanguage({ client: client as never, metaDocumentId: 'group-1' });
      expect(lake.getDocument('group-1')?.['translations']).toEqual([
        { ...item('x1f9', 'en', 'a1'), _key: 'en' },
        { ...item('q77z', 'es', 'a2'), _key: 'es' },
      ]);
    } finally {
      await lake.close();
    }
  });
});

describe('due for clinical review', () => {
  test('the cut-off is the same day twelve months earlier', () => {
    expect(clinicalReviewCutoff(new Date('2026-03-15T10:00:00Z'))).toBe('2025-03-15');
    expect(clinicalReviewCutoff(new Date('2026-01-31T23:59:00Z'))).toBe('2025-01-31');
  });

  test('lists articles never reviewed or reviewed more than twelve months ago', async () => {
    const documents = [
      article('never-reviewed'),
      article('reviewed-long-ago', { reviewedAt: '2024-11-02' }),
      article('reviewed-a-year-ago-to-the-day', { reviewedAt: '2025-03-15' }),
      article('reviewed-recently', { reviewedAt: '2026-01-10' }),
    ];
    const params = { cutoff: clinicalReviewCutoff(new Date('2026-03-15T10:00:00Z')) };
    const result = await evaluate(parse(`*[${dueForReviewFilter}]._id`, { params }), { dataset: documents, params });
    expect(await result.get()).toEqual(['never-reviewed', 'reviewed-long-ago']);
  });
});

describe("the centre's time zone", () => {
  test('is one setting, America/New_York unless changed, and names itself in every label', () => {
    expect(centreTimeZone).toBe('America/New_York');
    // 09:00 typed in Massachusetts, winter (UTC-5) and summer (UTC-4): "9:00 AM ET" both times.
    expect(formatCentreDateTime('2026-12-01T14:00:00Z')).toBe('Dec 1, 2026, 9:00 AM ET');
    expect(formatCentreDateTime('2026-07-01T13:00:00Z')).toBe('Jul 1, 2026, 9:00 AM ET');
    expect(scheduledLabel('2026-12-01T14:00:00Z')).toBe('Scheduled for Dec 1, 2026, 9:00 AM ET');
    // 10 PM in Boston is already the next day in UTC: lists show the centre's day.
    expect(centreDay('2026-12-02T03:00:00Z')).toBe('2026-12-01');
    // The build's log gives the instant and the centre's time.
    expect(describeScheduled([{ _id: 'article-x', publishedAt: '2026-12-01T14:00:00Z' }], new Date('2026-11-30T12:00:00Z'))).toContain(
      'is due 2026-12-01T14:00:00.000Z (Dec 1, 2026, 9:00 AM ET) and appears in the first build after that.',
    );
  });

  test('the "Published" input reads and shows times in that zone, and names it', () => {
    const field = articleType.fields.find((candidate) => candidate.name === 'publishedAt') as { options?: Record<string, unknown> };
    expect(field.options).toMatchObject({ displayTimeZone: centreTimeZone, allowTimeZoneSwitch: false });
  });
});

describe('publishing an article whose time is still to come', () => {
  const now = new Date('2026-12-02T15:00:00Z');

  test('says "Scheduled for …" and when it appears, not "was published"', () => {
    expect(scheduledPublishAt({ publishedAt: '2026-12-03T14:00:00Z' }, now)).toBe('2026-12-03T14:00:00Z');
    expect(scheduledPublishAt({ publishedAt: '2026-12-01T14:00:00Z' }, now)).toBeUndefined();
    expect(scheduledPublishAt(null, now)).toBeUndefined();
    expect(scheduledPublishToast('2026-12-03T14:00:00Z', ' Holidays in recovery ')).toEqual({
      title: 'Scheduled for Dec 3, 2026, 9:00 AM ET',
      description: '"Holidays in recovery" is saved and stays off the site until the first rebuild after that time (within the hour).',
    });
  });

  test("the last rebuild is named in the centre's time zone too", () => {
    expect(describeSiteStatus({ kind: 'waiting', builtAt: '2026-12-02T20:41:00Z' }).label).toBe(
      'Waiting for the site (last rebuild Dec 2, 2026, 3:41 PM ET)',
    );
  });
});

describe('rescheduling an article', () => {
  const now = new Date('2026-12-02T15:00:00Z');

  test('moving a live article to a later time warns that it leaves the site until then', () => {
    expect(rescheduleWarning('2026-11-01T14:00:00Z', '2026-12-10T14:00:00Z', now)).toBe(
      'This article is on the site now. Publishing this date takes it off the site until Dec 10, 2026, 9:00 AM ET; keep the past date to leave it up.',
    );
    // Not live yet (never published, or already scheduled), or staying in the past: nothing to warn about.
    expect(rescheduleWarning(undefined, '2026-12-10T14:00:00Z', now)).toBeUndefined();
    expect(rescheduleWarning('2026-12-05T14:00:00Z', '2026-12-10T14:00:00Z', now)).toBeUndefined();
    expect(rescheduleWarning('2026-11-01T14:00:00Z', '2026-11-20T14:00:00Z', now)).toBeUndefined();
  });

  test('the open article says so at the top, in place of "Scheduled for …"', () => {
    const notices = articleNotices(
      { title: 'Detox', publishedAt: '2026-12-10T14:00:00Z', reviewedAt: '2026-11-01' },
      {
        publishedAt: '2026-11-01T14:00:00Z',
        reviewedAt: '2026-11-01',
      },
      now,
    );
    expect(notices).toEqual([
      { tone: 'caution', text: expect.stringMatching(/^This article is on the site now\. .*Dec 10, 2026, 9:00 AM ET/) },
    ]);
  });

  test('"Published" shows the same as a warning, which does not block publishing', async () => {
    const live = article('live-article', { publishedAt: '2025-03-04T14:00:00.000Z' });
    const draft = { ...live, _id: 'drafts.live-article', publishedAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString() };
    const markers = (await validateWithStudio([draft], [...baseDocuments, live, draft])).get(draft._id) ?? [];
    expect(markers).toEqual([
      { level: 'warning', path: 'publishedAt', message: expect.stringMatching(/^This article is on the site now\./) },
    ]);
  });
});

describe('clinical review follows the published article', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  test('a review date typed into a draft does not lift the overdue warning until it is published', () => {
    const live = { title: 'Detox', publishedAt: '2024-01-01T10:00:00Z', reviewedAt: '2025-08-20' };
    const [notice] = articleNotices({ ...live, reviewedAt: '2026-11-20' }, live, now);
    expect(notice?.text).toMatch(
      /^Clinical review overdue by 3 months: last reviewed on 2025-08-20, .* The review date in this draft counts once you publish it\.$/,
    );
    expect(articleNotices({ ...live, reviewedAt: 'not a date' }, live, now)[0]?.text).toMatch(/^Clinical review overdue by 3 months/);
    expect(articleNotices({ ...live, reviewedAt: '2026-11-20' }, { ...live, reviewedAt: '2026-11-20' }, now)).toEqual([]);
  });

  test('only staff marked "Can review clinical content" are offered as reviewers, never a team account', async () => {
    const field = articleType.fields.find((candidate) => candidate.name === 'reviewer') as { options?: { filter?: string } };
    expect(field.options?.filter).toBe(reviewerFilter);
    const staff = readSampleDataset().filter((doc) => doc._type === 'staffMember' && (doc['language'] ?? 'en') === 'en');
    const offered = await evaluate(parse(`*[${reviewerFilter}].name`), { dataset: staff });
    expect(((await offered.get()) as string[]).sort()).toEqual([
      'Jonah Albrecht',
      'Lena Marchetti',
      'Marcus Delaney',
      'Miriam Okafor',
      'Priya Raman',
    ]);
  });

  test('every reviewer in the sample dataset is marked', () => {
    const documents = readSampleDataset();
    const marked = new Set(documents.filter((doc) => doc['canReviewClinical'] === true).map((doc) => doc._id));
    const reviewers = documents.flatMap((doc) =>
      doc._type === 'article' ? [(doc['reviewer'] as { _ref?: string } | undefined)?._ref] : [],
    );
    expect(reviewers.filter((id) => id && !marked.has(id))).toEqual([]);
  });

  test('a reviewer not so marked is a warning that says what to do (tests/studio/corpus: the build accepts it)', async () => {
    const reviewed = article('reviewed-by-coach', { reviewedAt: '2026-11-01', reviewer: ref('staff-coach') });
    const markers = (await validateWithStudio([reviewed], [...baseDocuments, reviewed])).get(reviewed._id) ?? [];
    expect(markers).toEqual([
      {
        level: 'warning',
        path: 'reviewer',
        message: 'Theo Brennan is not marked "Can review clinical content": tick it on their staff entry, or choose a clinician who is',
      },
    ]);
  });
});

describe('what the Studio tells an editor who enters bad data', () => {
  const messagesFor = async (document: ReturnType<typeof article>) => {
    const dataset = [...baseDocuments.filter((doc) => doc._id !== document._id), document];
    return ((await validateWithStudio([document], dataset)).get(document._id) ?? []).map(({ level, path, message }) => ({
      level,
      path,
      message,
    }));
  };

  test('a phone number that cannot be dialled, with how to write one', async () => {
    expect(await messagesFor(contactDetails({ phone: '555-01' }))).toEqual([
      {
        level: 'error',
        path: 'phone',
        message: '"555-01" is not a phone number that can be dialled: write the area code and number, e.g. (617) 555-0142 ext. 3',
      },
    ]);
  });

  test('a web address without https://, with the fix', async () => {
    const link = { _type: 'link', _key: 'l1', href: 'www.samhsa.gov/find-help' };
    const body = [
      {
        _key: 'b1',
        _type: 'block',
        style: 'normal',
        markDefs: [link],
        children: [{ _key: 's1', _type: 'span', text: 'Help', marks: ['l1'] }],
      },
    ];
    expect(await messagesFor(article('scheme-less', { body }))).toEqual([
      {
        level: 'error',
        path: 'body[0].markDefs[0].href',
        message: '"www.samhsa.gov/find-help" has no https:// in front, so it is not a link: write https://www.samhsa.gov/find-help',
      },
    ]);
  });

  test('a repeated crisis term, and a synonym in two groups named by number and terms', async () => {
    const settings = searchSettings({
      synonyms: [synonymGroup('g1', 'rehab', 'treatment'), synonymGroup('g2', 'Rehab', 'residential program')],
      crisisTerms: ['want to die', 'Want to die'],
    });
    expect(await messagesFor(settings)).toEqual([
      { level: 'error', path: 'crisisTerms', message: '"Want to die" is listed twice (letter case does not count): remove one' },
      {
        level: 'error',
        path: 'synonyms[1].terms',
        message: '"rehab" is already in synonym group 1 (rehab, treatment): a term may be in one group only',
      },
    ]);
  });
});

test('`sanity documents validate` (environment "cli") reports the rules of object fields only as warnings', async () => {
  // Sanity adds its unknown-field check to object fields with `.warning()` in the CLI, which lowers
  // every other rule on that field too: a missing slug or address is an error in the Studio but only a
  // warning in `sanity documents validate`. The corpus therefore checks what editors see (environment
  // "studio"). When this test fails, Sanity has fixed it and the CLI can be used to check datasets.
  const missingSlug = invalidCases.find((c) => c.name === 'article without a slug')?.document;
  if (!missingSlug) throw new Error('corpus case missing');
  const dataset = [...baseDocuments, missingSlug];
  const inStudio = (await validateWithStudio([missingSlug], dataset, 'studio')).get(missingSlug._id);
  const inCli = (await validateWithStudio([missingSlug], dataset, 'cli')).get(missingSlug._id);
  expect(inStudio?.find((marker) => marker.path === 'slug')?.level).toBe('error');
  expect(inCli?.find((marker) => marker.path === 'slug')?.level).toBe('warning');
});
