/**
 * The Studio as configured in `studio/sanity.config.ts`: the schema compiles cleanly, editors get
 * exactly the rich text the site renders, singletons cannot be created, copied or removed, documents
 * show and keep their language, and the navigation holds the lists editors work from, by language.
 */
import { describe, expect, test, vi } from 'vitest';
import type { ArraySchemaType, BlockSchemaType, ObjectSchemaType, PreviewConfig, SchemaType } from 'sanity';
import { createStructureBuilder, type StructureResolverContext } from 'sanity/structure';
import { evaluate, parse } from 'groq-js';
import { languages } from '../../schemas/languages.ts';
import { contactDetailsId, languageAssistanceId, portableTextModel, searchSettingsId } from '../../schemas/rules.ts';
import { article } from '../../schemas/sanity/documents/article.ts';
import { staffMember } from '../../schemas/sanity/documents/staff-member.ts';
import { schemaTypes } from '../../schemas/sanity/index.ts';
import { languageAssistance } from '../../schemas/sanity/singletons/language-assistance.ts';
import { searchSettings } from '../../schemas/sanity/singletons/search-settings.ts';
import { LanguageBadge } from '../../studio/badges/language-badge.ts';
import { callout } from '../../schemas/sanity/objects/callout.ts';
import { pullQuote } from '../../schemas/sanity/objects/pull-quote.ts';
import { SynonymGroupItem, synonymGroupPreview } from '../../schemas/sanity/singletons/search-settings.ts';
import { previousSlugsOnPublish } from '../../studio/actions/previous-slugs.ts';
import { overdueBy, reviewSummary } from '../../schemas/clinical-review.ts';
import { articleNotices } from '../../studio/components/article-notices.ts';
import { requiredTitle } from '../../studio/components/required-field.ts';
import { readStudioEnv } from '../../studio/env.ts';
import { documentLocations } from '../../studio/presentation.ts';
import { isAdministrator } from '../../studio/sanity.config.ts';
import { structure } from '../../studio/structure/index.ts';
import { loadStudioWorkspace, schemaProblems } from './support/studio-validation.ts';

const workspace = await loadStudioWorkspace();

test('the schema compiles without errors or warnings', async () => {
  expect(await schemaProblems()).toEqual([]);
  for (const type of schemaTypes) expect(workspace.schema.has(type.name), type.name).toBe(true);
});

describe('the rich text editor offers exactly what the site renders', () => {
  const portableText = workspace.schema.get('portableText') as ArraySchemaType;
  const blockType = portableText.of.find((member) => member.name === 'block') as BlockSchemaType;

  test('styles, lists, decorators and annotations', () => {
    const values = (items: readonly { value?: string }[] | undefined) => (items ?? []).map((item) => item.value);
    const options = blockType.fields.find((field) => field.name === 'style')?.type.options as { list?: { value: string }[] };
    expect(values(options.list)).toEqual([...portableTextModel.styles]);
    const listOptions = blockType.fields.find((field) => field.name === 'listItem')?.type.options as { list?: { value: string }[] };
    expect(values(listOptions.list)).toEqual([...portableTextModel.lists]);
    const markDefs = blockType.fields.find((field) => field.name === 'markDefs')?.type as ArraySchemaType;
    expect(markDefs.of.map((annotation) => annotation.name)).toEqual([...portableTextModel.annotations]);
    expect(values(decoratorsOf(blockType))).toEqual([...portableTextModel.decorators]);
  });

  test('custom blocks, each with a preview', () => {
    const custom = portableText.of.filter((member) => member.name !== 'block');
    expect(custom.map((member) => member.name)).toEqual([...portableTextModel.customBlocks]);
    for (const member of custom) expect(member.preview?.select, member.name).toBeDefined();
  });

  test('internal links point to articles and staff only', () => {
    const markDefs = blockType.fields.find((field) => field.name === 'markDefs')?.type as ArraySchemaType;
    const internalLink = markDefs.of.find((annotation) => annotation.name === 'internalLink') as ObjectSchemaType;
    const reference = internalLink.fields.find((field) => field.name === 'reference')?.type as unknown as {
      to: { name: string }[];
    };
    expect(reference.to.map((target) => target.name)).toEqual([...portableTextModel.internalLinkTargets]);
  });
});

