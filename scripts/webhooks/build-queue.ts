import type { BuildRequest } from './payload.ts';

/** Runs one build for a batch of requests; rejects when the build failed. */
export type BuildRunner = (requests: readonly BuildRequest[]) => Promise<unknown>;

/** What became of a request: a build started for it, or it waits in (or joined) the one queued build. */
export type EnqueueResult = 'started' | 'queued' | 'coalesced';

export interface BuildQueue {
  enqueue(request: BuildRequest): EnqueueResult;
  /** Resolves once no build is running or queued. */
  idle(): Promise<void>;
  readonly stats: { readonly started: number; readonly succeeded: number; readonly failed: number };
}

export interface BuildQueueOptions {
  /** Told of each failed build; the queue goes on with the next one. */
  onFailure?: (error: unknown, requests: readonly BuildRequest[]) => void;
  onSuccess?: (requests: readonly BuildRequest[]) => void;
}

/**
 * Coalesces build requests: at most one build runs and at most one waits. A request that arrives while
 * a build runs joins the waiting build, which starts when the running one ends and so sees every change
 * made before it started. A burst of any size therefore causes at most two builds.
 */
export function createBuildQueue(run: BuildRunner, options: BuildQueueOptions = {}): BuildQueue {
  const stats = { started: 0, succeeded: 0, failed: 0 };
  let running: Promise<void> | undefined;
  let waiting: BuildRequest[] | undefined;

  function start(batch: BuildRequest[]): void {
    stats.started++;
    running = (async () => {
      try {
        await run(batch);
        stats.succeeded++;
        options.onSuccess?.(batch);
      } catch (error) {
        stats.failed++;
        options.onFailure?.(error, batch);
      }
    })().then(() => {
      running = undefined;
      const next = waiting;
      waiting = undefined;
      if (next) start(next);
    });
  }

  return {
    stats,
    enqueue(request) {
      if (!running) {
        start([request]);
        return 'started';
      }
      if (!waiting) {
        waiting = [request];
        return 'queued';
      }
      waiting.push(request);
      return 'coalesced';
    },
    async idle() {
      while (running) await running;
    },
  };
}
