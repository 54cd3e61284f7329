import { createHash } from 'node:crypto';
import type { LoaderContext } from 'astro/loaders';
import * as z from 'zod';
import { allDocuments, documentQueries, publishedIdsQuery } from '../../../schemas/queries.ts';
import { type DocumentType, documentTypes, rules } from '../../../schemas/rules.ts';
import { type Dataset, type RawDataset, validateDataset } from '../../../schemas/validate-dataset.ts';
import { documentSchemas } from '../../../schemas/zod/index.ts';
import { fetchList } from './load-dataset.ts';
import { type ContentSource, openContentSource } from './sources/index.ts';

type StoredDocument = Record<string, unknown> & { _id: string; _updatedAt?: string | undefined };

/** What a loader keeps in `meta` between builds. */
const CursorSchema = z.object({
  /** The newest `_updatedAt` among the documents stored. */
  since: z.string().nullable(),
  /** The content model the documents were read with. */
  model: z.string(),
  /** The source they were read from. */
  source: z.string(),
});
type Cursor = z.infer<typeof CursorSchema>;

const cursorKey = 'sanity-sync-cursor';

const IdListSchema = z.array(z.string());

/** Changes when the queries or the document fields change: stored documents may then lack fields. */
export const contentModelDigest = createHash('sha256')
  .update(JSON.stringify({ documentQueries, rules: String(Object.entries(rules)) }))
  .update(JSON.stringify(Object.fromEntries(documentTypes.map((type) => [type, Object.keys(documentSchemas[type].shape)]))))
  .digest('hex')
  .slice(0, 16);

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

function newestUpdate(documents: Iterable<StoredDocument>): string | null {
  let newest: string | null = null;
  for (const doc of documents) if (doc._updatedAt && (!newest || doc._updatedAt > newest)) newest = doc._updatedAt;
  return newest;
}

interface Pending {
  type: DocumentType;
  context: LoaderContext;
  documents: StoredDocument[];
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
  #release: (() => void) | undefined;
  readonly #allArrived = new Promise<void>((resolve) => {
    this.#release = resolve;
  });
  #source: Promise<ContentSource> | undefined;

  source(): Promise<ContentSource> {
    this.#source ??= openContentSource();
    return this.#source;
  }

  /** Reads one type's changes and returns once the whole dataset is validated. */
  async sync(type: DocumentType, context: LoaderContext): Promise<{ dataset: Dataset; counts: SyncCounts; source: ContentSource }> {
    const source = await this.source();
    const sourceId = `${source.mode}:${source.description}`;
    const cursor = readCursor(context, sourceId);
    const stored = new Map<string, StoredDocument>();
    if (cursor) for (const entry of context.store.values()) stored.set(entry.id, entry.data as StoredDocument);
    const full = !cursor || stored.size === 0;

    const ids = full ? undefined : new Set(IdListSchema.parse(await fetchList(source, publishedIdsQuery, { type }, `${type} id`)));
    const unseen = ids ? [...ids].filter((id) => !stored.has(id)) : [];
    const params = full ? allDocuments : { since: cursor?.since ?? null, ids: unseen };
    const fetched = (await fetchList(source, documentQueries[type], params, type)) as StoredDocument[];

    const current = new Map(full ? [] : [...stored].filter(([id]) => ids?.has(id)));
    let changed = 0;
    for (const doc of fetched) {
      const before = current.get(doc._id);
      if (!before || context.generateDigest(before) !== context.generateDigest(doc)) changed++;
      current.set(doc._id, doc);
    }
    const deleted = full ? 0 : stored.size - [...stored.keys()].filter((id) => ids?.has(id)).length;
    const counts = { changed, deleted, unchanged: current.size - changed, full };

    this.#pending.set(type, { type, context, documents: [...current.values()] });
    if (this.#pending.size === documentTypes.length) this.#release?.();
    await this.#allArrived;
    this.#validated ??= this.#validate(source);
    const dataset = await this.#validated;
    return { dataset, counts, source };
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
export async function commitSync(type: DocumentType, context: LoaderContext, dataset: Dataset, sourceId: string): Promise<void> {
  const documents = dataset[type] as StoredDocument[];
  const keep = new Set(documents.map((doc) => doc._id));
  for (const id of context.store.keys()) if (!keep.has(id)) context.store.delete(id);
  for (const document of documents) {
    const data = await context.parseData({ id: document._id, data: { ...document } });
    context.store.set({ id: document._id, data, digest: context.generateDigest(document) });
  }
  const cursor: Cursor = { since: newestUpdate(documents), model: contentModelDigest, source: sourceId };
  context.meta.set(cursorKey, JSON.stringify(cursor));
}
