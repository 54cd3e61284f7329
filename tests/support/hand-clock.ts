import type { Clock } from '../../scripts/server/clock.ts';

/** A clock the test moves by hand: sleeps end as it passes their time, or when their signal aborts. */
export function handClock(start: string): Clock & { advance(ms: number): Promise<void>; readonly sleeping: number } {
  let now = Date.parse(start);
  let sleepers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise((done) => setTimeout(done, 0));
  return {
    now: () => now,
    get sleeping() {
      return sleepers.length;
    },
    sleep(ms, signal) {
      return new Promise((done) => {
        if (signal?.aborted || ms <= 0) return done();
        const sleeper = { at: now + ms, wake: () => done() };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers = sleepers.filter((other) => other !== sleeper);
          done();
        });
      });
    },
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        const next = sleepers.filter((sleeper) => sleeper.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        sleepers = sleepers.filter((sleeper) => sleeper !== next);
        now = next.at;
        next.wake();
        await settle();
      }
      now = end;
    },
  };
}
