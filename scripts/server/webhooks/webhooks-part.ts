import type { ServerConfig } from '../config.ts';
import type { Route } from '../routes.ts';
import { type BuildRunner, type Clock, createBuildQueue, type RetryPolicy } from './build-queue.ts';
import { createWebhookHandler, webhookBodyLimit } from './handler.ts';
import { openContentSource } from '../../../site/lib/content/sources/index.ts';
import { runBuildScript } from './run-build-script.ts';
import { nextScheduledFrom, type SchedulerClock, startScheduledRebuilds } from './scheduled-rebuild.ts';
import { createGithubDispatch } from './triggers/github-dispatch.ts';
import { type BuildCommand, createLocalRebuild } from './triggers/local-rebuild.ts';

export interface WebhooksPartOptions {
  /** The local build; by default `node scripts/build.ts --out <dir>`. */
  build?: BuildCommand;
  /** The fetch used for GitHub. */
  fetch?: typeof fetch;
  /** The clock of the build queue's settle time and retry pauses. */
  clock?: Clock;
  /** Overrides the retry policy (`REBUILD_RETRY_MINUTES` sets only its limit). */
  retry?: RetryPolicy;
  /** The clock of the signature's time window. */
  now?: () => number;
  /** When the next scheduled article is due; by default asked of the content source the build reads. */
  nextScheduledAfter?: (now: Date) => Promise<Date | undefined>;
  /** The scheduled-rebuild timer's clock (it needs timers it can cancel, which `clock` has not). */
  scheduleClock?: SchedulerClock;
  log: (line: string) => void;
}

function createRunner(config: ServerConfig, options: WebhooksPartOptions): BuildRunner {
  const { log } = options;
  if (config.REBUILD_MODE === 'github') {
    const dispatch = createGithubDispatch({
      repository: config.GITHUB_REPOSITORY ?? '',
      token: config.GITHUB_TOKEN ?? '',
      apiUrl: config.GITHUB_API_URL,
      eventType: config.GITHUB_EVENT_TYPE,
      ...(options.fetch ? { fetch: options.fetch } : {}),
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
    build: options.build ?? ((outDir) => runBuildScript(outDir, { cacheDir: config.BUILD_CACHE_DIR, log: (line) => log(`  build | ${line}`) })),
    log,
  });
  return async (requests) => {
    log(`building a new release for ${requests.length} change(s)`);
    await rebuild();
  };
}

/**
 * The webhook part: `POST <WEBHOOK_PATH>` checks a signed Sanity webhook and hands it to the build queue,
 * which coalesces bursts and either asks GitHub Actions to build and deploy (REBUILD_MODE=github) or builds
 * a new local release and points `live` at it (REBUILD_MODE=local), retrying failures with back-off.
 */
export function createWebhooksPart(config: ServerConfig & { SANITY_WEBHOOK_SECRET: string }, options: WebhooksPartOptions) {
  const { log } = options;
  const queue = createBuildQueue(createRunner(config, options), {
    settleMs: config.BUILD_SETTLE_MS,
    retry: options.retry ?? { firstDelayMs: 5_000, maxDelayMs: 5 * 60_000, giveUpAfterMs: config.REBUILD_RETRY_MINUTES * 60_000 },
    ...(options.clock ? { clock: options.clock } : {}),
    onFailure: (error, _requests, willRetry) => {
      const report =
        `build failed: ${(error as Error).message}` +
        (willRetry ? '\n  it will be tried again' : '\n  given up: publish again, or run the build by hand') +
        (config.REBUILD_MODE === 'local' ? `\n  ${config.LIVE_LINK} still serves the previous release.` : '');
      // The log escapes line breaks inside a line; the report's own lines are written one by one.
      for (const line of report.split('\n')) log(line);
    },
  });
  const handler = createWebhookHandler({
    secret: config.SANITY_WEBHOOK_SECRET,
    enqueue: (request) => queue.enqueue(request),
    ...(options.now ? { now: options.now } : {}),
    log,
  });
  // A scheduled article appears in the first build after its time: the timer asks for that build.
  const schedule = startScheduledRebuilds({
    enqueue: (request) => queue.enqueue(request),
    nextScheduledAfter: options.nextScheduledAfter ?? (async (now) => nextScheduledFrom(await openContentSource())(now)),
    ...(options.scheduleClock ? { clock: options.scheduleClock } : {}),
    log,
  });
  const route: Route = { bodyLimit: webhookBodyLimit, handle: (request) => handler(request) };
  return {
    queue,
    routes: { [config.WEBHOOK_PATH]: route } as Record<string, Route>,
    /** What `/healthz` says: what is pending and the last failure, nothing about where or how it deploys. */
    health: () => ({ builds: queue.stats, ...queue.status() }),
    close: () => {
      schedule.stop();
      return queue.idle();
    },
  };
}

export type WebhooksPart = ReturnType<typeof createWebhooksPart>;