/** Sanity keeps a block's decorators on its span type. */
function decoratorsOf(blockType: BlockSchemaType): { value: string }[] {
  const children = blockType.fields.find((field) => field.name === 'children')?.type as ArraySchemaType;
  const span = children.of.find((member) => member.name === 'span') as unknown as { decorators?: { value: string }[] };
  return span.decorators ?? [];
}

describe('previews show what editors look for', () => {
  const prepare = (preview: PreviewConfig | undefined, value: Record<string, unknown>) =>
    preview?.prepare?.(value) as Record<string, unknown>;

  test('article: title, publication date and author, last review, image', () => {
    const media = { asset: { _ref: 'image-1' } };
    expect(
      prepare(article.preview, {
        title: 'First steps',
        author: 'MCA Staff',
        date: '2025-03-04T14:00:00Z',
        media,
        reviewedAt: '2025-06-01',
        reviewer: 'Marcus Delaney',
      }),
    ).toEqual({
      title: 'First steps',
      subtitle: 'Published 2025-03-04 · by MCA Staff',
      // The row says how long the review is overdue on the day the list is shown.
      description: expect.stringMatching(/^Last reviewed 2025-06-01 by Marcus Delaney · overdue by \d+ months?$/),
      media,
    });
    expect(prepare(article.preview, { title: 'Never', author: 'MCA Staff', date: '2025-03-04T14:00:00Z' })['description']).toBe(
      'Never clinically reviewed',
    );
  });

  test('article with a future publication date: "Scheduled for …"', () => {
    const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    inAYear.setUTCHours(17, 30, 0, 0);
    const subtitle = prepare(article.preview, { title: 'Soon', author: 'MCA Staff', date: inAYear.toISOString() })['subtitle'];
    const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'America/New_York' }).format(inAYear);
    expect(subtitle).toMatch(new RegExp(`^Scheduled for ${day}, \\d{1,2}:30 (AM|PM) ET · by MCA Staff$`));
  });

  test('staff member: name with credentials, role, photo', () => {
    const media = { asset: { _ref: 'image-2' } };
    expect(prepare(staffMember.preview, { name: 'Marcus Delaney', credentials: 'LADC II', role: 'Clinical Supervisor', media })).toEqual({
      title: 'Marcus Delaney, LADC II',
      subtitle: 'Clinical Supervisor',
      media,
    });
    expect(prepare(staffMember.preview, { name: 'MCA Staff', role: 'Editorial team' })['title']).toBe('MCA Staff');
  });

  test('pull quote and callout', () => {
    expect(prepare(pullQuote.preview, { title: 'Recovery grows', subtitle: 'M. D.' })).toMatchObject({
      title: '“Recovery grows”',
      subtitle: 'M. D.',
    });
    expect(prepare(callout.preview, { tone: 'crisis', text: 'Call 988' })).toMatchObject({ title: 'Call 988', subtitle: 'Crisis help' });
  });

  test('language assistance: the languages of its notices; each notice its language and direction', () => {
    expect(prepare(languageAssistance.preview, { notices: [{ languageName: 'Español' }, { languageName: 'العربية' }] })).toMatchObject({
      title: 'Language assistance',
      subtitle: '2 notices: Español, العربية',
    });
    const notices = languageAssistance.fields.find((field) => field.name === 'notices') as unknown as { of: { preview: PreviewConfig }[] };
    expect(prepare(notices.of[0]?.preview, { title: 'العربية', language: 'ar', direction: 'rtl' })).toEqual({
      title: 'العربية',
      subtitle: 'ar · right to left',
    });
  });

  test('a synonym group shows its language', () => {
    const synonyms = searchSettings.fields.find((field) => field.name === 'synonyms') as unknown as { of: { preview: PreviewConfig }[] };
    expect(prepare(synonyms.of[0]?.preview, { terms: ['rehabilitación', 'tratamiento'], language: 'es' })).toEqual({
      title: 'rehabilitación, tratamiento',
      subtitle: 'Español · 2 terms',
    });
    expect(prepare(synonyms.of[0]?.preview, { terms: ['rehab', 'treatment'] })['subtitle']).toBe('English · 2 terms');
  });

  test('every document and object type has an icon', () => {
    for (const type of schemaTypes) {
      if (type.type === 'document' || type.type === 'object') expect((type as { icon?: unknown }).icon, type.name).toBeDefined();
    }
  });
});

