import { type Clock, systemClock } from '../clock.ts';
import type { BuildRequest } from './payload.ts';

/** Runs one build for a batch of requests; rejects when the build failed. `signal` aborts when the server stops. */
export type BuildRunner = (requests: readonly BuildRequest[], signal: AbortSignal) => Promise<unknown>;

/** What became of a request: it opened the next build, or joined the next build already waiting. */
export type EnqueueResult = 'queued' | 'coalesced';

/**
 * A failed rebuild trigger that says what went wrong in words safe to show anyone (`summary`: no token, no
 * build log, no content) and whether trying again can help (a refused token cannot; an outage can).
 */
export class RebuildError extends Error {
  override name = 'RebuildError';
  readonly summary: string;
  readonly retryable: boolean;
  constructor(message: string, summary: string, retryable = true) {
    super(message);
    this.summary = summary;
    this.retryable = retryable;
  }
}

/** Failed builds are tried again after `firstDelayMs`, doubling up to `maxDelayMs`, until `giveUpAfterMs` since the first failure. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { firstDelayMs: 5_000, maxDelayMs: 5 * 60_000, giveUpAfterMs: 60 * 60_000 };

/** The last failure, as `/healthz` shows it. */
export interface BuildFailure {
  /** ISO time of the failure. */
  at: string;
  /** `RebuildError.summary`, or a generic phrase: never the error's full text. */
  reason: string;
  /** Attempts so far for this batch. */
  attempt: number;
  /** ISO time of the next attempt; absent when the batch was given up. */
  nextAttemptAt?: string;
}

export interface BuildQueueStatus {
  running: boolean;
  /** Changes waiting for the next build (not yet in a running or retrying one). */
  waitingChanges: number;
  /** The batch being retried, if any. */
  retrying: { attempt: number; nextAttemptAt: string } | null;
  lastFailure: BuildFailure | null;
}

export interface BuildQueue {
  enqueue(request: BuildRequest): EnqueueResult;
  /** Resolves once no build is running, retrying or waiting. */
  idle(): Promise<void>;
  /**
   * Stops the queue: a settle wait or retry pause ends at once, a running build is told to stop (its
   * runner's signal aborts), and every request not yet built is answered, for the next start to build.
   */
  stop(): Promise<BuildRequest[]>;
  readonly stats: { readonly started: number; readonly succeeded: number; readonly failed: number; readonly retries: number };
  status(): BuildQueueStatus;
}

export interface BuildQueueOptions {
  /**
   * How long the next build waits after its first request before it starts, so that the rest of a
   * burst (an editor publishing several documents) joins it. A burst shorter than twice this causes at
   * most two builds.
   */
  settleMs?: number;
  retry?: RetryPolicy;
  /** Told of each failed attempt (`willRetry` false when the batch is given up); the queue goes on. */
  onFailure?: (error: unknown, requests: readonly BuildRequest[], willRetry: boolean) => void;
  onSuccess?: (requests: readonly BuildRequest[]) => void;
  clock?: Clock;
}

/**
 * Coalesces build requests: at most one build runs and at most one waits. Every request that arrives
 * while a build waits joins it; the waiting build starts once the running one has ended and its settle
 * time has passed, so it sees every change published before it started. A failed build is tried again
 * with exponential back-off (a request arriving meanwhile joins the retry) until it succeeds, its error
 * says retrying cannot help, or the policy's time is up.
 */
export function createBuildQueue(run: BuildRunner, options: BuildQueueOptions = {}): BuildQueue {
  const settleMs = options.settleMs ?? 0;
  const clock = options.clock ?? systemClock;
  const policy = options.retry ?? defaultRetryPolicy;
  const stats = { started: 0, succeeded: 0, failed: 0, retries: 0 };
  let running: Promise<void> | undefined;
  let waiting: { requests: BuildRequest[]; openedAt: number; start?: Promise<void> } | undefined;
  let retrying: BuildQueueStatus['retrying'] = null;
  let lastFailure: BuildFailure | null = null;
  const stopping = new AbortController();
  /** Batches a stop cut short. */
  const unbuilt: BuildRequest[] = [];

  async function build(first: readonly BuildRequest[]): Promise<void> {
    stats.started++;
    let batch = first;
    let firstFailureAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await run(batch, stopping.signal);
        stats.succeeded++;
        options.onSuccess?.(batch);
        return;
      } catch (error) {
        if (stopping.signal.aborted) {
          unbuilt.push(...batch);
          return;
        }
        const failedAt = clock.now();
        firstFailureAt ??= failedAt;
        const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
        const retryable = !(error instanceof RebuildError) || error.retryable;
        const willRetry = retryable && failedAt + delay - firstFailureAt <= policy.giveUpAfterMs;
        const reason = error instanceof RebuildError ? error.summary : 'the rebuild failed';
        lastFailure = {
          at: new Date(failedAt).toISOString(),
          reason: willRetry ? reason : `${reason}; given up after ${attempt} attempt(s)`,
          attempt,
          ...(willRetry ? { nextAttemptAt: new Date(failedAt + delay).toISOString() } : {}),
        };
        options.onFailure?.(error, batch, willRetry);
        if (!willRetry) {
          stats.failed++;
          return;
        }
        retrying = { attempt: attempt + 1, nextAttemptAt: new Date(failedAt + delay).toISOString() };
        await clock.sleep(delay, stopping.signal);
        retrying = null;
        if (stopping.signal.aborted) {
          unbuilt.push(...batch);
          return;
        }
        stats.retries++;
        // Changes published during the pause join the retry: one build covers them all.
        if (waiting) {
          batch = [...batch, ...waiting.requests];
          waiting = undefined;
        }
      }
    }
  }

  /** Starts the waiting build when nothing runs, once its settle time has passed. */
  function schedule(): void {
    if (running || !waiting || waiting.start) return;
    const next = waiting;
    const delay = Math.max(0, next.openedAt + settleMs - clock.now());
    next.start = clock.sleep(delay, stopping.signal).then(() => {
      if (stopping.signal.aborted) return;
      waiting = undefined;
      running = build(next.requests).then(() => {
        running = undefined;
        schedule();
      });
    });
  }

  return {
    stats,
    enqueue(request) {
      let result: EnqueueResult = 'coalesced';
      if (waiting) waiting.requests.push(request);
      else {
        waiting = { requests: [request], openedAt: clock.now() };
        result = 'queued';
      }
      schedule();
      return result;
    },
    async idle() {
      for (;;) {
        if (stopping.signal.aborted) return;
        if (running) await running;
        else if (waiting) await (waiting.start ?? new Promise((done) => setTimeout(done, 10)));
        else return;
      }
    },
    async stop() {
      stopping.abort();
      await running;
      const pending = [...unbuilt, ...(waiting?.requests ?? [])];
      unbuilt.length = 0;
      waiting = undefined;
      return pending;
    },
    status: () => ({
      running: running !== undefined && retrying === null,
      waitingChanges: waiting?.requests.length ?? 0,
      retrying,
      lastFailure,
    }),
  };
}
