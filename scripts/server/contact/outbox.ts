import { type Clock, systemClock } from '../clock.ts';
import { contactMail, dailyLimitMail, type SendMail } from './mail.ts';
import type { ContactStore } from './store.ts';

export interface OutboxOptions {
  store: ContactStore;
  /** Absent without `SMTP_URL`: messages then wait in the store. */
  send: SendMail | undefined;
  addresses: { from: string; to: string };
  /** Delivered (and held) messages' text is deleted this long after delivery (or arrival). */
  retentionMs: number;
  /** `CONTACT_UNVERIFIED_DAILY_LIMIT`, named in the notice that a day reached it. */
  unverifiedDailyLimit: number;
  /** Pause after the first failed attempt, doubling up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** How often the store is looked at anyway (for `npm run messages retry`, and retention). */
  pollMs?: number;
  /** Time and the timer of the next pass; tests pass a virtual one. */
  clock?: Clock;
  log: (line: string) => void;
}

/** What failed, without anything the SMTP server may have echoed: a code such as `ECONNECTION` or `EAUTH 535`. */
function failureCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === 'string' ? code : 'ERROR', typeof responseCode === 'number' ? String(responseCode) : ''].join(' ').trim();
}

/**
 * Delivers stored messages: one pass at a time, oldest first, each marked delivered as soon as the SMTP
 * server accepted it. A failed attempt is retried with growing pauses (kept in the store, so a restart
 * resumes them: the first pass after a start tries every waiting message). Logs say ids and counts only.
 */
export function createOutbox(options: OutboxOptions) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const firstDelayMs = options.firstDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 60 * 60_000;
  const pollMs = options.pollMs ?? 60_000;
  const { store, log } = options;
  let pass: Promise<void> | undefined;
  let again = false;
  /** The pause before the next pass; the next scheduling or `close` ends it. */
  let pause: AbortController | undefined;
  let closed = false;
  let lastWaitingLogged = -1;

  async function deliver(startup: boolean): Promise<void> {
    const purged = store.purge(now() - options.retentionMs, now());
    if (purged > 0) log(`contact: deleted the text of ${purged} message(s) older than the retention time`);
    const { send } = options;
    if (!send) {
      const { waiting } = store.counts();
      if (waiting !== lastWaitingLogged) log(`contact: ${waiting} message(s) waiting; set SMTP_URL to deliver them`);
      lastWaitingLogged = waiting;
      return;
    }
    if (startup) store.retry();
    for (let batch = store.due(now()); batch.length > 0 && !closed; batch = store.due(now())) {
      for (const message of batch) {
        try {
          await send(contactMail(message, options.addresses));
          store.markDelivered(message.id, now());
          log(`contact: message ${message.id} delivered`);
        } catch (error) {
          const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** message.attempts);
          const code = failureCode(error);
          store.markFailed(message.id, now() + delay, code);
          log(`contact: delivery of message ${message.id} failed (${code}); next attempt in ${Math.round(delay / 1000)} s`);
        }
      }
    }
    // A notice that could not be sent is tried again at the next pass (within `pollMs`).
    for (const day of closed ? [] : store.unsentDailyLimitNotices()) {
      try {
        await send(dailyLimitMail(day, options.unverifiedDailyLimit, options.addresses));
        store.markDailyLimitNoticeSent(day, now());
        log(`contact: told the inbox that ${new Date(day).toISOString().slice(0, 10)} reached the daily limit for unverified messages`);
      } catch (error) {
        log(`contact: the daily-limit notice could not be sent (${failureCode(error)}); trying again later`);
      }
    }
  }

  function scheduleNext(): void {
    if (closed) return;
    pause?.abort();
    const dueAt = options.send ? store.nextDueAt() : undefined;
    const wait = Math.max(0, Math.min(pollMs, dueAt === undefined ? pollMs : dueAt - now()));
    const current = new AbortController();
    pause = current;
    void clock.sleep(wait, current.signal).then(() => {
      if (!current.signal.aborted) kick();
    });
  }

  function run(startup = false): Promise<void> {
    if (pass) {
      again = true;
      return pass;
    }
    pass = deliver(startup)
      .catch((error: unknown) => log(`contact: delivery pass failed: ${(error as Error).message}`))
      .finally(() => {
        pass = undefined;
        if (again && !closed) {
          again = false;
          void run();
        } else scheduleNext();
      });
    return pass;
  }

  function kick(): void {
    void run();
  }

  return {
    /** The first pass: retention, then every waiting message, due or not. */
    start: () => run(true),
    /** Looks for messages to deliver now (after a new one was stored). */
    kick,
    /** Resolves once no pass runs. */
    async idle(): Promise<void> {
      while (pass) await pass;
    },
    async close(): Promise<void> {
      closed = true;
      pause?.abort();
      while (pass) await pass;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
