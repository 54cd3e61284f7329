import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { describe, expect, it } from 'vitest';
import { allDocuments, articlesQuery, documentQueries, staffMembersQuery } from '../../schemas/queries.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { readContentEnv } from '../../schemas/settings.ts';
import { nextScheduledFrom } from '../../scripts/server/webhooks/scheduled-rebuild.ts';
import { readExport } from '../../site/lib/content/sources/export-files.ts';
import { createFileSource } from '../../site/lib/content/sources/file-source.ts';
import { openContentSource, sampleDatasetPath } from '../../site/lib/content/sources/index.ts';
import { fixtureDocuments, spanish, writeExport } from '../fixtures/fixture-dataset.ts';
import { startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

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
    expect(ids(await source.fetch(staffMembersQuery, allDocuments))).toEqual([
      'staff-rowan-achterberg',
      'staff-rowan-achterberg-es',
      'staff-team',
    ]);
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

  it('stops at the first refusal of the Content Lake, 401 or 403, with one message naming the token', async () => {
    const lake = await startContentLakeStandIn({ documents: [{ _id: 'topic-sleep', _type: 'topic', title: 'Sleep' }] });
    try {
      const env = { SANITY_PROJECT_ID: lake.projectId, SANITY_DATASET: lake.dataset, SANITY_API_HOST: lake.url };
      const refused = await openContentSource(readContentEnv({ ...env, SANITY_API_READ_TOKEN: 'sk-not-a-token' }));
      // One type refused while the others could be read: the build stops at once, not after retries.
      lake.failNextRequests(1, 403);
      const forbidden = await openContentSource(readContentEnv({ ...env, SANITY_API_READ_TOKEN: lake.readToken }));
      for (const [source, status] of [
        [forbidden, 403],
        [refused, 401],
      ] as const) {
        const before = lake.requests.length;
        await expect(source.fetch(articlesQuery, allDocuments)).rejects.toThrow(
          `Cannot read content from the Content Lake (project ${lake.projectId}, dataset ${lake.dataset}) after 1 attempt(s): HTTP ${status}. Check SANITY_API_READ_TOKEN and the project id.`,
        );
        expect(lake.requests.length - before).toBe(1);
      }
    } finally {
      await lake.close();
    }
  });

  it('names every invalid variable', () => {
    expect(() => readContentEnv({ SANITY_PROJECT_ID: 'Not A Project', SANITY_API_VERSION: 'yesterday' })).toThrow(
      /SANITY_PROJECT_ID: must be a Sanity project id[\s\S]*SANITY_API_VERSION: must be a date/,
    );
  });
});

/**
 * A gzip bomb: a tarball whose files are `sizes` MiB of zeros each, written as one gzip member per MiB
 * (a valid gzip file; every reader unpacks the members one after another), about a thousandth of that on disk.
 */
function gzipBomb(sizes: readonly number[]): string {
  const mebibyte = gzipSync(Buffer.alloc(2 ** 20), { level: 9 });
  const parts: Buffer[] = [];
  sizes.forEach((mebibytes, index) => {
    const header = Buffer.alloc(512);
    new Header({
      path: `export/images/zeros-${index}.png`,
      mode: 0o644,
      size: mebibytes * 2 ** 20,
      type: 'File',
      mtime: new Date(0),
    }).encode(header, 0);
    parts.push(gzipSync(header), ...Array.from({ length: mebibytes }, () => mebibyte));
  });
  parts.push(gzipSync(Buffer.alloc(1024)));
  const file = join(makeTempDir('mca-bomb-'), 'export.tar.gz');
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** Runs `use` with the process's temp folder set to a new, empty one, and answers what is left in it. */
async function inOwnTempFolder(use: (list: () => string[]) => Promise<void>): Promise<string[]> {
  const folder = makeTempDir('mca-tmp-');
  const list = () => readdirSync(folder).filter((name) => name.startsWith('mca-export-'));
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = folder;
  try {
    await use(list);
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
  return list();
}

describe('unpacking a .tar.gz export', () => {
  it('refuses a gzip bomb before writing it, naming the limit one file may unpack to', async () => {
    const bomb = gzipBomb([600]);
    const left = await inOwnTempFolder(async () => {
      await expect(readExport(bomb)).rejects.toThrow(
        `Cannot read ${bomb}: export/images/zeros-0.png unpacks to 600 MiB, more than the 512 MiB one file of an export may be (nothing was read).`,
      );
    });
    expect(left).toEqual([]);
  });

  it('names the limit of a whole export and of its number of files', async () => {
    const small = { entryBytes: 8 * 2 ** 20, totalBytes: 20 * 2 ** 20, entries: 1_000 };
    await inOwnTempFolder(async () => {
      await expect(readExport(gzipBomb([8, 8, 8]), small)).rejects.toThrow(
        'it unpacks to more than 20 MiB, the most a whole export may be',
      );
      const fixture = await writeExport(fixtureDocuments(), 'tarball');
      await expect(readExport(fixture, { ...small, entries: 4 })).rejects.toThrow('it holds more than 4 files and folders');
    });
  });

  it('is unpacked once however often the scheduler looks, and the copy goes when the export changes', async () => {
    const tarball = await writeExport(fixtureDocuments(), 'tarball');
    const env = readContentEnv({ SANITY_EXPORT_FILE: tarball });
    const now = new Date('2026-01-01T00:00:00Z');
    const left = await inOwnTempFolder(async (list) => {
      for (let look = 0; look < 3; look++) await nextScheduledFrom(await openContentSource(env))(now);
      const [first] = list();
      expect(list()).toHaveLength(1);
      // A new export under the same name: unpacked afresh, the old copy removed.
      await writeExport(
        fixtureDocuments().filter((doc) => doc['_id'] !== 'article-harbour-lights'),
        'tarball',
        join(tarball, '..'),
      );
      const source = await openContentSource(env);
      expect(ids(await source.fetch(articlesQuery, allDocuments))).not.toContain('article-harbour-lights');
      expect(list()).toHaveLength(1);
      expect(list()).not.toContain(first);
    });
    expect(left).toHaveLength(1);
  });

  it('leaves no copy behind when the process that unpacked it ends', async () => {
    const tarball = await writeExport(fixtureDocuments(), 'tarball');
    const folder = makeTempDir('mca-tmp-');
    const reader = fileURLToPath(new URL('../../site/lib/content/sources/export-files.ts', import.meta.url));
    const script = `import { readExport } from ${JSON.stringify(reader)};
      for (let i = 0; i < 3; i++) await readExport(${JSON.stringify(tarball)});
      console.log((await import('node:fs')).readdirSync(${JSON.stringify(folder)}).length);`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: folder },
      encoding: 'utf8',
    });
    expect(printed.trim()).toBe('1');
    expect(readdirSync(folder)).toEqual([]);
  });
});
