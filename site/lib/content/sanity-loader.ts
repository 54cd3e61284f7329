import { createHash } from 'node:crypto';
import type { Loader, LoaderContext } from 'astro/loaders';
import * as z from 'zod';
import { documentQueries, publishedVersionsQuery } from '../../../schemas/queries.ts';
import { type DocumentType, documentTypes, rules } from '../../../schemas/rules.ts';
import { type RawDataset, validateDataset } from '../../../schemas/validate-dataset.ts';
import { type DocumentRows, documentSchemas } from '../../../schemas/zod/index.ts';
import { imageFiles } from '../images.ts';
import { ArticleBodyStore, articleBodiesFile, attachBody } from './article-bodies.ts';
import { exportedImageProblems } from './sources/export-image-check.ts';
import { type ContentSource, ContentSourceError, openContentSource } from './sources/index.ts';
import { buildShared } from '../build-shared.ts';

type StoredDocument = Record<string, unknown> & { _id: string; _type: DocumentType };

/** What the loader keeps in `meta` between builds. */
const CursorSchema = z.object({
  /** The version (`_rev` and `_updatedAt`) of each document stored, by `_id`. */
  versions: z.record(z.string(), z.string()),
  /** The content model the documents were read with. */
  model: z.string(),
  /** The source they were read from. */
  source: z.string(),
});
type Cursor = z.infer<typeof CursorSchema>;

const cursorKey = 'sanity-sync-cursor';

const VersionListSchema = z.array(
  z.object({
    _id: z.string(),
    _type: z.enum(documentTypes),
    _rev: z.string().nullish(),
    _updatedAt: z.string().nullish(),
  }),
);

/** The id, type and version of every published document the site reads. */
export type PublishedVersions = z.infer<typeof VersionListSchema>;

/**
 * A document's version: its revision, which every edit changes, and its update time for exports
 * written without revisions. Timestamps alone have whole-second precision and can miss an edit.
 */
export function versionOf(doc: PublishedVersions[number]): string {
  return `${doc._rev ?? ''}@${doc._updatedAt ?? ''}`;
}

/** What the last content sync of this process stored: its source and the version of every document. */
export interface SyncedContent {
  source: string;
  versions: Record<string, string>;
  /** The newest `_updatedAt` among the published documents it read; `undefined` when none has one. */
  contentUpdatedAt?: string | undefined;
}

/** The newest `_updatedAt` of `documents` (ISO 8601 strings compare in time order once parsed). */
export function newestUpdate(documents: PublishedVersions): string | undefined {
  let newest: string | undefined;
  for (const { _updatedAt } of documents) {
    if (_updatedAt && (!newest || Date.parse(_updatedAt) > Date.parse(newest))) newest = _updatedAt;
  }
  return newest;
}

/**
 * The content the build in this process synced, for `scripts/output-reuse.ts` to fingerprint the
 * output with. On `globalThis`: the loader and the build script are separate module graphs.
 */
export function syncedContent(): { current?: SyncedContent | undefined } {
  return buildShared<{ current?: SyncedContent | undefined }>('syncedContent', () => ({}));
}

/** Changes when the queries or the document fields change: stored documents may then lack fields. */
const contentModelDigest = createHash('sha256')
  .update(JSON.stringify({ documentQueries, rules: String(Object.entries(rules)) }))
  .update(JSON.stringify(Object.fromEntries(documentTypes.map((type) => [type, Object.keys(documentSchemas[type].shape)]))))
  .digest('hex')
  .slice(0, 16);

/** Runs a query that must return a list; `what` names it in the error. */
async function fetchList(source: ContentSource, query: string, params: Record<string, unknown>, what: string): Promise<unknown[]> {
  const result = await source.fetch(query, params);
  if (!Array.isArray(result)) throw new ContentSourceError(`The ${what} query on ${source.description} did not return a list.`);
  return result;
}

/** One query for the id, type and revision of every published document: what is new, changed or gone. */
export async function fetchPublishedVersions(source: ContentSource): Promise<PublishedVersions> {
  return VersionListSchema.parse(await fetchList(source, publishedVersionsQuery, { types: documentTypes }, 'document versions'));
}

