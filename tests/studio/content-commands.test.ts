/**
 * `npm run content:import` and `npm run content:export`: their pure parts, the import against a fake
 * client (the Content Lake stand-in takes no asset uploads), and the export end to end against the
 * stand-in, read back by the file-mode build's own reader.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientConfig, createClient, type SanityClient } from '@sanity/client';
import { afterAll, describe, expect, test } from 'vitest';
import { allDocuments, articlesQuery, topicsQuery } from '../../schemas/queries.ts';
import {
  clientConfigFor,
  type ContentTarget,
  createContentClient,
  describeRequestError,
  readContentTarget,
} from '../../scripts/content-client.ts';
import { exportContent, parseExportArgs, publishedOnly } from '../../scripts/content-export.ts';
import {
  collectExportedImages,
  exportFolderName,
  readExport,
  type SanityDocument,
  toNdjson,
  withAssetReferences,
  withExportedImages,
  writeExport,
} from '../../scripts/content-files.ts';
import { importContent, parseImportArgs, refusal, sampleDatasetPath } from '../../scripts/content-import.ts';
import { parseExportedImage, parseImageAssetId } from '../../site/lib/content/sources/asset-names.ts';
import { createFileSource } from '../../site/lib/content/sources/file-source.ts';
import { startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { baseDocuments } from './corpus/index.ts';
import { fixtureDocuments, pictures, writeExport as writeFixtureExport } from '../fixtures/fixture-dataset.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mca-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const target: ContentTarget = {
  projectId: 'abc123',
  dataset: 'production',
  apiVersion: '2025-02-19',
  token: 'secret',
  apiHost: undefined,
};

describe('settings', () => {
  test('the Studio variables stand in for the build ones; the dataset defaults to production', () => {
    expect(readContentTarget({ SANITY_STUDIO_PROJECT_ID: 'abc123', SANITY_API_WRITE_TOKEN: 't' }, 'write')).toEqual({
      projectId: 'abc123',
      dataset: 'production',
      apiVersion: '2025-02-19',
      token: 't',
      apiHost: undefined,
    });
    expect(readContentTarget({ SANITY_PROJECT_ID: 'p1', SANITY_DATASET: 'staging', SANITY_STUDIO_DATASET: 'x' }, 'read')).toMatchObject({
      projectId: 'p1',
      dataset: 'staging',
      token: undefined,
    });
  });

  test('everything missing is named at once', () => {
    expect(() => readContentTarget({}, 'write')).toThrow(/SANITY_PROJECT_ID: is not set[\s\S]*SANITY_API_WRITE_TOKEN: is not set/);
    expect(() => readContentTarget({ SANITY_PROJECT_ID: 'Not An Id', SANITY_API_HOST: 'nope' }, 'read')).toThrow(
      /SANITY_PROJECT_ID: must be a Sanity project id[\s\S]*SANITY_API_HOST: must be a URL/,
    );
  });

  test('the client is built from the target, and a custom host takes the project in a header', () => {
    expect(clientConfigFor(target)).toEqual({
      projectId: 'abc123',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      token: 'secret',
    });
    const seen: ClientConfig[] = [];
    createContentClient({ ...target, apiHost: 'http://127.0.0.1:4000' }, (config) => {
      seen.push(config);
      return {} as SanityClient;
    });
    expect(seen).toEqual([expect.objectContaining({ apiHost: 'http://127.0.0.1:4000', useProjectHostname: false })]);
  });

  test('request errors say what to check', () => {
    expect(describeRequestError({ statusCode: 401 }, target)).toMatch(/refused .*HTTP 401.*check the token/);
    expect(describeRequestError({ statusCode: 404 }, target)).toMatch(/SANITY_PROJECT_ID and SANITY_DATASET/);
    expect(describeRequestError(new Error('fetch failed'), target)).toMatch(/Cannot reach .*fetch failed/);
  });

  test('arguments', () => {
    expect(parseImportArgs([])).toEqual({ source: sampleDatasetPath, replace: false });
    expect(parseImportArgs(['export.tar.gz', '--replace'])).toEqual({ source: 'export.tar.gz', replace: true });
    expect(() => parseImportArgs(['--force'])).toThrow(/Usage: npm run content:import/);
    const now = new Date('2026-03-15T10:00:00.000Z');
    expect(parseExportArgs([], now, 'production')).toEqual({ out: 'exports/production-export-2026-03-15t10-00-00-000z.tar.gz' });
    expect(parseExportArgs(['--out', 'snap.tar.gz'], now, 'production')).toEqual({ out: 'snap.tar.gz' });
  });
});

describe('export files', () => {
  const sanityAsset = 'image@file://./images/0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5-600x400.png';
  const assetId = 'image-0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5-600x400-png';

  test('an exported image and its asset id are two spellings of one file', () => {
    expect(parseExportedImage(sanityAsset)).toMatchObject({
      file: 'images/0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5-600x400.png',
      assetId,
      metaKey: 'image-0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5',
      width: 600,
      height: 400,
    });
    expect(parseImageAssetId(assetId)).toEqual(parseExportedImage(sanityAsset));
    expect(parseExportedImage('file@file://./files/a.pdf')).toBeUndefined();
  });

  test('images go from export paths to asset references and back, nested ones too', () => {
    const exported: SanityDocument = {
      _id: 'a1',
      _type: 'article',
      mainImage: { _type: 'image', _sanityAsset: sanityAsset, alt: 'A' },
      body: [{ _type: 'image', _key: 'k', _sanityAsset: sanityAsset, alt: 'B' }],
    };
    expect(collectExportedImages([exported]).map((image) => image.assetId)).toEqual([assetId]);
    const imported = withAssetReferences([exported], new Map([[assetId, assetId]]));
    expect(imported[0]?.['mainImage']).toEqual({ _type: 'image', alt: 'A', asset: { _type: 'reference', _ref: assetId } });
    const back = withExportedImages(imported);
    expect(back.documents).toEqual([exported].map((doc) => JSON.parse(JSON.stringify(doc))));
    expect(back.images.map((image) => image.file)).toEqual(['images/0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5-600x400.png']);
    expect(() => collectExportedImages([{ _id: 'x', _type: 'article', file: { _sanityAsset: 'file@file://./files/a.pdf' } }])).toThrow(
      /no field for/,
    );
  });

  test('drafts and versions are never published content', () => {
    const docs = [{ _id: 'a' }, { _id: 'drafts.a' }, { _id: 'versions.r1.a' }];
    expect(publishedOnly(docs)).toEqual([{ _id: 'a' }]);
  });

  test('a written tarball reads back: one top folder with data.ndjson, assets.json and images/', async () => {
    const out = join(scratch, 'roundtrip.tar.gz');
    const documents: SanityDocument[] = [{ _id: 't1', _type: 'topic', title: 'Family', slug: { _type: 'slug', current: 'family' } }];
    const name = exportFolderName('production', new Date('2026-03-15T10:00:00Z'));
    await writeExport(out, name, { documents, assets: {}, files: new Map([['images/x-1x1.png', new Uint8Array([1, 2, 3])]]) });
    const back = await readExport(out);
    try {
      expect(back.documents).toEqual(documents);
      expect(back.folder.endsWith(name)).toBe(true);
      expect(readdirSync(back.folder).sort()).toEqual(['assets.json', 'data.ndjson', 'images']);
    } finally {
      back.cleanup();
    }
  });
});

/** A client that records what an import does, for a dataset that holds `existing` documents. */
function recordingClient(existing: number) {
  const uploads: string[] = [];
  const mutations: Array<[string, SanityDocument]> = [];
  const transaction = {
    create(doc: SanityDocument) {
      mutations.push(['create', doc]);
      return transaction;
    },
    createOrReplace(doc: SanityDocument) {
      mutations.push(['createOrReplace', doc]);
      return transaction;
    },
    commit: async () => ({ results: [] }),
  };
  const client = {
    fetch: async (query: string) => {
      expect(query).toBe('count(*[!(_id in path("_.**"))])');
      return existing;
    },
    assets: {
      upload: async (_type: string, _body: Buffer, options: { filename: string }) => {
        uploads.push(options.filename);
        const sha1 = `${uploads.length}`.padStart(40, '0');
        return { _id: `image-${sha1}-10x10-svg` };
      },
    },
    transaction: () => transaction,
  };
  return { client: client as unknown as SanityClient, uploads, mutations };
}

