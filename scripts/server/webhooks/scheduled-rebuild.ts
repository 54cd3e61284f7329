import * as z from 'zod';
import { nextScheduledArticleQuery } from '../../../schemas/queries.ts';
import type { ContentSource } from '../../../site/lib/content/sources/index.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { BuildRequest } from './payload.ts';

/** One hour: the longest the scheduler waits between two looks at the content. */
export const scheduleCheckIntervalMs = 60 * 60 * 1000;

export interface ScheduledRebuildOptions {
  enqueue(request: BuildRequest): unknown;
  /** The `publishedAt` of the first published article due later than `now`, or `undefined` when none is. */
  nextScheduledAfter(now: Date): Promise<Date | undefined>;
  clock?: Clock;
  /** The longest wait between two looks (default one hour), so an article scheduled later is still seen. */
  maxWaitMs?: number;
  log?: (line: string) => void;
}

export interface ScheduledRebuilds {
  /** When the next scheduled article is due, as last seen; `undefined` when none is. */
  readonly nextDue: Date | undefined;
  stop(): void;
}

/**
 * Rebuilds the site when a scheduled article's time has come (`docs/content-model.md`, `publishedAt`): it looks
 * for the next scheduled article, waits until it is due (at most `maxWaitMs` at a time, then looks again)
 * and enqueues a rebuild on the build queue. The build after that time shows the article.
 */
export function startScheduledRebuilds(options: ScheduledRebuildOptions): ScheduledRebuilds {
  const clock = options.clock ?? systemClock;
  const maxWaitMs = options.maxWaitMs ?? scheduleCheckIntervalMs;
  const log = options.log ?? (() => {});
  let nextDue: Date | undefined;
  const stopping = new AbortController();

  /** One look at the content; answers how long to wait for the next. */
  async function check(): Promise<number> {
    const now = clock.now();
    if (nextDue && nextDue.getTime() <= now) {
      log(`scheduled article due ${nextDue.toISOString()}: rebuilding`);
      options.enqueue({
        documentId: 'scheduled-publishing',
        documentType: 'article',
        operation: 'update',
        idempotencyKey: `scheduled-${nextDue.toISOString()}`,
        receivedAt: new Date(now),
      });
      nextDue = undefined;
    }
    let wait = maxWaitMs;
    try {
      const due = await options.nextScheduledAfter(new Date(now));
      // An answer not later than `now` was already due at this look, and would otherwise repeat forever.
      if (due && due.getTime() > now) nextDue = due;
      if (nextDue) wait = Math.min(maxWaitMs, Math.max(0, nextDue.getTime() - clock.now()));
    } catch (error) {
      log(`could not look for scheduled articles (trying again in an hour): ${(error as Error).message}`);
    }
    return wait;
  }

  void (async () => {
    while (!stopping.signal.aborted) await clock.sleep(await check(), stopping.signal);
  })();
  return {
    get nextDue() {
      return nextDue;
    },
    stop() {
      stopping.abort();
    },
  };
}

const NextScheduledSchema = z.object({ _id: z.string(), publishedAt: z.iso.datetime({ offset: true }) }).nullable();

/** The first scheduled article's time, read from the content source the build reads. */
export function nextScheduledFrom(source: ContentSource): (now: Date) => Promise<Date | undefined> {
  return async (now) => {
    const next = NextScheduledSchema.parse(await source.fetch(nextScheduledArticleQuery, { now: now.toISOString() }));
    return next ? new Date(next.publishedAt) : undefined;
  };
}
