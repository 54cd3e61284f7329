import type { Clock } from '../../scripts/server/webhooks/build-queue.ts';
import type { SchedulerClock } from '../../scripts/server/webhooks/scheduled-rebuild.ts';

/** A clock whose time moves only when the test says so; timers and sleeps due on the way run in order. */
export interface VirtualClock extends Clock, SchedulerClock {
  /** Moves time forward by `ms`, running each timer due on the way and letting the work it starts settle. */
  advance(ms: number): Promise<void>;
}

/** Lets pending promise callbacks and I/O callbacks run. */
const settle = () => new Promise((done) => setImmediate(done));

/** A virtual clock starting at `start` (an ISO date and time; by default the real time). */
export function virtualClock(start?: string): VirtualClock {
  let time = start ? Date.parse(start) : Date.now();
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  const setTimer = (run: () => void, ms: number) => {
    ids++;
    timers.push({ at: time + Math.max(0, ms), run, id: ids });
    return ids;
  };
  return {
    now: () => time,
    setTimeout: setTimer,
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    sleep: (ms) => new Promise<void>((done) => setTimer(done, ms)),
    async advance(ms) {
      const end = time + ms;
      await settle();
      for (;;) {
        const next = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!next) break;
        timers = timers.filter((timer) => timer !== next);
        time = next.at;
        next.run();
        await settle();
      }
      time = end;
      await settle();
    },
  };
}
