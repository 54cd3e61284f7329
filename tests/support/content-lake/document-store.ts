import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parse } from 'groq-js';
import * as z from 'zod';
import { isPublishedId } from '../../../site/lib/content/sources/content-source.ts';
import { parseNdjson } from '../../../site/lib/content/sources/export-files.ts';
import { applyPatch, type PatchOperations, unsupportedPatchOperation } from './patch.ts';

/** A document as the Content Lake stores it. */
export interface SanityDocument {
  _id: string;
  _type: string;
  _rev?: string;
  _createdAt?: string;
  _updatedAt?: string;
  [field: string]: unknown;
}

/** The perspectives of the query API that the stand-in answers. */
export type Perspective = 'raw' | 'published' | 'drafts';

export type MutationOperation = 'create' | 'update' | 'delete' | 'none';

/** One document changed by a transaction: what it was before and is after (`null` when absent). */
export interface DocumentChange {
  id: string;
  before: SanityDocument | null;
  after: SanityDocument | null;
}

export interface TransactionResult {
  transactionId: string;
  /** When the transaction was committed. */
  time: Date;
  /** One entry per document a mutation touched, in mutation order, as the Mutation API reports them. */
  results: { id: string; operation: MutationOperation; document?: SanityDocument }[];
  /** The net change of each document the transaction touched. */
  changes: DocumentChange[];
  /** The mutations applied to each document, by `_id`, each naming its document by id (as listeners receive them). */
  mutations: Map<string, Record<string, unknown>[]>;
}

/** A mutation that failed, in the shape the Mutation API answers (`error.type: "mutationError"`). */
export class MutationError extends Error {
  override name = 'MutationError';
  readonly items: { error: { type: string; description: string; id?: string }; index: number }[];
  readonly status: number;
  constructor(description: string, items: MutationError['items'], status = 409) {
    super(description);
    this.items = items;
    this.status = status;
  }
}

const DocumentInputSchema = z.looseObject({ _id: z.string().min(1).optional(), _type: z.string().min(1) });
const IdentifiedDocumentSchema = z.looseObject({ _id: z.string().min(1), _type: z.string().min(1) });
const SelectionSchema = {
  id: z.string().min(1).optional(),
  query: z.string().min(1).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
};
const PatchSchema = z.looseObject({
  ...SelectionSchema,
  set: z.record(z.string(), z.unknown()).optional(),
  setIfMissing: z.record(z.string(), z.unknown()).optional(),
  unset: z.array(z.string()).optional(),
  inc: z.record(z.string(), z.number()).optional(),
  dec: z.record(z.string(), z.number()).optional(),
  insert: z
    .union([
      z.strictObject({ before: z.string(), items: z.array(z.unknown()) }),
      z.strictObject({ after: z.string(), items: z.array(z.unknown()) }),
      z.strictObject({ replace: z.string(), items: z.array(z.unknown()) }),
    ])
    .optional(),
  diffMatchPatch: z.record(z.string(), z.string()).optional(),
  ifRevisionID: z.string().optional(),
});

/** The mutations of the Mutation API that the stand-in implements. */
export const MutationSchema = z.union([
  z.strictObject({ create: DocumentInputSchema }),
  z.strictObject({ createOrReplace: IdentifiedDocumentSchema }),
  z.strictObject({ createIfNotExists: IdentifiedDocumentSchema }),
  z.strictObject({ patch: PatchSchema }),
  z.strictObject({ delete: z.strictObject(SelectionSchema) }),
]);

export type Mutation = z.infer<typeof MutationSchema>;

/** Sanity ids, revisions and transaction ids are random base-62 strings of this shape. */
export function randomSanityId(length = 22): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Content Lake timestamps have whole seconds: `2025-03-01T10:20:30Z`. */
export function sanityTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export { isPublishedId };

/** Reads the documents of an export: its folder (holding `data.ndjson`) or an `.ndjson` file. */
export function readExportDocuments(path: string): SanityDocument[] {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'data.ndjson') : path;
  return parseNdjson(readFileSync(file), file) as SanityDocument[];
}

/**
 * The documents of one dataset, changed only through whole transactions: every mutation of a
 * transaction applies, or none does. Stored documents are never changed in place, so a document handed
 * out (to a query, a webhook, a test) stays as it was.
 */
export class DocumentStore {
  #documents = new Map<string, SanityDocument>();
  readonly #now: () => Date;

  constructor(documents: readonly SanityDocument[], now: () => Date) {
    this.#now = now;
    for (const doc of documents) this.#documents.set(doc._id, structuredClone(doc));
  }

  get(id: string): SanityDocument | undefined {
    return this.#documents.get(id);
  }

