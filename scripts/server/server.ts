/**
 * The webhook receiver: `npm run webhooks`. Sanity posts a signed request when a document is published;
 * the receiver checks it and then, coalescing bursts, either asks GitHub Actions to build and deploy
 * (REBUILD_MODE=github) or builds a new local release and flips `live` to it (REBUILD_MODE=local).
 * Settings come from the environment (see `config.ts` and the README).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type BuildQueue, type BuildRunner, createBuildQueue } from './webhooks/build-queue.ts';
import { ConfigError, readWebhookServerConfig, type WebhookServerConfig } from './config.ts';
import { createWebhookHandler } from './webhooks/handler.ts';
import { sendWebResponse, toWebRequest } from './node-http.ts';
import { liveRelease } from './webhooks/releases.ts';
import { runBuildScript } from './webhooks/run-build-script.ts';
import { createStaticHandler } from './static-files.ts';
import { createGithubDispatch } from './webhooks/triggers/github-dispatch.ts';
import { type BuildCommand, createLocalRebuild } from './webhooks/triggers/local-rebuild.ts';

export interface WebhookServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly queue: BuildQueue;
  close(): Promise<void>;
}

export interface WebhookServerDependencies {
  /** The local build; by default `node scripts/build.ts --out <dir>`. */
  build?: BuildCommand;
  /** The fetch used for GitHub. */
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

function createRunner(config: WebhookServerConfig, dependencies: WebhookServerDependencies, log: (line: string) => void): BuildRunner {
  if (config.REBUILD_MODE === 'github') {
    const dispatch = createGithubDispatch({
      repository: config.GITHUB_REPOSITORY ?? '',
      token: config.GITHUB_TOKEN ?? '',
      apiUrl: config.GITHUB_API_URL,
      eventType: config.GITHUB_EVENT_TYPE,
      ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
    });
    return async (requests) => {
      await dispatch(requests);
      log(`asked GitHub Actions to publish ${config.GITHUB_REPOSITORY} (${requests.length} change(s))`);
    };
  }
  const rebuild = createLocalRebuild({
    releasesDir: config.RELEASES_DIR,
    liveLink: config.LIVE_LINK,
    keep: config.KEEP_RELEASES,
    build:
      dependencies.build ??
      ((outDir) => runBuildScript(outDir, { cacheDir: config.BUILD_CACHE_DIR, log: (line) => log(`  build | ${line}`) })),
    log,
  });
  return async (requests) => {
    log(`building a new release for ${requests.length} change(s)`);
    await rebuild();
  };
}

/** Starts the receiver; with `SERVE_LIVE` it also serves the live release on the same port. */
export async function startWebhookServer(
  config: WebhookServerConfig,
  dependencies: WebhookServerDependencies = {},
): Promise<WebhookServer> {
  const log = dependencies.log ?? ((line: string) => console.log(`[webhooks] ${line}`));
  const queue = createBuildQueue(createRunner(config, dependencies, log), {
    settleMs: config.BUILD_SETTLE_MS,
    ...(dependencies.now ? { now: dependencies.now } : {}),
    onFailure: (error) =>
      log(
        `build failed: ${(error as Error).message}` +
          (config.REBUILD_MODE === 'local' ? `\n  ${config.LIVE_LINK} still serves the previous release.` : ''),
      ),
  });
  const webhook = createWebhookHandler({
    secret: config.SANITY_WEBHOOK_SECRET,
    enqueue: (request) => queue.enqueue(request),
    ...(dependencies.now ? { now: dependencies.now } : {}),
    log,
  });
  const site = config.SERVE_LIVE ? createStaticHandler(resolve(config.LIVE_LINK)) : undefined;

  const route = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === config.WEBHOOK_PATH) return webhook(request);
    if (pathname === '/healthz') {
      return Response.json({
        mode: config.REBUILD_MODE,
        builds: queue.stats,
        ...(config.REBUILD_MODE === 'local' ? { live: liveRelease(config.LIVE_LINK, config.RELEASES_DIR)?.id ?? null } : {}),
      });
    }
    if (site) return site(request);
    return new Response('Not found\n', { status: 404 });
  };

  let origin = '';
  const server: Server = createServer((request, response) => {
    toWebRequest(request, origin)
      .then(route)
      .then((answer) => sendWebResponse(answer, response))
      .catch((error: unknown) => {
        log(`request failed: ${(error as Error).stack ?? String(error)}`);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Internal error\n');
      });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.WEBHOOK_PORT, config.WEBHOOK_HOST, () => done());
  });
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: origin,
    queue,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      await queue.idle();
    },
  };
}

if (import.meta.main) {
  let config: WebhookServerConfig;
  try {
    config = readWebhookServerConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\n\nSee "Publishing on Sanity webhooks" in the README.`);
    process.exit(1);
  }
  const server = await startWebhookServer(config);
  const target =
    config.REBUILD_MODE === 'github'
      ? `GitHub repository_dispatch "${config.GITHUB_EVENT_TYPE}" to ${config.GITHUB_REPOSITORY}`
      : `local releases in ${config.RELEASES_DIR}/, live at ${config.LIVE_LINK}`;
  console.log(`[webhooks] listening on ${server.url}${config.WEBHOOK_PATH}: ${target}`);
  if (config.SERVE_LIVE) console.log(`[webhooks] serving the live release at ${server.url}/`);
  const stop = () => {
    console.log('[webhooks] stopping: waiting for a running build to end');
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
