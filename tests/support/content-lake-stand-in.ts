import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroqSyntaxError, evaluate, parse } from 'groq-js';
import sharp, { type Metadata } from 'sharp';
import { vi } from 'vitest';
import * as z from 'zod';
import { contentTypeOf } from '../../site/lib/mime-types.ts';
import {
  DocumentStore,
  type Mutation,
  MutationError,
  MutationSchema,
  type Perspective,
  randomSanityId,
  type SanityDocument,
  type TransactionResult,
} from './content-lake/document-store.ts';
import { importExport } from './content-lake/import-export.ts';
import { Listeners, readListenRequest } from './content-lake/listener.ts';
import { searchableView, usesTextQuery, withTextQueries } from './content-lake/text-search.ts';
import { type Delivery, type WebhookConfig, WebhookDispatcher } from './content-lake/webhooks.ts';
import { defaultApiVersion } from '../../schemas/settings.ts';
import { listenOnLoopback } from '../../scripts/local-server.ts';

export type { Delivery, WebhookConfig } from './content-lake/webhooks.ts';
export type { Mutation, SanityDocument, TransactionResult } from './content-lake/document-store.ts';

/**
 * A stand-in for the Sanity Content Lake, for tests only: an HTTP server on 127.0.0.1 that speaks
 * the wire format of the endpoints this project uses, so `@sanity/client` (and anything else that
 * talks HTTP to Sanity) runs against it unchanged.
 *
 * - `GET /v<version>/data/query/<dataset>?query=…&$param=<json>` and `POST` with `{query, params}`:
 *   GROQ through `groq-js`, answering `{ms, query, result, syncTags}`. Perspectives `published`
 *   (the default from API version 2025-02-19), `drafts` and `raw`; the last two need a token.
 *   Without a token no document with a dotted id (`drafts.…`, `versions.…`) is ever visible.
 *   `text::query()` is rewritten into `match` first (`content-lake/text-search.ts`).
 * - `GET /v<version>/data/doc/<dataset>/<id,id…>`.
 * - `GET /v<version>/data/listen/<dataset>?query=…`: the listener, a Server-Sent Events stream
 *   (`content-lake/listener.ts`) that the Studio keeps open to confirm saves and follow other editors.
 * - `POST /v<version>/data/mutate/<dataset>`: create, createOrReplace, createIfNotExists, patch
 *   (set, setIfMissing, unset, inc, dec, insert, diffMatchPatch, ifRevisionID) and delete, as one
 *   transaction; needs a write token.
 * - `POST /v<version>/data/actions/<dataset>`: `sanity.action.document.create` (a new document's draft),
 *   `sanity.action.document.edit` (what the editor types: a patch of the draft, which starts as a copy of
 *   the published document) and `sanity.action.document.publish`, as the Studio sends them.
 * - `POST /v<version>/assets/images/<dataset>?filename=…` with the file as the body: stores the image and
 *   answers `{document}`, its `sanity.imageAsset` (dimensions read with sharp).
 * - GROQ-powered webhooks after each transaction (see `content-lake/webhooks.ts`).
 * - `GET /images/<projectId>/<dataset>/<file>`: the export's and the uploaded image files, as the image
 *   CDN serves them (query parameters such as `w` and `auto` are ignored), so a browser test can route
 *   `https://cdn.sanity.io/images/…` here instead of leaving the machine.
 *
 * A token comes as `Authorization: Bearer <token>` or, as from a browser signed in to Sanity, as the
 * `sanitySession` cookie; a request with an `Origin` gets CORS headers allowing that origin with credentials.
 *
 * `@sanity/client` must be created with `useProjectHostname: false` (see `clientConfig()`): its default
 * host `<projectId>.<apiHost>` does not resolve for 127.0.0.1. The project is then named by the
 * `X-Sanity-Project-ID` header, which the stand-in checks.
 */
