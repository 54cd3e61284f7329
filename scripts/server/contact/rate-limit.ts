import { createHash, randomBytes } from 'node:crypto';

/** At most `limit` events per client in each window of `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts events per client in fixed windows, held in memory only. Clients are keyed by a hash of their
 * address salted with a random value made when the process starts, so neither the memory nor anything
 * derived from it names an address, and the keys mean nothing after a restart.
 */
export class RateLimiter {
  readonly #salt = randomBytes(32);
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #rule: RateLimit;
  readonly #now: () => number;

  constructor(rule: RateLimit, now: () => number = Date.now) {
    this.#rule = rule;
    this.#now = now;
  }

  #key(address: string): string {
    return createHash('sha256').update(this.#salt).update(address).digest('base64url');
  }

  /** Counts one event; answers the seconds to wait when it is over the limit (the event is not counted then). */
  hit(address: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.#now();
    if (this.#windows.size > 10_000) this.#prune(now);
    const key = this.#key(address);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.#rule.windowMs };
      this.#windows.set(key, window);
    }
    if (window.count >= this.#rule.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    window.count++;
    return { allowed: true };
  }

  #prune(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
