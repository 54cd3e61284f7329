import type { ServerResponse } from 'node:http';
import { evaluate, parse } from 'groq-js';
import { type DocumentChange, isPublishedId, randomSanityId, type SanityDocument, type TransactionResult } from './document-store.ts';

/**
 * What a listener asked for (`GET /v<version>/data/listen/<dataset>?query=…&$param=<json>&…`), as
 * `@sanity/client`'s `listen()` sends it.
 */
export interface ListenRequest {
  /** A GROQ filter query such as `*[_id in $ids]`. */
  query: string;
  params: Record<string, unknown>;
  includeResult: boolean;
  includePreviousRevision: boolean;
  includeMutations: boolean;
  /** `versions.…` documents too (drafts are seen by any authenticated listener). */
  includeAllVersions: boolean;
  /** Adds `effects: {apply, revert}` as Mendoza patches, as the Studio asks for. */
  mendoza: boolean;
  visibility: string;
  /** Only an authenticated listener sees documents with a dotted id (`drafts.…`). */
  authenticated: boolean;
}

const flag = (value: string | null, fallback: boolean) => (value === null ? fallback : value === 'true');

/** Reads the listener's query string; throws a message for a missing query or a parameter that is not JSON. */
export function readListenRequest(search: URLSearchParams, authenticated: boolean): ListenRequest {
  const query = search.get('query');
  if (!query) throw new Error('The "query" parameter is required');
  const params: Record<string, unknown> = {};
  for (const [key, value] of search) {
    if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value);
  }
  return {
    query,
    params,
    includeResult: flag(search.get('includeResult'), true),
    includePreviousRevision: flag(search.get('includePreviousRevision'), false),
    includeMutations: flag(search.get('includeMutations'), true),
    includeAllVersions: flag(search.get('includeAllVersions'), false),
    mendoza: search.get('effectFormat') === 'mendoza',
    visibility: search.get('visibility') ?? 'query',
    authenticated,
  };
}

interface Connection {
  request: ListenRequest;
  response: ServerResponse;
}

/** Mendoza's patch "output this value" (opcode 0): replaces the whole document, which any client can apply. */
const replaceWith = (doc: SanityDocument | null) => {
  if (!doc) return [0, null];
  const { _rev, ...rest } = doc;
  return [0, rest];
};

/** How often a comment line keeps an idle stream open through proxies, as the Content Lake does. */
const keepAliveMs = 25_000;

/**
 * The listener endpoint: a Server-Sent Events stream that says `welcome`, then sends a `mutation` event
 * for each document a transaction changed that matches the listener's query before or after, in the
 * shape the Content Lake sends (`documentId`, `transactionId`, `transition`, `previousRev`, `resultRev`,
 * `mutations`, `result`, `effects`, `transactionTotalEvents`, …), and a comment line now and then while idle.
 */
export class Listeners {
  readonly #connections = new Set<Connection>();
  readonly #identity: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(identity: string) {
    this.#identity = identity;
  }

  /** Starts a stream on `response` (its CORS headers already set). */
  open(request: ListenRequest, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(`event: welcome\ndata: ${JSON.stringify({ listenerName: `stand-in-${randomSanityId(8)}` })}\n\n`);
    const connection = { request, response };
    this.#connections.add(connection);
    const keepAlive = setInterval(() => response.write(':\n\n'), keepAliveMs);
    keepAlive.unref();
    response.on('close', () => {
      clearInterval(keepAlive);
      this.#connections.delete(connection);
    });
  }

  /** Sends the transaction's events to every listener, after those of earlier transactions. */
  notify(result: TransactionResult): Promise<void> {
    this.#queue = this.#queue
      .then(() => Promise.all([...this.#connections].map((connection) => this.#send(connection, result))))
      .then(() => undefined);
    return this.#queue;
  }

  /** Ends every stream. */
  close(): void {
    for (const { response } of this.#connections) response.end();
    this.#connections.clear();
  }

  async #matches(request: ListenRequest, doc: SanityDocument | null): Promise<boolean> {
    if (!doc) return false;
    if (!request.authenticated && !isPublishedId(doc._id)) return false;
    if (!request.includeAllVersions && doc._id.startsWith('versions.')) return false;
    const found = await (
      await evaluate(parse(request.query, { params: request.params }), { dataset: [doc], params: request.params })
    ).get();
    return Array.isArray(found) ? found.length > 0 : Boolean(found);
  }

  async #send(connection: Connection, result: TransactionResult): Promise<void> {
    const { request, response } = connection;
    const seen: { change: DocumentChange; before: boolean; after: boolean }[] = [];
    for (const change of result.changes) {
      const before = await this.#matches(request, change.before);
      const after = await this.#matches(request, change.after);
      if (before || after) seen.push({ change, before, after });
    }
    const timestamp = result.time.toISOString();
    seen.forEach(({ change, before, after }, index) => {
      const { id, before: previous, after: next } = change;
      const event = {
        eventId: `${result.transactionId}#${id}`,
        documentId: id,
        transactionId: result.transactionId,
        transition: before && after ? 'update' : after ? 'appear' : 'disappear',
        identity: this.#identity,
        ...(request.includeMutations ? { mutations: result.mutations.get(id) ?? [] } : {}),
        ...(request.includeResult && next ? { result: next } : {}),
        ...(request.includePreviousRevision && previous ? { previous } : {}),
        ...(previous?._rev ? { previousRev: previous._rev } : {}),
        resultRev: next?._rev ?? result.transactionId,
        timestamp,
        visibility: request.visibility,
        ...(request.mendoza ? { effects: { apply: replaceWith(next), revert: replaceWith(previous) } } : {}),
        transactionTotalEvents: seen.length,
        transactionCurrentEvent: index + 1,
      };
      response.write(`event: mutation\nid: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`);
    });
  }
}