export interface ContentLakeStandIn {
  /** `http://127.0.0.1:<port>`: the `apiHost` for `@sanity/client` or `SANITY_API_HOST`. */
  readonly url: string;
  /** `url` and other ports into the same server, for a browser to spread its connections over. */
  readonly urls: readonly string[];
  readonly projectId: string;
  readonly dataset: string;
  /** A token that may read drafts and write. */
  readonly writeToken: string;
  /** A token that may read drafts but not write. */
  readonly readToken: string;
  /** The user id that listener events name as the author of every change. */
  readonly identity: string;
  /** Options for `createClient` that point it at the stand-in. */
  clientConfig(options?: { token?: string; apiVersion?: string }): StandInClientConfig;
  /** Every stored document, drafts included. */
  documents(): SanityDocument[];
  getDocument(id: string): SanityDocument | undefined;
  /** Runs mutations as one transaction, then fires the webhooks (as a `POST …/mutate` does). */
  mutate(mutations: readonly Mutation[]): Promise<TransactionResult>;
  /** Publishes `drafts.<id>` as Sanity's publish action does: one transaction that replaces `<id>` and deletes the draft. */
  publish(id: string): Promise<TransactionResult>;
  /** Adds a webhook; answers its id. */
  addWebhook(config: WebhookConfig): string;
  /** Every webhook message so far, oldest first. */
  readonly deliveries: readonly Delivery[];
  /** Resolves when every queued webhook message has been delivered or has failed. */
  webhooksIdle(): Promise<void>;
  /** Sends a delivery again (a retry), optionally signed at another time. */
  redeliver(delivery: Delivery, options?: { signedAt?: Date }): Promise<Response>;
  /** The HTTP requests received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Answers the next `count` data requests with `status` (to test retries and outages). */
  failNextRequests(count: number, status: number): void;
  /** Holds every write request (`mutate`, `actions`) this long before committing it, as a slow save would (0: none). */
  delayWrites(ms: number): void;
  close(): Promise<void>;
}

export interface StandInClientConfig {
  projectId: string;
  dataset: string;
  apiHost: string;
  apiVersion: string;
  useProjectHostname: false;
  useCdn: false;
  token?: string;
}

export interface RecordedRequest {
  method: string;
  /** `query`, `mutate`, `doc`, `actions`, `listen` or `assets`. */
  endpoint: string;
  apiVersion: string;
  status: number;
  /** For queries: the GROQ and its parameters. */
  query?: string;
  params?: Record<string, unknown>;
  perspective?: string;
  /** For queries answering a list: how many items it held (documents fetched, for a document query). */
  resultCount?: number;
  authenticated: boolean;
}

export interface ContentLakeStandInOptions {
  projectId?: string;
  dataset?: string;
  /** The documents to start with. */
  documents?: readonly SanityDocument[];
  /**
   * Or an export to load as `sanity dataset import` would (image fields become asset references and
   * `sanity.imageAsset` documents): its folder (holding `data.ndjson`) or an `.ndjson` file.
   */
  exportPath?: string;
  webhooks?: readonly WebhookConfig[];
  writeToken?: string;
  readToken?: string;
  /** The clock for `_createdAt`, `_updatedAt`, transaction times and signatures. */
  now?: () => Date;
  /** The user id listener events name as the author of every change (`p-stand-in` by default). */
  identity?: string;
}

