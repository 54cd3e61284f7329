import type { ServerConfig } from '../config.ts';
import type { Route } from '../routes.ts';
import type { Clock } from '../clock.ts';
import { type BuildRunner, createBuildQueue, type RetryPolicy } from './build-queue.ts';
import { createWebhookHandler, webhookBodyLimit } from './handler.ts';
import { openContentSource } from '../../../site/lib/content/sources/index.ts';
import { keepPendingRebuilds, takePendingRebuilds } from './pending-rebuilds.ts';
import { runBuildScript } from './run-build-script.ts';
import { nextScheduledFrom, startScheduledRebuilds } from './scheduled-rebuild.ts';
import { createGithubDispatch } from './github-dispatch.ts';

/** Builds the site into its link (`LIVE_LINK`), as `npm run build` does; rejects when the build failed. */
export type BuildCommand = (out: string, signal: AbortSignal) => Promise<void>;

export interface WebhooksPartOptions {
  /** The local build; by default `node scripts/build.ts` (`run-build-script.ts`). */
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
  /** The scheduled rebuilds' clock: apart from `clock`, whose test pauses pass at once. */
  scheduleClock?: Clock;
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
    return async (requests, signal) => {
      await dispatch(requests, signal);
      log(`asked GitHub Actions to publish ${config.GITHUB_REPOSITORY} (${requests.length} change(s))`);
    };
  }
  const build: BuildCommand =
    options.build ?? ((out, signal) => runBuildScript({ out, settings: config, signal, log: (line) => log(`  build | ${line}`) }));
  return async (requests, signal) => {
    log(`building the site for ${requests.length} change(s)`);
    await build(config.LIVE_LINK, signal);
  };
}

/**
 * The webhook part: `POST <WEBHOOK_PATH>` checks a signed Sanity webhook and hands it to the build queue,
 * which coalesces bursts and either asks GitHub Actions to build and deploy (REBUILD_MODE=github) or builds
 * the site into `LIVE_LINK` as `npm run build` does (REBUILD_MODE=local), retrying failures with back-off.
 * Changes not built when the server stops are kept in `PENDING_REBUILDS_FILE` and built after the next start.
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
  const pending = takePendingRebuilds(config.PENDING_REBUILDS_FILE, log);
  if (pending.length > 0) log(`building ${pending.length} change(s) left from the last run`);
  for (const request of pending) queue.enqueue(request);
  const route: Route = { bodyLimit: webhookBodyLimit, handle: (request) => handler(request) };
  return {
    queue,
    routes: { [config.WEBHOOK_PATH]: route } as Record<string, Route>,
    /** What `/healthz` says: what is pending and the last failure, nothing about where or how it deploys. */
    health: () => ({ builds: queue.stats, ...queue.status() }),
    /** Stops at once, even in a retry pause or a build, keeping what is not built yet. */
    close: async () => {
      schedule.stop();
      const pending = await queue.stop();
      keepPendingRebuilds(config.PENDING_REBUILDS_FILE, pending);
      if (pending.length > 0)
        log(`stopped with ${pending.length} change(s) not built: kept in ${config.PENDING_REBUILDS_FILE} for the next start`);
    },
  };
}

export type WebhooksPart = ReturnType<typeof createWebhooksPart>;