  /** Every document, drafts and versions included, as the `raw` perspective sees them. */
  all(): SanityDocument[] {
    return [...this.#documents.values()];
  }

  /** The documents a query sees in a perspective. */
  view(perspective: Perspective): SanityDocument[] {
    const all = this.all();
    if (perspective === 'raw') return all;
    if (perspective === 'published') return all.filter((doc) => isPublishedId(doc._id));
    // drafts: a draft stands in for its published document, under the published id.
    const overlaid = new Map<string, SanityDocument>();
    for (const doc of all) {
      if (isPublishedId(doc._id) && !overlaid.has(doc._id)) overlaid.set(doc._id, { ...doc, _originalId: doc._id });
    }
    for (const doc of all) {
      if (!doc._id.startsWith('drafts.')) continue;
      const id = doc._id.slice('drafts.'.length);
      if (isPublishedId(id)) overlaid.set(id, { ...doc, _id: id, _originalId: doc._id });
    }
    return [...overlaid.values()];
  }

  /** Runs mutations as one transaction. Throws `MutationError` and changes nothing if one fails. */
  async transact(mutations: readonly Mutation[], options: { transactionId?: string; dryRun?: boolean } = {}): Promise<TransactionResult> {
    const transactionId = options.transactionId ?? randomSanityId();
    const time = this.#now();
    const stamp = sanityTimestamp(time);
    const staged = new Map(this.#documents);
    const before = new Map<string, SanityDocument | null>();
    const results: TransactionResult['results'] = [];
    const applied = new Map<string, Record<string, unknown>[]>();

    const put = (id: string, doc: SanityDocument | null, operation: MutationOperation, mutation: Record<string, unknown>) => {
      if (!before.has(id)) before.set(id, this.#documents.get(id) ?? null);
      applied.set(id, [...(applied.get(id) ?? []), mutation]);
      if (doc) staged.set(id, doc);
      else staged.delete(id);
      results.push(doc ? { id, operation, document: doc } : { id, operation });
    };
    const fail = (index: number, type: string, description: string, id?: string): never => {
      throw new MutationError(`The mutation(s) failed: ${description}`, [
        { error: id === undefined ? { type, description } : { type, description, id }, index },
      ]);
    };
    const select = async (
      index: number,
      selection: { id?: string | undefined; query?: string | undefined; params?: Record<string, unknown> | undefined },
    ) => {
      if (selection.id !== undefined) return [selection.id];
      if (selection.query === undefined) return fail(index, 'validationError', 'a patch or delete needs an id or a query');
      const params = selection.params ?? {};
      const value = await evaluate(parse(selection.query, { params }), { dataset: [...staged.values()], params });
      const found = await value.get();
      return (Array.isArray(found) ? found : [found]).flatMap((doc: unknown) =>
        typeof doc === 'object' && doc !== null && typeof (doc as SanityDocument)._id === 'string' ? [(doc as SanityDocument)._id] : [],
      );
    };
    const written = (doc: Record<string, unknown>, id: string, createdAt: unknown): SanityDocument =>
      ({
        ...doc,
        _id: id,
        _createdAt: typeof createdAt === 'string' ? createdAt : stamp,
        _updatedAt: stamp,
        _rev: transactionId,
      }) as SanityDocument;

    for (const [index, mutation] of mutations.entries()) {
      if ('create' in mutation) {
        const given = mutation.create._id;
        const id = given === undefined ? randomSanityId() : given.endsWith('.') ? `${given}${randomSanityId()}` : given;
        if (staged.has(id)) fail(index, 'documentAlreadyExistsError', `Document by ID "${id}" already exists`, id);
        put(id, written(mutation.create, id, mutation.create['_createdAt']), 'create', { create: { ...mutation.create, _id: id } });
      } else if ('createOrReplace' in mutation) {
        const doc = mutation.createOrReplace;
        const existing = staged.get(doc._id);
        put(doc._id, written(doc, doc._id, existing?._createdAt ?? doc['_createdAt']), existing ? 'update' : 'create', mutation);
      } else if ('createIfNotExists' in mutation) {
        const doc = mutation.createIfNotExists;
        if (staged.has(doc._id)) results.push({ id: doc._id, operation: 'none' });
        else put(doc._id, written(doc, doc._id, doc['_createdAt']), 'create', mutation);
      } else if ('patch' in mutation) {
        const patch = mutation.patch;
        const unknown = unsupportedPatchOperation(patch);
        if (unknown) fail(index, 'validationError', `the stand-in does not implement the patch operation "${unknown}"`);
        for (const id of await select(index, patch)) {
          const existing = staged.get(id);
          if (!existing) fail(index, 'documentNotFoundError', `Document "${id}" not found`, id);
          const current = existing as SanityDocument;
          if (patch.ifRevisionID !== undefined && current._rev !== patch.ifRevisionID) {
            fail(
              index,
              'conflictError',
              `Document "${id}" has unexpected revision ID ("${current._rev}"), expected "${patch.ifRevisionID}"`,
              id,
            );
          }
          let next: Record<string, unknown>;
          try {
            next = applyPatch(current, patch as PatchOperations);
          } catch (error) {
            return fail(index, 'validationError', (error as Error).message, id);
          }
          const { query: _query, params: _params, ...operations } = patch;
          put(id, written(next, id, current._createdAt), 'update', { patch: { ...operations, id } });
        }
      } else {
        for (const id of await select(index, mutation.delete)) {
          if (staged.has(id)) put(id, null, 'delete', { delete: { id } });
          else results.push({ id, operation: 'none' });
        }
      }
    }

    const changes: DocumentChange[] = [...before].map(([id, was]) => ({ id, before: was, after: staged.get(id) ?? null }));
    if (!options.dryRun) this.#documents = staged;
    return { transactionId, time, results, changes: changes.filter((change) => change.before || change.after), mutations: applied };
  }
}