describe('content:import', () => {
  test('the sample dataset into an empty dataset: images uploaded, every document created with asset references', async () => {
    const { client, uploads, mutations } = recordingClient(0);
    const source = await readExport(sampleDatasetPath);
    const summary = await importContent(client, target, source, { replace: false });
    expect(summary.documents).toHaveLength(source.documents.length);
    expect(summary.documents.filter((doc) => doc._type === 'contactDetails')).toHaveLength(1);
    expect(uploads.length).toBe(summary.images);
    expect(uploads.length).toBeGreaterThan(0);
    expect(uploads.every((name) => name.endsWith('.svg'))).toBe(true);
    expect(mutations.every(([kind]) => kind === 'create')).toBe(true);
    const written = JSON.stringify(mutations.map(([, doc]) => doc));
    expect(written).not.toContain('_sanityAsset');
    expect(written).toContain('"_ref":"image-0000000000000000000000000000000000000001-10x10-svg"');
  });

  test('uploads nothing when an exported image is not the image its name says', async () => {
    const documents = fixtureDocuments();
    const folder = await writeFixtureExport(documents, 'folder');
    writeFileSync(join(folder, 'images', pictures.staff.name), '<html><script>alert(document.domain)</script></html>');
    const { client, uploads, mutations } = recordingClient(0);
    await expect(importContent(client, target, await readExport(folder), { replace: false })).rejects.toThrow(
      `images/${pictures.staff.name} is not an SVG image: its content is no image format the site publishes`,
    );
    expect(uploads).toEqual([]);
    expect(mutations).toEqual([]);
  });

  test('refuses a dataset that is not empty, unless --replace', async () => {
    const source = await readExport(sampleDatasetPath);
    const refused = recordingClient(3);
    await expect(importContent(refused.client, target, source, { replace: false })).rejects.toThrow(
      /already holds 3 documents\. Run again with --replace/,
    );
    expect(refused.uploads).toEqual([]);
    expect(refused.mutations).toEqual([]);
    const replaced = recordingClient(3);
    await importContent(replaced.client, target, source, { replace: true });
    expect(replaced.mutations.length).toBe(source.documents.length);
    expect(replaced.mutations.every(([kind]) => kind === 'createOrReplace')).toBe(true);
    expect(refusal(1, false, target)).toMatch(/holds 1 document\./);
  });

  test('against the Content Lake stand-in: documents land, and a second run is refused', async () => {
    const lake = await startContentLakeStandIn({ documents: [] });
    try {
      const file = join(scratch, 'base.ndjson');
      writeFileSync(file, toNdjson(baseDocuments.filter((doc) => !doc._type.startsWith('sanity.'))));
      const client = createClient(lake.clientConfig({ token: lake.writeToken }));
      const standIn = { ...target, projectId: lake.projectId, apiHost: lake.url };
      await importContent(client, standIn, await readExport(file), { replace: false });
      expect(lake.getDocument('staff-author')).toMatchObject({ name: 'MCA Staff' });
      await expect(importContent(client, standIn, await readExport(file), { replace: false })).rejects.toThrow(/--replace/);
      await importContent(client, standIn, await readExport(file), { replace: true });
    } finally {
      await lake.close();
    }
  });
});