describe('fields say what they do', () => {
  type FieldDef = { name: string; description?: unknown; fields?: FieldDef[]; of?: MemberDef[] };
  type MemberDef = FieldDef & { type?: string; marks?: { annotations?: FieldDef[] } };

  /** Every field of the schema definitions, nested fields and rich-text annotations included, as `type.path`. */
  function fieldsOf(prefix: string, fields: readonly FieldDef[] = []): Array<[string, FieldDef]> {
    return fields.flatMap((field) => [
      [`${prefix}.${field.name}`, field] as [string, FieldDef],
      ...fieldsOf(`${prefix}.${field.name}`, field.fields),
      ...(field.of ?? []).flatMap((member) => [
        ...fieldsOf(`${prefix}.${field.name}[${member.name ?? member.type}]`, member.fields),
        ...(member.marks?.annotations ?? []).flatMap((annotation) => fieldsOf(`${prefix}.${annotation.name}`, annotation.fields)),
      ]),
    ]);
  }

  test('every field has help text', () => {
    const fields = schemaTypes.flatMap((type) => {
      const definition = type as unknown as MemberDef;
      return [
        ...fieldsOf(type.name, definition.fields),
        ...(definition.of ?? []).flatMap((member) => [
          ...fieldsOf(`${type.name}[${member.name ?? member.type}]`, member.fields),
          ...(member.marks?.annotations ?? []).flatMap((annotation) => fieldsOf(`${type.name}.${annotation.name}`, annotation.fields)),
        ]),
      ];
    });
    expect(fields.length).toBeGreaterThan(40);
    const without = fields.filter(([, field]) => typeof field.description !== 'string' || field.description.trim() === '');
    expect(without.map(([path]) => path)).toEqual([]);
  });

  test('required fields say "(required)" in their title before any error; optional ones do not', () => {
    const fieldType = (type: string, name: string) =>
      (workspace.schema.get(type) as ObjectSchemaType).fields.find((field) => field.name === name)?.type as SchemaType;
    expect(requiredTitle('Title', fieldType('article', 'title'))).toBe('Title (required)');
    expect(requiredTitle('Author', fieldType('article', 'author'))).toBe('Author (required)');
    expect(requiredTitle('Phone', fieldType('contactDetails', 'phone'))).toBe('Phone (required)');
    expect(requiredTitle('Clinically reviewed by', fieldType('article', 'reviewer'))).toBe('Clinically reviewed by');
    expect(requiredTitle('Email', fieldType('staffMember', 'email'))).toBe('Email');
    expect(requiredTitle('Published', fieldType('article', 'publishedAt'))).toBe('Published (required)');
  });

  test('language assistance tells editors the notices are written by qualified translators, not a machine', () => {
    const notices = languageAssistance.fields.find((field) => field.name === 'notices') as unknown as {
      description: string;
      of: { fields: { name: string; description: string }[] }[];
    };
    const text = notices.of[0]?.fields.find((field) => field.name === 'text');
    for (const description of [notices.description, text?.description]) {
      expect(description).toMatch(/qualified translator/);
      expect(description).toMatch(/never by machine translation/);
    }
  });

  test('staff email says it is public', () => {
    const email = staffMember.fields.find((field) => field.name === 'email') as { description?: string };
    expect(email.description).toMatch(/shown publicly on their staff page/i);
  });

  test('the team account is marked with a field, and cannot review', () => {
    const team = staffMember.fields.find((field) => field.name === 'isTeamAccount') as { type: string; description?: string };
    expect(team.type).toBe('boolean');
    expect(team.description).toMatch(/never its clinical reviewer/);
  });

  test('Vision, the query tool, only for administrators', () => {
    expect(isAdministrator({ roles: [{ name: 'administrator', title: 'Administrator' }] })).toBe(true);
    expect(isAdministrator({ roles: [{ name: 'editor', title: 'Editor' }] })).toBe(false);
    expect(isAdministrator(null)).toBe(false);
  });
});

