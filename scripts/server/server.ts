/**
 * The centre's server: `npm run server` (alias `npm run webhooks`). One Node process whose parts are
 * switched on by their settings: Sanity webhooks → rebuilds (`SANITY_WEBHOOK_SECRET`), the contact form
 * (`CONTACT_INBOX`), and the live release as a static site (`SERVE_LIVE`). `GET /healthz` always.
 * Settings come from the environment (`config.ts`; `docs/operating.md`, "Environment variables").
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SettingsError } from '../../schemas/settings.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import type { ContactPart, ContactPartOptions } from './contact/index.ts';
import { healthAccess } from './health-access.ts';
import { safeLog } from './log.ts';
import { clientAddress, readBody, sendWebResponse, webRequest, webRequestMethod } from './node-http.ts';
import type { Route } from './routes.ts';
import { buildInfoPath } from '../../site/lib/build-info.ts';
import { createStaticHandler } from './static-files.ts';
import type { BuildQueue } from './webhooks/build-queue.ts';
import type { WebhooksPart, WebhooksPartOptions } from './webhooks/index.ts';

/** How long a client may take; Node's own defaults (5 minutes for a request) let slow clients hold connections. */
export interface ServerTimeouts {
  /** Time to send the request line and headers. */
  headersMs: number;
  /** Time to send the whole request, body included. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveMs: number;
  /** How often the first two are checked. */
  checkIntervalMs: number;
}

export const defaultTimeouts: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

export interface RunningServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  /** The webhook part's build queue; throws when the part is off. */
  readonly queue: BuildQueue;
  /** The contact part; throws when the part is off. */
  readonly contact: ContactPart;
  /** The Node server (for its connection count). */
  readonly server: Server;
  close(): Promise<void>;
}

export interface ServerDependencies {
  webhooks?: Omit<WebhooksPartOptions, 'log'>;
  contact?: Omit<ContactPartOptions, 'log'>;
  timeouts?: ServerTimeouts;
  log?: (line: string) => void;
}

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** Starts the server with the parts its settings switch on. */
export async function startServer(config: ServerConfig, dependencies: ServerDependencies = {}): Promise<RunningServer> {
  const log = safeLog(dependencies.log ?? ((line: string) => console.log(`[server] ${line}`)));
  const timeouts = dependencies.timeouts ?? defaultTimeouts;
  // Each part is loaded only when its settings switch it on (the webhook part brings the Sanity client, the
  // contact part SQLite and the mailer), so a server with one part, or settings it refuses, starts sooner.
  const webhooks: WebhooksPart | undefined = config.SANITY_WEBHOOK_SECRET
    ? (await import('./webhooks/index.ts')).createWebhooksPart(
        { ...config, SANITY_WEBHOOK_SECRET: config.SANITY_WEBHOOK_SECRET },
        { ...dependencies.webhooks, log },
      )
    : undefined;
  const contact: ContactPart | undefined =
    config.CONTACT_INBOX && config.CONTACT_SECRET && config.SITE_URL
      ? (await import('./contact/index.ts')).createContactPart(
          { ...config, CONTACT_INBOX: config.CONTACT_INBOX, CONTACT_SECRET: config.CONTACT_SECRET, SITE_URL: config.SITE_URL },
          { ...dependencies.contact, log },
        )
      : undefined;
  const site = config.SERVE_LIVE ? createStaticHandler(resolve(config.LIVE_LINK), log) : undefined;

  /** `/healthz`: that the server is up, for anyone; what waits and what failed, for staff (`health-access.ts`). */
  const health: Route = {
    bodyLimit: 0,
    async handle(request, client) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { allow: 'GET, HEAD' });
      const headers = { 'cache-control': 'no-store' };
      const access = healthAccess(request, client, config.HEALTHZ_TOKEN);
      if (access === 'refused') return Response.json({ ok: true }, { status: 401, headers: { ...headers, 'www-authenticate': 'Bearer' } });
      if (access === 'public') return Response.json({ ok: true }, { headers });
      return Response.json(
        { ok: true, ...(webhooks ? { webhooks: webhooks.health() } : {}), ...(contact ? { contact: contact.health() } : {}) },
        { headers },
      );
    },
  };
  const studioOrigin = config.STUDIO_ORIGIN;
  /** The live release's build information, which the Studio reads from another origin. */
  const buildInfo: Route | undefined =
    site && studioOrigin
      ? {
          bodyLimit: 0,
          async handle(request) {
            const response = await site(request);
            response.headers.set('access-control-allow-origin', studioOrigin);
            response.headers.append('vary', 'origin');
            return response;
          },
        }
      : undefined;
  const routes: Record<string, Route> = {
    ...webhooks?.routes,
    ...contact?.routes,
    '/healthz': health,
    ...(buildInfo ? { [`/${buildInfoPath}`]: buildInfo } : {}),
  };
  const fallback: Route = {
    bodyLimit: 0,
    handle: site ? (request) => site(request) : async () => plain(404, 'Not found'),
  };

  async function answer(request: IncomingMessage, response: ServerResponse, origin: string): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (!webRequestMethod(request.method)) {
      log(`refused a ${request.method} request for ${url.pathname}: method not allowed`);
      return sendWebResponse(plain(405, 'Method not allowed', { allow: 'GET, HEAD, POST, OPTIONS' }), response, request);
    }
    const route = routes[url.pathname] ?? fallback;
    const client = clientAddress(request, config.TRUST_PROXY);
    const head = webRequest(request, origin);
    const early = route.precheck?.(head, client);
    if (early) return sendWebResponse(early, response, request);
    const method = request.method ?? 'GET';
    let body: Uint8Array | undefined;
    if (route.bodyLimit > 0 && method !== 'GET' && method !== 'HEAD') {
      body = await readBody(request, route.bodyLimit);
      if (body === undefined) {
        const refusal = route.tooLarge?.(head) ?? plain(413, 'Request body too large');
        return sendWebResponse(refusal, response, request);
      }
    }
    return sendWebResponse(await route.handle(webRequest(request, origin, body), client), response, request);
  }

  let origin = '';
  const server: Server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    (request, response) => {
      answer(request, response, origin).catch((error: unknown) => {
        for (const line of `request failed: ${(error as Error).stack ?? String(error)}`.split('\n')) log(line);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        response.end('Internal error\n');
      });
    },
  );
  server.maxConnections = config.MAX_CONNECTIONS;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, () => done());
  });
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  void contact?.start();
  // The live release's compressed copies, made in the background (a release with none yet is served as it is).
  if (site) void site.compressLive().catch(() => {});
  return {
    url: origin,
    server,
    get queue() {
      if (!webhooks) throw new Error('The webhook part is off: set SANITY_WEBHOOK_SECRET.');
      return webhooks.queue;
    },
    get contact() {
      if (!contact) throw new Error('The contact part is off: set CONTACT_INBOX.');
      return contact;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      await webhooks?.close();
      await contact?.close();
      await site?.close();
    },
  };
}