const routePattern = /^\/v(1|X|\d{4}-\d{2}-\d{2})\/(?:data\/(query|mutate|doc|actions|listen)|(assets)\/images)\/([^/]+)(?:\/(.+))?$/;
const maxBodyBytes = 10 * 1024 * 1024;
class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** What `handle` answers when it has taken over the response (a listener's stream). */
const streaming = Symbol('streaming');

const unauthorized = () => new HttpError(401, { statusCode: 401, error: 'Unauthorized', message: 'Session not found' });
const badRequest = (description: string) => new HttpError(400, { error: { description, type: 'httpBadRequest' } });

const QueryBodySchema = z.object({ query: z.string(), params: z.record(z.string(), z.unknown()).optional() });
const MutateBodySchema = z.object({ mutations: z.array(MutationSchema).min(1) });
const ActionsBodySchema = z.object({
  actions: z
    .array(
      z.looseObject({
        actionType: z.string(),
        draftId: z.string().optional(),
        publishedId: z.string().optional(),
        patch: z.record(z.string(), z.unknown()).optional(),
        attributes: z.looseObject({ _id: z.string().optional(), _type: z.string() }).optional(),
        ifExists: z.enum(['fail', 'ignore']).optional(),
      }),
    )
    .min(1),
  transactionId: z.string().optional(),
});

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new HttpError(413, { error: { description: 'Request body too large', type: 'httpBadRequest' } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const readBody = async (request: IncomingMessage) => (await readBytes(request)).toString('utf8');

/** A `sanitySession` cookie's value: how a browser signed in to Sanity authenticates. */
function sessionCookie(request: IncomingMessage): string | undefined {
  const match = /(?:^|;\s*)sanitySession=([^;]+)/.exec(request.headers.cookie ?? '');
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The file extension Sanity gives an image of each format sharp reads. */
const imageExtensions: Record<string, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  svg: 'svg',
  avif: 'avif',
  tiff: 'tiff',
};

function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Unable to parse the request body as JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`Invalid request body: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** API versions before 2025-02-19 default to the `raw` perspective, later ones to `published`. */
function defaultPerspective(apiVersion: string): Perspective {
  return apiVersion === 'X' || (apiVersion !== '1' && apiVersion >= '2025-02-19') ? 'published' : 'raw';
}

function perspectiveOf(value: string | null, apiVersion: string): Perspective {
  if (value === null || value === '') return defaultPerspective(apiVersion);
  if (value === 'published' || value === 'drafts' || value === 'raw') return value;
  if (value === 'previewDrafts') return 'drafts';
  throw badRequest(`Unsupported perspective "${value}": the stand-in answers published, drafts and raw`);
}

export async function startContentLakeStandIn(options: ContentLakeStandInOptions = {}): Promise<ContentLakeStandIn> {
  const projectId = options.projectId ?? 'standin';
  const dataset = options.dataset ?? 'production';
  const writeToken = options.writeToken ?? 'stand-in-write-token';
  const readToken = options.readToken ?? 'stand-in-read-token';
  const now = options.now ?? (() => new Date());
  const identity = options.identity ?? 'p-stand-in';
  const imported = options.documents || !options.exportPath ? undefined : importExport(options.exportPath, { projectId, dataset });
  const store = new DocumentStore(options.documents ?? imported?.documents ?? [], now);
  const imagesDir = imported?.imagesDir;
  const uploadsDir = mkdtempSync(join(tmpdir(), 'mca-stand-in-uploads-'));
  const listeners = new Listeners(identity);
  const webhooks = new WebhookDispatcher({
    projectId,
    dataset,
    now,
  });
  for (const config of options.webhooks ?? []) webhooks.add(config);
  const requests: RecordedRequest[] = [];
  const failures: number[] = [];
  let writeDelayMs = 0;

  async function commit(mutations: readonly Mutation[], transactionId?: string, dryRun = false): Promise<TransactionResult> {
    const result = await store.transact(mutations, {
      ...(transactionId === undefined ? {} : { transactionId }),
      dryRun,
    });
    if (!dryRun) await Promise.all([listeners.notify(result), webhooks.notify(result)]);
    return result;
  }

  function publishMutations(id: string): Mutation[] {
    const draft = store.get(`drafts.${id}`);
    if (!draft) {
      throw new MutationError(`The action failed: no draft "drafts.${id}" to publish`, [
        { error: { type: 'documentNotFoundError', description: `Document "drafts.${id}" not found`, id: `drafts.${id}` }, index: 0 },
      ]);
    }
    const { _rev, _updatedAt, _createdAt, ...content } = draft;
    const published = store.get(id);
    return [
      { createOrReplace: { ...content, _id: id, _createdAt: published?._createdAt ?? _createdAt } },
      { delete: { id: `drafts.${id}` } },
    ];
  }

  /** Sanity's create action: a new document's first version, its draft (`attributes._id` is `drafts.<id>`). */
  function createMutations(publishedId: string, attributes: { _id?: string | undefined; _type: string }, ifExists?: string): Mutation[] {
    const id = attributes._id ?? `drafts.${publishedId}`;
    if (id !== publishedId && id !== `drafts.${publishedId}`) {
      throw badRequest(`sanity.action.document.create: attributes._id "${id}" is neither "${publishedId}" nor its draft`);
    }
    const document = { ...attributes, _id: id };
    return [ifExists === 'ignore' ? { createIfNotExists: document } : { create: document }];
  }

  /** Sanity's edit action: the draft (a copy of the published document until it exists) gets the patch. */
  function editMutations(draftId: string, publishedId: string, patch: Record<string, unknown>): Mutation[] {
    const mutations: Mutation[] = [];
    const published = store.get(publishedId);
    if (!store.get(draftId) && published) {
      const { _rev, _updatedAt, _createdAt, ...content } = published;
      mutations.push({ createIfNotExists: { ...content, _id: draftId, _type: published._type } });
    }
    const edit = MutationSchema.safeParse({ patch: { ...patch, id: draftId } });
    if (!edit.success) throw badRequest(`Invalid patch in sanity.action.document.edit: ${z.prettifyError(edit.error)}`);
    mutations.push(edit.data);
    return mutations;
  }

  /** Resolves the token of a request: `undefined` without one, 401 for one the project does not know. */
  function tokenOf(request: IncomingMessage): 'read' | 'write' | undefined {
    const header = request.headers.authorization;
    const token = header === undefined ? sessionCookie(request) : /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (token === undefined && header === undefined) return undefined;
    if (token === writeToken) return 'write';
    if (token === readToken) return 'read';
    throw unauthorized();
  }

  async function runQuery(given: string, givenParams: Record<string, unknown>, perspective: Perspective) {
    const started = performance.now();
    const search = usesTextQuery(given);
    const { query, params } = search ? withTextQueries(given, givenParams) : { query: given, params: givenParams };
    try {
      const tree = parse(query, { params });
      const documents = store.view(perspective);
      const value = await evaluate(tree, {
        dataset: search ? searchableView(documents) : documents,
        params,
        sanity: { projectId, dataset },
      });
      const result = await value.get();
      return { ms: Math.round(performance.now() - started), result };
    } catch (error) {
      const position = error instanceof GroqSyntaxError ? error.position : 0;
      throw new HttpError(400, {
        error: { description: (error as Error).message, query: given, start: position, end: position + 1, type: 'queryParseError' },
      });
    }
  }

  async function serveImage(pathname: string, response: ServerResponse): Promise<boolean> {
    const prefix = `/images/${projectId}/${dataset}/`;
    if (!pathname.startsWith(prefix)) return false;
    const file = pathname.slice(prefix.length);
    const named = /^[\w-]+\.[a-z0-9]+$/i.test(file);
    const body = named
      ? ((await readFile(join(uploadsDir, file)).catch(() => undefined)) ??
        (imagesDir ? await readFile(join(imagesDir, file)).catch(() => undefined) : undefined))
      : undefined;
    if (!body) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    else response.writeHead(200, { 'content-type': contentTypeOf(file) }).end(body);
    return true;
  }

  /** Stores an uploaded image under its content hash and answers its asset document, as the Assets API does. */
  async function uploadImage(request: IncomingMessage, url: URL) {
    const bytes = await readBytes(request);
    let info: Metadata;
    try {
      info = await sharp(bytes).metadata();
    } catch {
      throw badRequest('Invalid image, could not read metadata');
    }
    const extension = imageExtensions[info.format ?? ''];
    if (!extension || !info.width || !info.height) throw badRequest(`Unsupported image format "${info.format}"`);
    const { width, height } = info;
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const name = `${sha1}-${width}x${height}.${extension}`;
    const id = `image-${sha1}-${width}x${height}-${extension}`;
    const existing = store.get(id);
    if (existing) return { document: existing };
    await writeFile(join(uploadsDir, name), bytes);
    const path = `images/${projectId}/${dataset}/${name}`;
    const filename = url.searchParams.get('filename');
    const asset: SanityDocument = {
      _id: id,
      _type: 'sanity.imageAsset',
      assetId: sha1,
      sha1hash: sha1,
      extension,
      mimeType: contentTypeOf(name),
      ...(filename ? { originalFilename: filename } : {}),
      path,
      url: `https://cdn.sanity.io/${path}`,
      size: bytes.length,
      uploadId: randomSanityId(32),
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: { _type: 'sanity.imageDimensions', width, height, aspectRatio: width / height },
        hasAlpha: info.hasAlpha ?? false,
        isOpaque: !(info.hasAlpha ?? false),
      },
    };
    const result = await commit([{ create: asset }]);
    return { document: result.results[0]?.document ?? asset };
  }

  async function handle(request: IncomingMessage, record: RecordedRequest, response: ServerResponse): Promise<unknown> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routePattern.exec(url.pathname);
    if (!route) throw new HttpError(404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
    const [, apiVersion = '', dataEndpoint, assetsEndpoint, datasetName = '', rest] = route;
    const endpoint = dataEndpoint ?? assetsEndpoint ?? '';
    Object.assign(record, { endpoint, apiVersion });
    const headerProject = request.headers['x-sanity-project-id'];
    if ((headerProject !== undefined && headerProject !== projectId) || decodeURIComponent(datasetName) !== dataset) {
      throw new HttpError(404, {
        statusCode: 404,
        error: 'Not Found',
        message: `Dataset "${decodeURIComponent(datasetName)}" not found for project ID "${String(headerProject ?? projectId)}"`,
      });
    }
    const failWith = failures.shift();
    if (failWith !== undefined)
      throw new HttpError(failWith, { statusCode: failWith, error: 'Injected failure', message: 'failNextRequests' });
    const token = tokenOf(request);
    record.authenticated = token !== undefined;

    if (endpoint === 'listen') {
      if (request.method !== 'GET') throw new HttpError(405, { error: { description: 'Method not allowed', type: 'httpBadRequest' } });
      let listen: ReturnType<typeof readListenRequest>;
      try {
        listen = readListenRequest(url.searchParams, token !== undefined);
        parse(listen.query, { params: listen.params });
      } catch (error) {
        throw badRequest((error as Error).message);
      }
      Object.assign(record, { query: listen.query, params: listen.params });
      listeners.open(listen, response);
      return streaming;
    }

    if (endpoint === 'query') {
      let query: string | null;
      let params: Record<string, unknown> = {};
      if (request.method === 'POST') {
        ({ query, params = {} } = parseJson(await readBody(request), QueryBodySchema));
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        query = url.searchParams.get('query');
        for (const [key, value] of url.searchParams) {
          if (!key.startsWith('$')) continue;
          try {
            params[key.slice(1)] = JSON.parse(value);
          } catch {
            throw badRequest(`Unable to parse value of "${key}=${value}". Please quote string values.`);
          }
        }
      } else {
        throw new HttpError(405, { error: { description: 'Method not allowed', type: 'httpBadRequest' } });
      }
      if (!query) throw badRequest('The "query" parameter is required');
      const requested = url.searchParams.get('perspective');
      const perspective = perspectiveOf(requested, apiVersion);
      Object.assign(record, { query, params, perspective });
      // Drafts and other dotted ids are private: only a token may see them.
      if (requested !== null && perspective !== 'published' && !token) throw unauthorized();
      const effective = token ? perspective : 'published';
      const { ms, result } = await runQuery(query, params, effective);
      if (Array.isArray(result)) record.resultCount = result.length;
      return {
        ms,
        ...(url.searchParams.get('returnQuery') === 'false' ? {} : { query }),
        result,
        syncTags: [`s1:${Buffer.from(`${dataset}:${effective}`).toString('base64url').slice(0, 6)}`],
      };
    }

    if (endpoint === 'doc') {
      const ids = decodeURIComponent(rest ?? '')
        .split(',')
        .filter(Boolean);
      const documents = [];
      const omitted = [];
      for (const id of ids) {
        const doc = store.get(id);
        if (doc && (token || !id.includes('.'))) documents.push(doc);
        else omitted.push({ id, reason: doc ? 'permission' : 'existence' });
      }
      return { documents, omitted };
    }

    if (request.method !== 'POST') throw new HttpError(405, { error: { description: 'Method not allowed', type: 'httpBadRequest' } });
    if (!token) throw unauthorized();
    if (token !== 'write') {
      throw new HttpError(403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient permissions; permission "update" required' });
    }
    const dryRun = url.searchParams.get('dryRun') === 'true';
    if (writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, writeDelayMs));
    if (endpoint === 'assets') return uploadImage(request, url);

    if (endpoint === 'mutate') {
      const { mutations } = parseJson(await readBody(request), MutateBodySchema);
      const result = await commit(mutations, url.searchParams.get('transactionId') ?? undefined, dryRun);
      const withDocuments = url.searchParams.get('returnDocuments') === 'true';
      return {
        transactionId: result.transactionId,
        results: result.results.map(({ id, operation, document }) =>
          withDocuments && document ? { id, operation, document } : { id, operation },
        ),
      };
    }

    // actions
    const body = parseJson(await readBody(request), ActionsBodySchema);
    const mutations: Mutation[] = [];
    for (const action of body.actions) {
      if (action.actionType === 'sanity.action.document.create' && action.publishedId && action.attributes) {
        mutations.push(...createMutations(action.publishedId, action.attributes, action.ifExists));
      } else if (action.actionType === 'sanity.action.document.publish' && action.publishedId) {
        mutations.push(...publishMutations(action.publishedId));
      } else if (action.actionType === 'sanity.action.document.edit' && action.draftId && action.publishedId && action.patch) {
        mutations.push(...editMutations(action.draftId, action.publishedId, action.patch));
      } else {
        throw badRequest(`The stand-in implements only sanity.action.document.create, .edit and .publish, not ${action.actionType}`);
      }
    }
    const result = await commit(mutations, body.transactionId, dryRun);
    return { transactionId: result.transactionId };
  }

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const origin = request.headers.origin;
    if (origin) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
      response.setHeader('vary', 'origin');
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'authorization, content-type',
      });
      response.end();
      return;
    }
    if (request.method === 'GET' && (await serveImage(new URL(request.url ?? '/', 'http://127.0.0.1').pathname, response))) return;
    const record: RecordedRequest = { method: request.method ?? 'GET', endpoint: '', apiVersion: '', status: 200, authenticated: false };
    requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    handle(request, record, response).then(
      (body) => {
        if (body !== streaming) send(200, body);
      },
      (error: unknown) => {
        if (error instanceof HttpError) send(error.status, error.body);
        else if (error instanceof MutationError) {
          send(error.status, { error: { description: error.message, items: error.items, type: 'mutationError' } });
        } else send(500, { statusCode: 500, error: 'Internal Server Error', message: (error as Error).message });
      },
    );
  });
  const { url, close } = await listenOnLoopback(server);
  // More ports into the same server: a browser keeps at most six HTTP/1.1 connections open to each, and
  // the Studio keeps more listener streams open than that (the Content Lake speaks HTTP/2): 17 after a
  // dozen views, and a stream queued behind them leaves the next document unsaveable until one closes.
  const extraPorts = await Promise.all(
    Array.from({ length: 7 }, async () => {
      const port = createNetServer((socket) => server.emit('connection', socket));
      await new Promise<void>((resolve) => port.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(port.address() as AddressInfo).port}`,
        close: () => new Promise<void>((resolve) => port.close(() => resolve())),
      };
    }),
  );

  return {
    url,
    urls: [url, ...extraPorts.map((port) => port.url)],
    projectId,
    dataset,
    writeToken,
    readToken,
    identity,
    clientConfig: (config = {}) => ({
      projectId,
      dataset,
      apiHost: url,
      apiVersion: config.apiVersion ?? defaultApiVersion,
      useProjectHostname: false,
      useCdn: false,
      ...(config.token === undefined ? {} : { token: config.token }),
    }),
    documents: () => store.all(),
    getDocument: (id) => store.get(id),
    mutate: (mutations) => commit(mutations),
    publish: (id) => commit(publishMutations(id)),
    addWebhook: (config) => webhooks.add(config),
    deliveries: webhooks.deliveries,
    webhooksIdle: () => webhooks.idle(),
    redeliver: (delivery, redeliverOptions) => webhooks.redeliver(delivery, redeliverOptions),
    requests,
    failNextRequests(count, status) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    delayWrites(ms) {
      writeDelayMs = ms;
    },
    async close() {
      await webhooks.idle();
      listeners.close();
      await Promise.all(extraPorts.map((port) => port.close()));
      await close();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Points the builds this test process starts (the centre's server's, and their child processes) at `lake`
 * in live mode with its read token, as a deployed server's builds read the Content Lake. `vi.unstubAllEnvs()`
 * undoes it.
 */
export function buildFromStandIn(lake: ContentLakeStandIn, siteUrl = 'https://mca.example'): void {
  vi.stubEnv('SANITY_PROJECT_ID', lake.projectId);
  vi.stubEnv('SANITY_DATASET', lake.dataset);
  vi.stubEnv('SANITY_API_HOST', lake.url);
  vi.stubEnv('SANITY_API_READ_TOKEN', lake.readToken);
  vi.stubEnv('SANITY_EXPORT_FILE', '');
  vi.stubEnv('SITE_URL', siteUrl);
}
