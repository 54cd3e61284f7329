import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDocuments, articlesQuery, documentQueries, staffMembersQuery } from '../../schemas/queries.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { readContentEnv } from '../../schemas/settings.ts';
import { createFileSource } from '../../site/lib/content/sources/file-source.ts';
import { openContentSource, sampleDatasetPath } from '../../site/lib/content/sources/index.ts';
import { fixtureDocuments, spanish, writeExport } from '../fixtures/fixture-dataset.ts';

const ids = (documents: unknown) => (documents as { _id: string }[]).map((doc) => doc._id).sort();

describe('file mode reads every shape `sanity dataset export` writes', () => {
  for (const shape of ['tarball', 'folder', 'ndjson'] as const) {
    it(`reads a ${shape} and answers the GROQ queries with published documents only`, async () => {
      const path = await writeExport(fixtureDocuments(), shape);
      const source = await createFileSource(path, 'file');
      const articles = ids(await source.fetch(articlesQuery, allDocuments));
      expect(articles).toContain('article-harbour-lights');
      expect(articles).toHaveLength(15);
      expect(articles.some((id) => id.startsWith('drafts.') || id.startsWith('versions.'))).toBe(false);
      const titles = ((await source.fetch(articlesQuery, allDocuments)) as { title: string }[]).map((doc) => doc.title);
      expect(titles).not.toContain('DRAFT TITLE that must never be published');
      expect(titles).not.toContain('RELEASE VERSION that must never be published');
      expect(titles).not.toContain(spanish.draftOnly.title);
      expect(source.images.kind).toBe('files');
    });
  }

  it('finds data.ndjson at the top of a folder as well as in its export subfolder', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const source = await createFileSource(join(folder, '..'), 'file');
    expect(ids(await source.fetch(staffMembersQuery, allDocuments))).toEqual(['staff-rowan-achterberg', 'staff-rowan-achterberg-es', 'staff-team']);
  });

  it('names the line of an export that is not valid JSON', async () => {
    const file = await writeExport(fixtureDocuments(), 'ndjson');
    writeFileSync(file, '{"_id":"a","_type":"topic"}\n{not json\n');
    await expect(createFileSource(file, 'file')).rejects.toThrow(/data\.ndjson line 2: not valid JSON/);
  });

  it('says what is wrong with a missing or unreadable export', async () => {
    await expect(createFileSource('/nonexistent/export.tar.gz', 'file')).rejects.toThrow(/does not exist \(SANITY_EXPORT_FILE\)/);
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const bogus = join(folder, 'assets.json');
    await expect(createFileSource(bogus, 'file')).rejects.toThrow(/expected an export folder, a \.tar\.gz export or an \.ndjson file/);
  });
});

describe('choosing the content source from the environment', () => {
  it('reads the committed sample dataset by default, and it is valid', async () => {
    const source = await openContentSource(readContentEnv({}));
    expect(source.mode).toBe('default');
    expect(source.images).toEqual({ kind: 'files', root: sampleDatasetPath.replace(/\/$/, '') });
    const raw: Partial<RawDataset> = {};
    for (const type of documentTypes) raw[type] = (await source.fetch(documentQueries[type], allDocuments)) as unknown[];
    const dataset = validateDataset(raw as RawDataset, source.description);
    expect(dataset.article.length).toBeGreaterThanOrEqual(12);
    expect(dataset.staffMember.length).toBeGreaterThanOrEqual(6);
    expect(dataset.topic.length).toBeGreaterThanOrEqual(4);
    expect(dataset.contactDetails[0]?.organizationName).toBe('Massachusetts Center for Addiction');
  });

  it('uses file mode when SANITY_EXPORT_FILE is set', async () => {
    const path = await writeExport(fixtureDocuments(), 'ndjson');
    const source = await openContentSource(readContentEnv({ SANITY_EXPORT_FILE: path }));
    expect(source.mode).toBe('file');
  });

  it('uses live mode when SANITY_PROJECT_ID is set, with the CDN for images', async () => {
    const source = await openContentSource(readContentEnv({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'staging' }));
    expect(source.mode).toBe('live');
    expect(source.images).toEqual({ kind: 'cdn', projectId: 'abc123', dataset: 'staging' });
    expect(source.description).not.toMatch(/token/i);
  });

  it('names every invalid variable', () => {
    expect(() => readContentEnv({ SANITY_PROJECT_ID: 'Not A Project', SANITY_API_VERSION: 'yesterday' })).toThrow(
      /SANITY_PROJECT_ID: must be a Sanity project id[\s\S]*SANITY_API_VERSION: must be a date/,
    );
  });
});