describe('an open article says when it is scheduled or due for clinical review', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  test('scheduled: the date, and when it appears', () => {
    expect(articleNotices({ publishedAt: '2026-12-01T14:00:00Z', reviewedAt: '2026-11-01' }, undefined, now)).toEqual([
      { tone: 'primary', text: expect.stringMatching(/^Scheduled for Dec 1, 2026, 9:00 AM ET\. .*first rebuild after that time/) },
    ]);
  });

  test('overdue or never reviewed: a warning; reviewed within 12 months: nothing', () => {
    expect(articleNotices({ title: 'Detox', publishedAt: '2024-01-01T10:00:00Z', reviewedAt: '2025-11-25' }, undefined, now)).toEqual([
      {
        tone: 'caution',
        text: expect.stringMatching(/^Clinical review overdue by 1 day: last reviewed on 2025-11-25, more than 12 months ago\./),
      },
    ]);
    expect(articleNotices({ title: 'Detox', publishedAt: '2024-01-01T10:00:00Z' }, undefined, now)[0]?.text).toMatch(
      /^Not clinically reviewed yet\./,
    );
    expect(articleNotices({ title: 'Detox', publishedAt: '2024-01-01T10:00:00Z', reviewedAt: '2025-11-26' }, undefined, now)).toEqual([]);
  });

  test('says how long a review is overdue, in the notice and in list rows', () => {
    expect(overdueBy('2025-08-20', now)).toBe('overdue by 3 months');
    expect(overdueBy('2025-10-26', now)).toBe('overdue by 1 month');
    expect(overdueBy('2025-11-10', now)).toBe('overdue by 16 days');
    expect(overdueBy('2026-01-01', now)).toBeUndefined();
    expect(reviewSummary('2025-08-20', 'Dana Whitfield', now)).toBe('Last reviewed 2025-08-20 by Dana Whitfield · overdue by 3 months');
    expect(reviewSummary('2026-01-01', 'Dana Whitfield', now)).toBe('Last reviewed 2026-01-01 by Dana Whitfield');
  });

  test('a blank new article shows no notice until something is written', () => {
    expect(articleNotices({ publishedAt: now.toISOString() }, undefined, now)).toEqual([]);
    expect(articleNotices({ publishedAt: now.toISOString(), title: ' ' }, undefined, now)).toEqual([]);
    expect(articleNotices({ publishedAt: now.toISOString(), body: [{ _type: 'block' }] }, undefined, now)).toHaveLength(1);
  });
});

describe('synonym groups', () => {
  test('the list numbers the groups as the error messages do', () => {
    const prepare = (index: number) => synonymGroupPreview(index).prepare?.({ terms: ['rehab', 'treatment'] });
    expect(prepare(0)).toEqual({ title: 'Group 1: rehab, treatment', subtitle: expect.stringContaining('2 terms') });
    let rendered: { schemaType: { preview?: { prepare?: (value: unknown) => unknown } } } | undefined;
    const props = {
      index: 2,
      schemaType: { name: 'synonymGroup', preview: synonymGroupPreview(undefined) },
      renderDefault: (given: typeof rendered) => {
        rendered = given;
        return null;
      },
    };
    SynonymGroupItem(props as unknown as Parameters<typeof SynonymGroupItem>[0]);
    expect(rendered?.schemaType.preview?.prepare?.({ terms: ['detox'] })).toMatchObject({ title: 'Group 3: detox' });
  });
});

