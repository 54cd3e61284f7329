import type { BuildRequest } from './payload.ts';

/** Runs one build for a batch of requests; rejects when the build failed. */
export type BuildRunner = (requests: readonly BuildRequest[]) => Promise<unknown>;

/** What became of a request: it opened the next build, or joined the next build already waiting. */
export type EnqueueResult = 'queued' | 'coalesced';

export interface BuildQueue {
  enqueue(request: BuildRequest): EnqueueResult;
  /** Resolves once no build is running or waiting. */
  idle(): Promise<void>;
  readonly stats: { readonly started: number; readonly succeeded: number; readonly failed: number };
}

export interface BuildQueueOptions {
  /**
   * How long the next build waits after its first request before it starts, so that the rest of a
   * burst (an editor publishing several documents) joins it. A burst shorter than twice this causes at
   * most two builds.
   */
  settleMs?: number;
  /** Told of each failed build; the queue goes on with the next one. */
  onFailure?: (error: unknown, requests: readonly BuildRequest[]) => void;
  onSuccess?: (requests: readonly BuildRequest[]) => void;
  now?: () => number;
}

/**
 * Coalesces build requests: at most one build runs and at most one waits. Every request that arrives
 * while a build waits joins it; the waiting build starts once the running one has ended and its settle
 * time has passed, so it sees every change published before it started.
 */
export function createBuildQueue(run: BuildRunner, options: BuildQueueOptions = {}): BuildQueue {
  const settleMs = options.settleMs ?? 0;
  const now = options.now ?? Date.now;
  const stats = { started: 0, succeeded: 0, failed: 0 };
  let running: Promise<void> | undefined;
  let waiting: { requests: BuildRequest[]; openedAt: number; start?: Promise<void> } | undefined;

  async function build(batch: readonly BuildRequest[]): Promise<void> {
    stats.started++;
    try {
      await run(batch);
      stats.succeeded++;
      options.onSuccess?.(batch);
    } catch (error) {
      stats.failed++;
      options.onFailure?.(error, batch);
    }
  }

  /** Starts the waiting build when nothing runs, once its settle time has passed. */
  function schedule(): void {
    if (running || !waiting || waiting.start) return;
    const next = waiting;
    const delay = Math.max(0, next.openedAt + settleMs - now());
    next.start = new Promise<void>((started) => {
      setTimeout(() => {
        waiting = undefined;
        running = build(next.requests).then(() => {
          running = undefined;
          schedule();
        });
        started();
      }, delay);
    });
  }

  return {
    stats,
    enqueue(request) {
      let result: EnqueueResult = 'coalesced';
      if (waiting) waiting.requests.push(request);
      else {
        waiting = { requests: [request], openedAt: now() };
        result = 'queued';
      }
      schedule();
      return result;
    },
    async idle() {
      for (;;) {
        if (running) await running;
        else if (waiting) await (waiting.start ?? new Promise((done) => setTimeout(done, 10)));
        else return;
      }
    },
  };
}
