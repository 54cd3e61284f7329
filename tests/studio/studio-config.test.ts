/**
 * The Studio as configured in `studio/sanity.config.ts`: the schema compiles cleanly, editors get
 * exactly the rich text the site renders, singletons cannot be created, copied or removed, and the
 * navigation holds the lists editors work from.
 */
import { describe, expect, test } from 'vitest';
import type { ArraySchemaType, BlockSchemaType, ObjectSchemaType, PreviewConfig } from 'sanity';
import { createStructureBuilder, type StructureResolverContext } from 'sanity/structure';
import { contactDetailsId, portableTextModel, searchSettingsId } from '../../schemas/rules.ts';
import { article } from '../../schemas/sanity/documents/article.ts';
import { staffMember } from '../../schemas/sanity/documents/staff-member.ts';
import { schemaTypes } from '../../schemas/sanity/index.ts';
import { callout } from '../../schemas/sanity/objects/callout.ts';
import { pullQuote } from '../../schemas/sanity/objects/pull-quote.ts';
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

  test('article: title, author and date, image', () => {
    const media = { asset: { _ref: 'image-1' } };
    expect(prepare(article.preview, { title: 'First steps', author: 'MCA Staff', date: '2025-03-04T14:00:00Z', media })).toEqual({
      title: 'First steps',
      subtitle: 'MCA Staff · 2025-03-04',
      media,
    });
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

  test('every document and object type has an icon', () => {
    for (const type of schemaTypes) {
      if (type.type === 'document' || type.type === 'object') expect((type as { icon?: unknown }).icon, type.name).toBeDefined();
    }
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

describe('contact details and search settings are singletons', () => {
  test('no template creates it', () => {
    for (const singleton of ['contactDetails', 'searchSettings']) {
      expect(workspace.templates.map((template) => template.schemaType)).not.toContain(singleton);
      const options = workspace.document.resolveNewDocumentOptions({ type: 'global' });
      expect(options.map((option) => option.templateId)).not.toContain(singleton);
    }
    const options = workspace.document.resolveNewDocumentOptions({ type: 'global' });
    expect(options.map((option) => option.templateId)).toEqual(expect.arrayContaining(['article', 'staffMember', 'topic']));
  });

  test('its only actions are publish, discard changes and restore', () => {
    const actions = workspace.document.actions({ schemaType: 'contactDetails', documentId: contactDetailsId, releaseId: undefined, versionType: 'draft' });
    expect(actions.map((action) => action.action).sort()).toEqual(['discardChanges', 'publish', 'restore']);
  });

  test('articles and staff can be opened on the site; topics have no page of their own here', () => {
    const names = (schemaType: string) =>
      workspace.document.actions({ schemaType, documentId: 'x', releaseId: undefined, versionType: 'draft' }).map((action) => action.action ?? action.displayName);
    expect(names('article')).toContain('OpenOnSite');
    expect(names('staffMember')).toContain('OpenOnSite');
    expect(names('article')).toEqual(expect.arrayContaining(['publish', 'delete', 'duplicate']));
    expect(names('topic')).not.toContain('OpenOnSite');
  });
});

describe('navigation', () => {
  const [source] = workspace.unstable_sources;
  if (!source) throw new Error('The workspace has no source');
  const S = createStructureBuilder({ source, perspectiveStack: [] });
  const root = structure(S, {} as StructureResolverContext) as ReturnType<typeof S.list>;
  const list = root.serialize();
  /** The list item at `index` of `parent`, or the one with id `index`. */
  const itemOf = (parent: ReturnType<typeof S.list>, index: number | string) => {
    const at = typeof index === 'number' ? index : parent.serialize().items.findIndex((candidate) => candidate.id === index);
    const item = parent.getItems()?.[at];
    if (!item) throw new Error(`No item ${index}`);
    return item as ReturnType<typeof S.listItem>;
  };

  test('contact details and search settings, then articles, staff and topics, in that order', () => {
    expect(list.items.map((item) => item.id)).toEqual([contactDetailsId, searchSettingsId, expect.any(String), 'articles', 'staff', 'topics']);
    expect(list.items[2]?.type).toBe('divider');
  });

  test('each singleton opens the one document with its fixed id', () => {
    const child = (itemOf(root, contactDetailsId).getChild() as ReturnType<typeof S.document>).serialize();
    expect(child.options).toMatchObject({ id: contactDetailsId, type: 'contactDetails' });
    const settings = (itemOf(root, searchSettingsId).getChild() as ReturnType<typeof S.document>).serialize();
    expect(settings.options).toMatchObject({ id: searchSettingsId, type: 'searchSettings' });
  });

  test('articles: all, by topic, due for clinical review', () => {
    const articles = itemOf(root, 'articles').getChild() as ReturnType<typeof S.list>;
    expect(articles.serialize().items.map((item) => item.id)).toEqual(['all', 'by-topic', 'due-for-review']);
    const due = itemOf(articles, 2).getChild() as () => ReturnType<typeof S.documentList>;
    const options = due().serialize().options;
    expect(options.filter).toContain('reviewedAt < $cutoff');
    expect(options.params?.['cutoff']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('staff in directory order', () => {
    const staff = (itemOf(root, 'staff').getChild() as ReturnType<typeof S.documentTypeList>).serialize();
    expect(staff.options.defaultOrdering).toEqual([
      { field: 'order', direction: 'asc' },
      { field: 'name', direction: 'asc' },
    ]);
  });
});