describe('draft preview (the Presentation tool)', () => {
  type Resolver = { resolve?: (doc: Record<string, unknown> | null) => unknown; locations?: unknown };
  const resolverOf = (type: string) => (documentLocations as Record<string, Resolver>)[type];

  test('an article opens on its page, a staff member on theirs, the contact details on /contact/', () => {
    expect(resolverOf('article')?.resolve?.({ title: 'First steps', slug: 'first-steps' })).toEqual({
      locations: [{ title: 'First steps', href: '/articles/first-steps/' }],
    });
    expect(resolverOf('staffMember')?.resolve?.({ title: 'Marcus Delaney', slug: 'marcus-delaney' })).toMatchObject({
      locations: [{ title: 'Marcus Delaney', href: '/staff/marcus-delaney/' }, expect.anything()],
    });
    expect(resolverOf('contactDetails')?.locations).toEqual(expect.arrayContaining([{ title: 'Contact', href: '/contact/' }]));
    expect(resolverOf('article')?.resolve?.({ title: 'No slug yet' })).toMatchObject({ tone: 'caution' });
  });

  test('a Spanish article or staff member opens on its page under /es/; English ones, with or without language, without', () => {
    expect(resolverOf('article')?.resolve?.({ title: 'Primeros pasos', slug: 'primeros-pasos', language: 'es' })).toEqual({
      locations: [{ title: 'Primeros pasos', href: '/es/articles/primeros-pasos/' }],
    });
    expect(resolverOf('article')?.resolve?.({ title: 'First steps', slug: 'first-steps', language: 'en' })).toEqual({
      locations: [{ title: 'First steps', href: '/articles/first-steps/' }],
    });
    expect(resolverOf('staffMember')?.resolve?.({ title: 'Marcus Delaney', slug: 'marcus-delaney', language: 'es' })).toEqual({
      locations: [
        { title: 'Marcus Delaney', href: '/es/staff/marcus-delaney/' },
        { title: 'Our staff', href: '/es/staff/' },
      ],
    });
    expect(resolverOf('languageAssistance')?.locations).toEqual([{ title: 'Language assistance', href: '/language-assistance/' }]);
  });

  test('the preview server address comes from SANITY_STUDIO_PREVIEW_URL, checked', () => {
    expect(readStudioEnv({ SANITY_STUDIO_PREVIEW_URL: 'https://preview.example.org/' }).previewUrl).toBe('https://preview.example.org');
    const bad = readStudioEnv({ SANITY_STUDIO_PREVIEW_URL: 'preview.example.org' });
    expect(bad.previewUrl).toBeUndefined();
    expect(bad.problems.join('\n')).toMatch(/SANITY_STUDIO_PREVIEW_URL "preview.example.org" is not an http\(s\) address/);
  });
});

describe('initial values', () => {
  test('a new article is published now', async () => {
    const field = article.fields.find((candidate) => candidate.name === 'publishedAt') as { initialValue?: () => string };
    const value = field.initialValue?.();
    expect(Math.abs(Date.parse(value ?? '') - Date.now())).toBeLessThan(5_000);
  });

  test('a new callout is informational', () => {
    const tone = callout.fields?.find((field) => field.name === 'tone') as { initialValue?: unknown } | undefined;
    expect(tone?.initialValue).toBe('info');
  });
});

