import { fileURLToPath } from 'node:url';
import { createClient, type SanityClient } from '@sanity/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlesQuery } from '../../schemas/queries.ts';
import {
  type ContentLakeStandIn,
  readExportDocuments,
  startContentLakeStandIn,
} from '../support/content-lake-stand-in.ts';

const sampleDataset = fileURLToPath(new URL('../../sample-dataset/', import.meta.url));

const article = (id: string, title: string) => ({
  _id: id,
  _type: 'article',
  title,
  slug: { _type: 'slug', current: id.replace(/^drafts\./, '') },
});

describe('Content Lake stand-in, through @sanity/client', () => {
  let lake: ContentLakeStandIn;
  let anonymous: SanityClient;
  let reader: SanityClient;
  let editor: SanityClient;

  beforeAll(async () => {
    lake = await startContentLakeStandIn({
      documents: [
        { ...article('a1', 'Published one'), _createdAt: '2024-01-01T00:00:00Z', _updatedAt: '2024-01-01T00:00:00Z', _rev: 'r1' },
        article('drafts.a1', 'Draft of one'),
        article('drafts.a2', 'Never published'),
        article('versions.r1.a1', 'In a release'),
      ],
    });
    anonymous = createClient({ ...lake.clientConfig(), perspective: 'published' });
    reader = createClient(lake.clientConfig({ token: lake.readToken }));
    editor = createClient(lake.clientConfig({ token: lake.writeToken }));
  });
  afterAll(async () => {
    await lake.close();
  });

  it('answers published documents only, by default and with perspective published', async () => {
    const titles = await anonymous.fetch<string[]>('*[_type == "article"] | order(title).title');
    expect(titles).toEqual(['Published one']);
    expect(await reader.fetch('count(*)')).toBe(1);
    expect(await anonymous.fetch('*[_id in path("drafts.**")]')).toEqual([]);
  });

  it('passes parameters and answers the raw response shape', async () => {
    const raw = await anonymous.fetch('*[_id == $id][0]{title}', { id: 'a1' }, { filterResponse: false });
    expect(raw).toMatchObject({ result: { title: 'Published one' }, query: '*[_id == $id][0]{title}' });
    expect(typeof raw.ms).toBe('number');
    const lastQuery = lake.requests.at(-1);
    expect(lastQuery).toMatchObject({ method: 'GET', endpoint: 'query', params: { id: 'a1' }, perspective: 'published' });
  });

  it('sends long queries as POST with a JSON body', async () => {
    const padding = ' '.repeat(12_000);
    const count = await anonymous.fetch(`count(*[_type == $type${padding}])`, { type: 'article' });
    expect(count).toBe(1);
    expect(lake.requests.at(-1)).toMatchObject({ method: 'POST', endpoint: 'query', params: { type: 'article' } });
  });

  it('refuses the raw and drafts perspectives without a token, as Sanity does', async () => {
    await expect(anonymous.fetch('*', {}, { perspective: 'raw' })).rejects.toMatchObject({ statusCode: 401 });
    await expect(anonymous.fetch('*', {}, { perspective: 'drafts' })).rejects.toMatchObject({ statusCode: 401 });
    const stranger = createClient(lake.clientConfig({ token: 'not-a-token' }));
    await expect(stranger.fetch('*')).rejects.toMatchObject({ statusCode: 401 });
  });

  it('shows drafts and versions to a token', async () => {
    const raw = await reader.fetch<string[]>('*[_type == "article"]._id', {}, { perspective: 'raw' });
    expect(raw.sort()).toEqual(['a1', 'drafts.a1', 'drafts.a2', 'versions.r1.a1']);
    const drafts = await reader.fetch<{ _id: string; title: string }[]>(
      '*[_type == "article"] | order(_id) {_id, title, _originalId}',
      {},
      { perspective: 'drafts' },
    );
    expect(drafts).toEqual([
      { _id: 'a1', title: 'Draft of one', _originalId: 'drafts.a1' },
      { _id: 'a2', title: 'Never published', _originalId: 'drafts.a2' },
    ]);
  });

  it('reports a GROQ syntax error as a query parse error', async () => {
    await expect(anonymous.fetch('*[_type == ]')).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('GROQ query parse error'),
    });
  });

  it('runs mutations with a write token and maintains _rev and the timestamps', async () => {
    const created = await editor.create({ _id: 't1', _type: 'topic', title: 'Sleep' });
    expect(created).toMatchObject({ _id: 't1', _type: 'topic', title: 'Sleep' });
    expect(created._rev).toMatch(/^\w{22}$/);
    expect(created._createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created._updatedAt).toBe(created._createdAt);

    const patched = await editor.patch('t1').set({ 'seo.title': 'Sleep and recovery' }).unset(['title']).commit();
    expect(patched).toMatchObject({ _id: 't1', seo: { title: 'Sleep and recovery' }, _createdAt: created._createdAt });
    expect(patched).not.toHaveProperty('title');
    expect(patched._rev).not.toBe(created._rev);

    const transaction = await editor
      .transaction()
      .createIfNotExists({ _id: 't1', _type: 'topic', title: 'ignored' })
      .createOrReplace({ _id: 't2', _type: 'topic', title: 'Family' })
      .delete('t1')
      .commit({ returnDocuments: false });
    expect(transaction.results).toEqual([
      { id: 't1', operation: 'none' },
      { id: 't2', operation: 'create' },
      { id: 't1', operation: 'delete' },
    ]);
    expect(transaction.transactionId).toBe(lake.getDocument('t2')?._rev);
    expect(lake.getDocument('t1')).toBeUndefined();
  });

  it('applies a transaction whole or not at all', async () => {
    await expect(
      editor.transaction().create({ _id: 't3', _type: 'topic', title: 'x' }).create({ _id: 't2', _type: 'topic', title: 'y' }).commit(),
    ).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('already exists') });
    expect(lake.getDocument('t3')).toBeUndefined();
  });

  it('refuses mutations without a token (401) and with a read token (403)', async () => {
    await expect(anonymous.create({ _type: 'topic', title: 'x' })).rejects.toMatchObject({ statusCode: 401 });
    await expect(reader.create({ _type: 'topic', title: 'x' })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('publishes a draft as one transaction: the draft replaces the published document and is deleted', async () => {
    const before = lake.getDocument('a1');
    const result = await lake.publish('a1');
    const published = lake.getDocument('a1');
    expect(published).toMatchObject({ _id: 'a1', title: 'Draft of one', _createdAt: before?._createdAt, _rev: result.transactionId });
    expect(published?._updatedAt).not.toBe(before?._updatedAt);
    expect(lake.getDocument('drafts.a1')).toBeUndefined();
    expect(result.changes.map((change) => change.id)).toEqual(['a1', 'drafts.a1']);
    expect(await anonymous.fetch('*[_id == "a1"][0].title')).toBe('Draft of one');
  });

  it('publishes through the Actions API as the Studio does', async () => {
    await editor.action({ actionType: 'sanity.action.document.publish', draftId: 'drafts.a2', publishedId: 'a2' });
    expect(await anonymous.fetch('*[_id == "a2"][0].title')).toBe('Never published');
    expect(lake.getDocument('drafts.a2')).toBeUndefined();
  });

  it('answers 429 and 5xx on request, for retry tests', async () => {
    lake.failNextRequests(1, 503);
    const impatient = createClient({ ...lake.clientConfig(), maxRetries: 0 });
    await expect(impatient.fetch('count(*)')).rejects.toMatchObject({ statusCode: 503 });
    expect(await impatient.fetch('count(*)')).toBeGreaterThan(0);
  });
});

describe('Content Lake stand-in holding the sample dataset', () => {
  let lake: ContentLakeStandIn;
  beforeAll(async () => {
    lake = await startContentLakeStandIn({ exportPath: sampleDataset });
  });
  afterAll(async () => {
    await lake.close();
  });

  it('answers the site queries with the published documents of the export', async () => {
    const exported = readExportDocuments(sampleDataset);
    const published = exported.filter((doc) => doc._type === 'article' && !doc._id.includes('.'));
    const client = createClient(lake.clientConfig({ token: lake.readToken }));
    const articles = await client.fetch<{ _id: string }[]>(articlesQuery);
    expect(articles.map((doc) => doc._id).sort()).toEqual(published.map((doc) => doc._id).sort());
  });

  it('holds the export as an import leaves it: image fields reference sanity.imageAsset documents', async () => {
    expect(JSON.stringify(lake.documents())).not.toContain('_sanityAsset');
    const client = createClient(lake.clientConfig());
    const images = await client.fetch<{ ref: string; url: string; width: number }[]>(
      '*[_type == "article" && defined(mainImage)]{"ref": mainImage.asset._ref, "url": mainImage.asset->url, "width": mainImage.asset->metadata.dimensions.width}',
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const [, sha1, width, height, extension] = /^image-([a-f0-9]+)-(\d+)x(\d+)-(\w+)$/.exec(image.ref) ?? [];
      expect(image.url).toBe(`https://cdn.sanity.io/images/${lake.projectId}/${lake.dataset}/${sha1}-${width}x${height}.${extension}`);
      expect(image.width).toBe(Number(width));
    }
  });

  it('serves the image files at the CDN path, for browser tests to route to', async () => {
    const client = createClient(lake.clientConfig());
    const url = await client.fetch<string>('*[_type == "sanity.imageAsset"][0].url');
    const response = await fetch(`${url.replace('https://cdn.sanity.io', lake.url)}?w=640&auto=format`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);
    expect((await fetch(`${lake.url}/images/${lake.projectId}/${lake.dataset}/missing-1x1.png`)).status).toBe(404);
  });
});
