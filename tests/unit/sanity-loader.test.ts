/**
 * The content loader's incremental sync (`site/lib/content/sanity-loader.ts`) between builds, through a
 * stand-in for Astro's `LoaderContext`: its data store and `meta` are Maps that outlive one `load`, as
 * Astro's do between builds with the same cache folder. The export is real (file mode), so are the
 * queries, the validation and the article-body file. `tests/e2e/publish-live.test.ts` proves the same
 * sync in real builds.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachBody } from '../../site/lib/content/article-bodies.ts';
import { sanityLoader } from '../../site/lib/content/sanity-loader.ts';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

type Doc = Record<string, unknown>;

/** What Astro keeps for the loader between builds: the data store, `meta` and the cache folder. */
function loaderState() {
  const cacheDir = makeTempDir('mca-loader-');
  const entries = new Map<string, { id: string; data: Doc; digest: string }>();
  const meta = new Map<string, string>();
  /** One build's `load`: answers the `content sync` lines it logged, by type. */
  async function sync(documents: readonly Doc[], shape: 'ndjson' | 'folder' = 'ndjson'): Promise<Record<string, string>> {
    vi.stubEnv('SANITY_EXPORT_FILE', await writeExport(documents, shape, join(cacheDir, 'export')));
    const lines: Record<string, string> = {};
    const context = {
      config: { cacheDir: pathToFileURL(`${cacheDir}/`) },
      meta,
      store: {
        keys: () => [...entries.keys()],
        values: () => [...entries.values()],
        delete: (id: string) => entries.delete(id),
        set: (entry: { id: string; data: Doc; digest: string }) => entries.set(entry.id, entry),
      },
      generateDigest: (data: unknown) => JSON.stringify(data).length.toString(36),
      logger: {
        info(line: string) {
          const match = /^content sync (\w+): (.*)$/.exec(line);
          if (match) lines[match[1] as string] = (match[2] as string).replace(/ \(full sync from the export .*\)$/, ' (full sync)');
        },
      },
    } as unknown as LoaderContext;
    await sanityLoader().load(context);
    return lines;
  }
  /** A document as the pages read it from the data store, with its article body attached. */
  const stored = (id: string): Doc | undefined => {
    const entry = entries.get(id);
    if (!entry) return undefined;
    const data = { ...entry.data };
    attachBody(data);
    return data;
  };
  return { cacheDir, sync, stored };
}

const retitled = (documents: readonly Doc[], id: string, title: string) =>
  documents.map((doc) => (doc['_id'] === id ? { ...doc, title, _rev: `rev-${title.length}` } : doc));

const firstSync = {
  article: '15 changed, 0 deleted, 0 unchanged (full sync)',
  staffMember: '3 changed, 0 deleted, 0 unchanged (full sync)',
  topic: '3 changed, 0 deleted, 0 unchanged (full sync)',
  contactDetails: '1 changed, 0 deleted, 0 unchanged (full sync)',
  searchSettings: '0 changed, 0 deleted, 0 unchanged (full sync)',
  languageAssistance: '1 changed, 0 deleted, 0 unchanged (full sync)',
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('incremental content sync between builds', () => {
  it('fetches everything once, then only what changed, and notices deletions', async () => {
    const loader = loaderState();
    const documents = fixtureDocuments();
    expect(await loader.sync(documents)).toEqual(firstSync);

    const edited = retitled(documents, 'article-quiet-mornings', 'Quiet mornings, revised').filter(
      (doc) => doc['_id'] !== 'article-archive-note-8',
    );
    expect(await loader.sync(edited)).toEqual({
      article: '1 changed, 1 deleted, 13 unchanged',
      staffMember: '0 changed, 0 deleted, 3 unchanged',
      topic: '0 changed, 0 deleted, 3 unchanged',
      contactDetails: '0 changed, 0 deleted, 1 unchanged',
      searchSettings: '0 changed, 0 deleted, 0 unchanged',
      languageAssistance: '0 changed, 0 deleted, 1 unchanged',
    });
    expect(loader.stored('article-quiet-mornings')?.['title']).toBe('Quiet mornings, revised');
    expect(loader.stored('article-archive-note-8')).toBeUndefined();
    // An unchanged article keeps its body from the last sync.
    expect(JSON.stringify(loader.stored('article-harbour-lights')?.['body'])).toContain('Why steady steps help');
  });

  it('keeps its cursor when a sync fails, and starts afresh when the source changes', async () => {
    const loader = loaderState();
    const documents = fixtureDocuments();
    await loader.sync(documents);

    await expect(loader.sync(retitled(documents, 'article-quiet-mornings', ''))).rejects.toThrow(
      'article article-quiet-mornings (title): required',
    );
    // The failed sync stored nothing: the next one still sees the edit as a change against the last good one.
    expect(loader.stored('article-quiet-mornings')?.['title']).toBe('Quiet mornings and mindfulness');
    const fixed = retitled(documents, 'article-quiet-mornings', 'Quiet mornings, fixed');
    expect((await loader.sync(fixed))['article']).toBe('1 changed, 0 deleted, 14 unchanged');
    expect(loader.stored('article-quiet-mornings')?.['title']).toBe('Quiet mornings, fixed');

    // The same documents from another source (the unpacked folder instead of the bare file) are read in full.
    expect((await loader.sync(fixed, 'folder'))['article']).toBe('15 changed, 0 deleted, 0 unchanged (full sync)');
  });

  it('checks the links in unchanged articles against what was deleted since', async () => {
    const loader = loaderState();
    const documents = fixtureDocuments();
    await loader.sync(documents);
    // Harbour lights is unchanged: its body, which links to Quiet mornings, comes from the last sync.
    await expect(loader.sync(documents.filter((doc) => doc['_id'] !== 'article-quiet-mornings'))).rejects.toThrow(
      'article article-harbour-lights (body[4].markDefs[1].reference): refers to article-quiet-mornings',
    );
  });

  it('fetches every article again when the stored bodies are gone', async () => {
    const loader = loaderState();
    const documents = fixtureDocuments();
    await loader.sync(documents);
    rmSync(join(loader.cacheDir, 'article-bodies.sqlite'));
    expect((await loader.sync(documents))['article']).toBe('15 changed, 0 deleted, 0 unchanged');
    expect(JSON.stringify(loader.stored('article-harbour-lights')?.['body'])).toContain('Why steady steps help');
  });
});