describe('contact details, language assistance and search settings are singletons', () => {
  const singletons = ['contactDetails', 'languageAssistance', 'searchSettings'];

  test('no template creates one; new articles, staff and topics are created in a language', () => {
    const options = workspace.document.resolveNewDocumentOptions({ type: 'global' });
    for (const singleton of singletons) {
      expect(workspace.templates.map((template) => template.schemaType)).not.toContain(singleton);
      expect(options.map((option) => option.templateId)).not.toContain(singleton);
    }
    // Never without a language, and never a translation group by hand: the Translations menu makes those.
    expect(options.map((option) => option.templateId).sort()).toEqual(
      ['article', 'staffMember', 'topic'].flatMap((type) => languages.map((language) => `${type}-${language.id}`)).sort(),
    );
    expect(options.map((option) => option.title)).toEqual(expect.arrayContaining(['English Article', 'Español Article']));
  });

  test('a new document is in the language of its template; English by default', async () => {
    const templateValue = async (templateId: string) => {
      const template = workspace.templates.find((candidate) => candidate.id === templateId);
      if (!template) throw new Error(`No template ${templateId}`);
      return typeof template.value === 'function' ? await template.value({}, {} as never) : template.value;
    };
    expect(await templateValue('article-es')).toMatchObject({ language: 'es' });
    expect(await templateValue('topic-en')).toMatchObject({ language: 'en' });
    const field = article.fields.find((candidate) => candidate.name === 'language') as {
      initialValue?: unknown;
      hidden?: unknown;
      readOnly?: unknown;
    };
    expect(field).toMatchObject({ initialValue: 'en', hidden: true, readOnly: true });
  });

  test('its only actions are publish, discard changes and restore', () => {
    for (const schemaType of singletons) {
      const actions = workspace.document.actions({ schemaType, documentId: schemaType, releaseId: undefined, versionType: 'draft' });
      expect(actions.map((action) => action.action).sort(), schemaType).toEqual(['discardChanges', 'publish', 'restore']);
    }
  });

  test('articles and staff can be opened on the site; topics have no page of their own here', () => {
    const names = (schemaType: string) =>
      workspace.document
        .actions({ schemaType, documentId: 'x', releaseId: undefined, versionType: 'draft' })
        .map((action) => action.action ?? action.displayName);
    expect(names('article')).toContain('OpenOnSite');
    expect(names('staffMember')).toContain('OpenOnSite');
    expect(names('article')).toEqual(expect.arrayContaining(['publish', 'delete', 'duplicate']));
    expect(names('topic')).not.toContain('OpenOnSite');
  });

  test('publishing an article records a changed slug in previousSlugs; other types publish as Sanity does', () => {
    const publishOf = (schemaType: string) =>
      workspace.document
        .actions({ schemaType, documentId: 'x', releaseId: undefined, versionType: 'draft' })
        .find((action) => action.action === 'publish');
    expect(publishOf('article')?.displayName).toBe('PublishRecordingPreviousSlugs');
    expect(publishOf('staffMember')?.displayName).not.toBe('PublishRecordingPreviousSlugs');
  });

  test('the slugs a publish records', () => {
    const slug = (current: string) => ({ _type: 'slug', current });
    expect(previousSlugsOnPublish({ slug: slug('detox') }, { slug: slug('detox-explained') })).toEqual(['detox']);
    expect(previousSlugsOnPublish({ slug: slug('b') }, { slug: slug('c'), previousSlugs: ['a'] })).toEqual(['a', 'b']);
    // Back to an old slug: it is current again, and the one left behind is the previous one.
    expect(previousSlugsOnPublish({ slug: slug('b') }, { slug: slug('a'), previousSlugs: ['a'] })).toEqual(['b']);
    expect(previousSlugsOnPublish({ slug: slug('a') }, { slug: slug('a') })).toBeUndefined();
    expect(previousSlugsOnPublish(null, { slug: slug('new') })).toBeUndefined();
  });
});

describe('each article, staff member and topic shows its language', () => {
  const badges = (schemaType: string) => workspace.document.badges({ schemaType, documentId: 'x' });

  test('one language badge, first; articles also say when they are scheduled', () => {
    for (const schemaType of ['article', 'staffMember', 'topic']) {
      const names = badges(schemaType).map((badge) => badge.displayName ?? badge.name);
      expect(
        names.filter((name) => name === 'LanguageBadge' || name === ''),
        schemaType,
      ).toEqual(['LanguageBadge']);
      expect(names[0]).toBe('LanguageBadge');
    }
    expect(badges('article').map((badge) => badge.displayName)).toContain('ScheduledBadge');
    expect(badges('contactDetails').map((badge) => badge.displayName)).not.toContain('LanguageBadge');
  });

  test('"ES" on a Spanish document, "EN" on an English one and on one without a language', () => {
    const badge = (document: Record<string, unknown> | null, draft: Record<string, unknown> | null = null) =>
      LanguageBadge({ published: document, draft, version: null } as never);
    expect(badge({ _id: 'a', language: 'es' })).toMatchObject({ label: 'ES', title: expect.stringMatching(/^Español/) });
    expect(badge({ _id: 'a', language: 'en' })).toMatchObject({ label: 'EN', title: expect.stringMatching(/^English/) });
    expect(badge({ _id: 'a' })).toMatchObject({ label: 'EN' });
    expect(badge(null, { _id: 'drafts.a', language: 'es' })).toMatchObject({ label: 'ES' });
  });
});

