/**
 * Time as the server's timers see it (the build queue's settle time and retry pauses, the scheduled
 * rebuilds, the contact outbox's passes). Tests pass a virtual one, so that an hour of back-off takes no time.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((done) => {
      if (signal?.aborted) return done();
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        done();
      };
      // A pause never keeps the process alive on its own: the server's socket does while it runs.
      const timer = setTimeout(finish, ms).unref();
      signal?.addEventListener('abort', finish, { once: true });
    }),
};
