import { createHash } from 'node:crypto';
import type { LoaderContext } from 'astro/loaders';
import * as z from 'zod';
import { documentQueries, publishedVersionsQuery } from '../../../schemas/queries.ts';
import { type DocumentType, documentTypes, rules } from '../../../schemas/rules.ts';
import { type Dataset, type RawDataset, validateDataset } from '../../../schemas/validate-dataset.ts';
import { documentSchemas } from '../../../schemas/zod/index.ts';
import { type ContentSource, ContentSourceError, openContentSource } from './sources/index.ts';

type StoredDocument = Record<string, unknown> & { _id: string; _updatedAt?: string | undefined };

/** What a loader keeps in `meta` between builds. */
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
  z.object({ _id: z.string(), _rev: z.string().nullish(), _updatedAt: z.string().nullish() }),
);

/**
 * A document's version: its revision, which every edit changes, and its update time for exports
 * written without revisions. Timestamps alone have whole-second precision and can miss an edit.
 */
function versionOf(doc: { _rev?: string | null | undefined; _updatedAt?: string | null | undefined }): string {
  return `${doc._rev ?? ''}@${doc._updatedAt ?? ''}`;
}

/** Changes when the queries or the document fields change: stored documents may then lack fields. */
export const contentModelDigest = createHash('sha256')
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

/** What one collection's sync found. */
export interface SyncCounts {
  changed: number;
  deleted: number;
  unchanged: number;
  full: boolean;
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

interface Pending {
  type: DocumentType;
  context: LoaderContext;
  documents: StoredDocument[];
  /** The version of each document, by id. */
  versions: Record<string, string>;
}

/**
 * Syncs the four collections together: each loader reads only what changed for its type (its cursor
 * lives in its own `meta`), then the whole dataset, stored and new, is validated at once so that one
 * build lists every problem and cross-document rules (unique slugs, references) see everything. Nothing
 * is stored, and no cursor moves, unless the whole dataset is valid.
 */
class DatasetSync {
  readonly #pending = new Map<DocumentType, Pending>();
  #validated: Promise<Dataset> | undefined;
  readonly #allArrived = Promise.withResolvers<void>();
  #source: Promise<ContentSource> | undefined;

  constructor() {
    // Loaders that are waiting receive the failure; with none waiting it is not an unhandled rejection.
    this.#allArrived.promise.catch(() => {});
  }

  source(): Promise<ContentSource> {
    this.#source ??= openContentSource();
    return this.#source;
  }

  /**
   * Reads one type's changes and returns once the whole dataset is validated. When one type cannot be
   * read, every loader fails with that error instead of waiting for it.
   */
  async sync(
    type: DocumentType,
    context: LoaderContext,
  ): Promise<{ dataset: Dataset; counts: SyncCounts; source: ContentSource; versions: Record<string, string> }> {
    const read = this.#read(type, context).catch((error: unknown) => {
      this.#allArrived.reject(error);
      throw error;
    });
    const { counts, source, versions } = await read;
    await this.#allArrived.promise;
    this.#validated ??= this.#validate(source);
    const dataset = await this.#validated;
    return { dataset, counts, source, versions };
  }

  async #read(
    type: DocumentType,
    context: LoaderContext,
  ): Promise<{ counts: SyncCounts; source: ContentSource; versions: Record<string, string> }> {
    const source = await this.source();
    const sourceId = `${source.mode}:${source.description}`;
    const cursor = readCursor(context, sourceId);
    const stored = new Map<string, StoredDocument>();
    if (cursor) for (const entry of context.store.values()) stored.set(entry.id, entry.data as StoredDocument);
    const full = !cursor || stored.size === 0;

    const published = VersionListSchema.parse(await fetchList(source, publishedVersionsQuery, { type }, `${type} versions`));
    const versions = Object.fromEntries(published.map((doc) => [doc._id, versionOf(doc)]));
    const changedIds = full
      ? null
      : published.filter((doc) => !stored.has(doc._id) || cursor.versions[doc._id] !== versions[doc._id]).map((doc) => doc._id);
    const fetched =
      changedIds?.length === 0
        ? []
        : ((await fetchList(source, documentQueries[type], { ids: changedIds }, type)) as StoredDocument[]);
    const current = new Map([...stored].filter(([id]) => id in versions));
    for (const doc of fetched) current.set(doc._id, doc);
    const documents = [...current.values()];
    const counts: SyncCounts = {
      changed: fetched.length,
      deleted: [...stored.keys()].filter((id) => !(id in versions)).length,
      unchanged: current.size - fetched.length,
      full,
    };

    this.#pending.set(type, { type, context, documents, versions });
    if (this.#pending.size === documentTypes.length) this.#allArrived.resolve();
    return { counts, source, versions };
  }

  async #validate(source: ContentSource): Promise<Dataset> {
    const raw = {} as Partial<RawDataset>;
    for (const [type, pending] of this.#pending) raw[type] = pending.documents;
    return validateDataset(raw as RawDataset, source.description);
  }
}

let current: DatasetSync | undefined;

/** The sync shared by the loaders of one content-layer run. */
export function datasetSync(): DatasetSync {
  current ??= new DatasetSync();
  return current;
}

/** Forgets the shared sync so that the next content-layer run (dev reloads) starts afresh. */
export function resetDatasetSync(): void {
  current = undefined;
}

/** Stores a validated type and moves its cursor. */
export async function commitSync(
  type: DocumentType,
  context: LoaderContext,
  dataset: Dataset,
  cursor: Omit<Cursor, 'model'>,
): Promise<void> {
  const documents = dataset[type] as StoredDocument[];
  const keep = new Set(documents.map((doc) => doc._id));
  for (const id of context.store.keys()) if (!keep.has(id)) context.store.delete(id);
  for (const document of documents) {
    const data = await context.parseData({ id: document._id, data: { ...document } });
    context.store.set({ id: document._id, data, digest: context.generateDigest(document) });
  }
  context.meta.set(cursorKey, JSON.stringify({ ...cursor, model: contentModelDigest } satisfies Cursor));
}