/** How long a stop may take before the process ends anyway (systemd's stop timeout is longer). */
const stopDeadlineMs = 10_000;

if (import.meta.main) {
  let config: ServerConfig;
  try {
    config = readServerConfig();
    if (config.SERVE_LIVE && !existsSync(config.LIVE_LINK) && !(config.SANITY_WEBHOOK_SECRET && config.REBUILD_MODE === 'local')) {
      throw new SettingsError(
        `SERVE_LIVE=true, but there is no site at ${config.LIVE_LINK} (LIVE_LINK) to serve: build it first with \`npm run build\`.`,
      );
    }
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`${error.message}\n\nSee "The centre's server" in docs/operating.md.`);
    process.exit(1);
  }
  const server = await startServer(config);
  console.log(`[server] listening on ${server.url}`);
  if (config.SANITY_WEBHOOK_SECRET) {
    const target =
      config.REBUILD_MODE === 'github'
        ? `GitHub repository_dispatch "${config.GITHUB_EVENT_TYPE}" to ${config.GITHUB_REPOSITORY}`
        : `builds into ${config.LIVE_LINK}`;
    console.log(`[server] webhooks at ${server.url}${config.WEBHOOK_PATH}: ${target}`);
  }
  if (config.CONTACT_INBOX) {
    console.log(
      `[server] contact form at ${server.url}/contact, for ${config.SITE_URL}; ${config.SMTP_URL ? 'mailing' : 'storing (no SMTP_URL)'} to the inbox`,
    );
  }
  if (config.SERVE_LIVE) {
    console.log(
      existsSync(config.LIVE_LINK)
        ? `[server] serving ${config.LIVE_LINK} at ${server.url}/`
        : `[server] nothing is built at ${config.LIVE_LINK} yet: ${server.url}/ answers 503 until the first publish builds it (or run \`npm run build\`)`,
    );
  }
  const stop = () => {
    console.log('[server] stopping: ending a running build or retry pause, keeping changes not yet built');
    setTimeout(() => {
      console.error(`[server] not stopped after ${stopDeadlineMs / 1000} s: exiting`);
      process.exit(1);
    }, stopDeadlineMs).unref();
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
