/**
 * The delivery keys already accepted, kept for a while: Sanity retries a delivery for up to 30 minutes
 * with the same `idempotency-key`. Held in memory, so a restart forgets them (a repeat after a restart
 * costs one extra build, never a missed one). Bounded in size: the oldest keys go first.
 */
export class IdempotencyStore {
  readonly #seen = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxKeys: number;

  constructor(options: { ttlMs?: number; maxKeys?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  has(key: string, now: number): boolean {
    const expires = this.#seen.get(key);
    if (expires === undefined) return false;
    if (expires > now) return true;
    this.#seen.delete(key);
    return false;
  }

  add(key: string, now: number): void {
    this.#seen.delete(key);
    this.#seen.set(key, now + this.#ttlMs);
    while (this.#seen.size > this.#maxKeys) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
  }
}