function readCursor(context: LoaderContext, sourceId: string): Cursor | undefined {
  const stored = context.meta.get(cursorKey);
  if (!stored) return undefined;
  try {
    const cursor = CursorSchema.parse(JSON.parse(stored));
    return cursor.model === contentModelDigest && cursor.source === sourceId ? cursor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one content-layer loader: every published document the site reads, keyed by `_id`, in one
 * collection. Each build asks for the version list, fetches only the documents that are new or changed
 * since the cursor in `meta`, validates the whole dataset at once (so one build lists every problem and
 * cross-document rules see everything) and only then stores it and moves the cursor. A changed content
 * model or another source starts afresh with a full sync. Article bodies are stored beside the data store
 * (`article-bodies.ts`).
 */
export function sanityLoader(): Loader {
  return {
    name: 'sanity',
    async load(context) {
      const bodies = new ArticleBodyStore(articleBodiesFile(context.config.cacheDir));
      try {
        await sync(context, bodies);
      } finally {
        bodies.close();
      }
    },
  };
}

/**
 * Opens the source and fetches what changed since the cursor. The source is let go when this returns:
 * in file mode it holds every document of the export, which the rest of the sync no longer needs.
 */
async function fetchChanges(context: LoaderContext, bodies: ArticleBodyStore) {
  const source = await openContentSource();
  imageFiles().origin = source.images;
  const sourceId = `${source.mode}:${source.description}`;
  const cursor = readCursor(context, sourceId);
  const stored = new Map<string, StoredDocument>();
  if (cursor) {
    const storedBodies = bodies.ids();
    for (const entry of context.store.values()) {
      const data = { ...(entry.data as StoredDocument) };
      if (data._type !== 'article') stored.set(entry.id, data);
      // An article whose body is missing is not counted as stored, so it is fetched again.
      else if (storedBodies.has(entry.id)) {
        attachBody(data);
        stored.set(entry.id, data);
      }
    }
  }
  const full = !cursor || stored.size === 0;
  const published = await fetchPublishedVersions(source);
  const versions = Object.fromEntries(published.map((doc) => [doc._id, versionOf(doc)]));
  const fetched = await Promise.all(
    documentTypes.map(async (type) => {
      const ids = published
        .filter((doc) => doc._type === type && (full || !stored.has(doc._id) || cursor?.versions[doc._id] !== versions[doc._id]))
        .map((doc) => doc._id);
      if (ids.length === 0) return [];
      // Typed as TypeGen types the query's rows; the zod schemas (checked against them) parse them next.
      return (await fetchList(source, documentQueries[type], { ids: full ? null : ids }, type)) as DocumentRows[typeof type][];
    }),
  );
  return { sourceId, description: source.description, stored, full, versions, fetched, contentUpdatedAt: newestUpdate(published) };
}

/** One sync: see `sanityLoader`. Article bodies go to `bodies`, the rest of each document to the data store. */
async function sync(context: LoaderContext, bodies: ArticleBodyStore) {
  const { sourceId, description, stored, full, versions, fetched, contentUpdatedAt } = await fetchChanges(context, bodies);
  const current = new Map([...stored].filter(([id]) => id in versions));
  for (const doc of fetched.flat()) current.set(doc._id, doc);
  const raw = Object.fromEntries(documentTypes.map((type) => [type, [] as StoredDocument[]])) as Record<DocumentType, StoredDocument[]>;
  for (const doc of current.values()) raw[doc._type]?.push(doc);
  const { origin } = imageFiles();
  const imageProblems = origin?.kind === 'files' ? await exportedImageProblems(raw, origin.root) : [];
  const dataset = validateDataset(raw satisfies RawDataset, description, imageProblems);

  const fetchedIds = new Set(fetched.flat().map((doc) => doc._id));
  bodies.save(
    dataset.article.filter((article) => fetchedIds.has(article._id)),
    new Set(dataset.article.map((article) => article._id)),
  );
  for (const id of context.store.keys()) if (!current.has(id)) context.store.delete(id);
  for (const type of documentTypes) {
    for (const document of dataset[type] as StoredDocument[]) {
      const data = document._type === 'article' ? bodies.detach(document as StoredDocument & { body: unknown }) : document;
      context.store.set({ id: document._id, data, digest: context.generateDigest(data) });
    }
    const changed = fetched[documentTypes.indexOf(type)]?.length ?? 0;
    const deleted = [...stored.values()].filter((doc) => doc._type === type && !(doc._id in versions)).length;
    context.logger.info(
      `content sync ${type}: ${changed} changed, ${deleted} deleted, ${raw[type].length - changed} unchanged` +
        (full ? ` (full sync from ${description})` : ''),
    );
  }
  context.meta.set(cursorKey, JSON.stringify({ versions, model: contentModelDigest, source: sourceId } satisfies Cursor));
  syncedContent().current = { source: sourceId, versions, contentUpdatedAt };
}