describe('navigation', () => {
  const [source] = workspace.unstable_sources;
  if (!source) throw new Error('The workspace has no source');
  const S = createStructureBuilder({ source, perspectiveStack: [] });
  /** What the Content Lake holds, drafts included, for the lists that ask it first. */
  let lake: Record<string, unknown>[] = [];
  const context = {
    getClient: () => ({
      fetch: async (query: string, params: Record<string, unknown>) =>
        (await evaluate(parse(query, { params }), { dataset: lake, params })).get(),
    }),
  } as unknown as StructureResolverContext;
  const root = structure(S, context) as ReturnType<typeof S.list>;
  const list = root.serialize();
  /** The list item at `index` of `parent`, or the one with id `index`. */
  const itemOf = (parent: ReturnType<typeof S.list>, index: number | string) => {
    const at = typeof index === 'number' ? index : parent.serialize().items.findIndex((candidate) => candidate.id === index);
    const item = parent.getItems()?.[at];
    if (!item) throw new Error(`No item ${index}`);
    return item as ReturnType<typeof S.listItem>;
  };

  test('contact details, language assistance and search settings, then articles, staff and topics, in that order', () => {
    expect(list.items.map((item) => item.id)).toEqual([
      contactDetailsId,
      languageAssistanceId,
      searchSettingsId,
      expect.any(String),
      'articles',
      'staff',
      'topics',
    ]);
    expect(list.items[3]?.type).toBe('divider');
  });

  test('each singleton opens the one document with its fixed id', () => {
    for (const [id, type] of [
      [contactDetailsId, 'contactDetails'],
      [languageAssistanceId, 'languageAssistance'],
      [searchSettingsId, 'searchSettings'],
    ]) {
      const child = (itemOf(root, id as string).getChild() as ReturnType<typeof S.document>).serialize();
      expect(child.options).toMatchObject({ id, type });
    }
  });

  /** The list a language's item under `section` opens, e.g. Staff → Español. */
  const inLanguage = (section: string, language: string) =>
    itemOf(itemOf(root, section).getChild() as ReturnType<typeof S.list>, language).getChild();

  /** The ids of `documents` a document list shows. */
  const shown = async (documentList: ReturnType<typeof S.documentList>, documents: Record<string, unknown>[]) => {
    const { filter, params = {} } = documentList.serialize().options;
    return (await evaluate(parse(`*[${filter}]._id`, { params }), { dataset: documents, params })).get();
  };

  test('articles, staff and topics are each listed by language: English, then Español', () => {
    for (const section of ['articles', 'staff', 'topics']) {
      const byLanguage = (itemOf(root, section).getChild() as ReturnType<typeof S.list>).serialize();
      expect(
        byLanguage.items.map((item) => item.id),
        section,
      ).toEqual(['en', 'es']);
      expect(
        byLanguage.items.map((item) => (item as { title?: string }).title),
        section,
      ).toEqual(['English', 'Español']);
    }
  });

  test('a language list shows that language only (no language is English), and creates documents in it', async () => {
    const documents = [
      { _id: 'old', _type: 'staffMember' },
      { _id: 'en', _type: 'staffMember', language: 'en' },
      { _id: 'es', _type: 'staffMember', language: 'es' },
      { _id: 'topic-es', _type: 'topic', language: 'es' },
    ];
    const staff = (language: string) => inLanguage('staff', language) as ReturnType<typeof S.documentList>;
    expect(await shown(staff('en'), documents)).toEqual(['old', 'en']);
    expect(await shown(staff('es'), documents)).toEqual(['es']);
    // Its filter names the API version it is written for: without one, Sanity warns that it will refuse it.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    staff('es').serialize();
    const warnings = warn.mock.calls.map((call) => call.join(' '));
    // Put back before asserting: the unit files share this process's console.
    warn.mockRestore();
    expect(warnings).toEqual([]);
    expect(
      staff('es')
        .serialize()
        .initialValueTemplates?.map((item) => item.templateId),
    ).toEqual(['staffMember-es']);
    expect(await shown(inLanguage('topics', 'es') as ReturnType<typeof S.documentList>, documents)).toEqual(['topic-es']);
  });

  test('articles of each language: all, by topic, scheduled, due for clinical review', async () => {
    for (const language of ['en', 'es']) {
      const articles = inLanguage('articles', language) as ReturnType<typeof S.list>;
      expect(articles.serialize().items.map((item) => item.id)).toEqual(['all', 'by-topic', 'scheduled', 'due-for-review']);
    }
    const spanish = inLanguage('articles', 'es') as ReturnType<typeof S.list>;
    const due = itemOf(spanish, 'due-for-review').getChild() as () => Promise<ReturnType<typeof S.documentList>>;
    // Never reviewed first, then the oldest review; rows show the last review (the detail layout).
    expect((await due()).serialize().options.defaultOrdering?.[0]).toEqual({ field: 'reviewedAt', direction: 'asc', nulls: 'first' });
    expect((await due()).serialize().defaultLayout).toBe('detail');
    const documents = [
      { _id: 'en-never', _type: 'article' },
      { _id: 'es-never', _type: 'article', language: 'es' },
      { _id: 'es-recent', _type: 'article', language: 'es', reviewedAt: '2999-01-01' },
    ];
    lake = documents;
    expect(await shown(await due(), documents)).toEqual(['es-never']);
    const all = itemOf(spanish, 'all').getChild() as ReturnType<typeof S.documentList>;
    expect(await shown(all, documents)).toEqual(['es-never', 'es-recent']);
    const byTopic = itemOf(spanish, 'by-topic').getChild() as ReturnType<typeof S.documentList>;
    expect(
      await shown(byTopic, [
        { _id: 't-en', _type: 'topic' },
        { _id: 't-es', _type: 'topic', language: 'es' },
      ]),
    ).toEqual(['t-es']);
  });

  test('"Scheduled" and "Due for clinical review" follow the published articles, not the drafts', async () => {
    const english = inLanguage('articles', 'en') as ReturnType<typeof S.list>;
    const day = 24 * 3600 * 1000;
    const at = (days: number) => new Date(Date.now() + days * day).toISOString();
    lake = [
      { _id: 'later', _type: 'article', publishedAt: at(2), reviewedAt: '2999-01-01' },
      { _id: 'soon', _type: 'article', publishedAt: at(1), reviewedAt: '2999-01-01' },
      { _id: 'live', _type: 'article', publishedAt: at(-1) },
      // A review date (here not even a date) and a new time typed into drafts change nothing until published.
      { _id: 'drafts.live', _type: 'article', publishedAt: at(3), reviewedAt: 'tomorrow' },
      { _id: 'drafts.never-published', _type: 'article', publishedAt: at(1) },
      { _id: 'es-soon', _type: 'article', language: 'es', publishedAt: at(1) },
    ];
    const scheduled = await (itemOf(english, 'scheduled').getChild() as () => Promise<ReturnType<typeof S.documentList>>)();
    expect(await shown(scheduled, lake)).toEqual(['later', 'soon']);
    expect(scheduled.serialize().options.defaultOrdering).toEqual([{ field: 'publishedAt', direction: 'asc' }]);
    const due = await (itemOf(english, 'due-for-review').getChild() as () => Promise<ReturnType<typeof S.documentList>>)();
    expect(await shown(due, lake)).toEqual(['live']);
  });

  test('staff in directory order', () => {
    for (const language of ['en', 'es']) {
      const staff = (inLanguage('staff', language) as ReturnType<typeof S.documentList>).serialize();
      expect(staff.options.defaultOrdering).toEqual([
        { field: 'order', direction: 'asc' },
        { field: 'name', direction: 'asc' },
      ]);
    }
  });
});