function firstArticle(documents: ReadonlyArray<{ _id: string; _type?: string }>): { _id: string; _type: string } {
  const found = documents.find((doc) => doc._type === 'article' && !doc._id.includes('.'));
  if (!found) throw new Error('the sample dataset has no article');
  return { ...found, _type: 'article' };
}

describe('content:export against the Content Lake stand-in', () => {
  test('published documents and their images, in a tarball the file-mode build reads', async () => {
    const lake = await startContentLakeStandIn({ exportPath: sampleDatasetPath });
    try {
      // A draft of an existing article and a draft-only article, neither of which may be exported.
      await lake.mutate([
        { create: { _id: 'drafts.article-draft-only', _type: 'article', title: 'Not ready' } },
        { createOrReplace: { ...firstArticle(lake.documents()), _id: 'drafts.peek', title: 'Draft title' } },
      ]);
      const client = createClient(lake.clientConfig({ token: lake.readToken }));
      const out = join(scratch, 'snapshot.tar.gz');
      const summary = await exportContent(
        client,
        { ...target, projectId: lake.projectId, apiHost: lake.url },
        {
          out,
          now: new Date('2026-03-15T10:00:00Z'),
          imageHost: lake.url,
        },
      );
      expect(summary.problems).toEqual([]);
      expect(summary.images).toBeGreaterThan(0);

      const source = await readExport(out);
      try {
        expect(source.documents.some((doc) => doc._id.includes('.'))).toBe(false);
        expect(JSON.stringify(source.documents)).not.toContain('Draft title');
        expect(source.documents.some((doc) => doc._type.startsWith('sanity.'))).toBe(false);
        for (const image of collectExportedImages(source.documents)) {
          expect(existsSync(join(source.folder, image.file)), image.file).toBe(true);
        }
      } finally {
        source.cleanup();
      }

      const sample = await readExport(sampleDatasetPath);
      const build = await createFileSource(out, 'file');
      const articles = (await build.fetch(articlesQuery, allDocuments)) as Array<{ _id: string; mainImage?: { _sanityAsset?: string } }>;
      expect(articles.length).toBe(publishedOnly(sample.documents).filter((doc) => doc._type === 'article').length);
      expect(articles.some((article) => article.mainImage?._sanityAsset?.startsWith('image@file://./images/'))).toBe(true);
      expect(((await build.fetch(topicsQuery, allDocuments)) as unknown[]).length).toBeGreaterThan(0);
      sample.cleanup();
    } finally {
      await lake.close();
    }
  });
});
