import { createHash, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';

/** At most `limit` events per client in each window of `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part read as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The client a limit counts: an IPv4 address as it is; an IPv6 address by its /64 network, since one
 * household or server is given a whole /64 and can send from any address in it. An IPv4 address written
 * as IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
export function clientGroup(address: string): string {
  if (!isIPv6(address.replace(/%.*$/, ''))) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [c = 0, d = 0] = groups.slice(6);
    return [c >> 8, c & 0xff, d >> 8, d & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** Clients remembered at most: past it the one whose window ends first is forgotten, so memory and each look-up stay bounded. */
export const defaultMaxClients = 50_000;

/**
 * Counts events per client (`clientGroup`) in fixed windows, held in memory only. Clients are keyed by a
 * hash of their address salted with a random value made when the process starts, so neither the memory
 * nor anything derived from it names an address, and the keys mean nothing after a restart.
 *
 * The table is a `Map` in the order windows started, which is the order they end: expired windows are
 * dropped from its front as they are met, and a full table forgets its oldest window. Every hit costs the
 * same however many clients there are.
 */
export class RateLimiter {
  readonly #salt = randomBytes(32);
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #rule: RateLimit;
  readonly #now: () => number;
  readonly #maxClients: number;

  constructor(rule: RateLimit, now: () => number = Date.now, maxClients = defaultMaxClients) {
    this.#rule = rule;
    this.#now = now;
    this.#maxClients = maxClients;
  }

  /** How many clients are remembered. */
  get size(): number {
    return this.#windows.size;
  }

  #key(address: string): string {
    return createHash('sha256').update(this.#salt).update(clientGroup(address)).digest('base64url');
  }

  /** Counts one event; answers the seconds to wait when it is over the limit (the event is not counted then). */
  hit(address: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.#now();
    const key = this.#key(address);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#windows.delete(key);
      for (const [oldest, { resetAt }] of this.#windows) {
        if (resetAt > now && this.#windows.size < this.#maxClients) break;
        this.#windows.delete(oldest);
      }
      window = { count: 0, resetAt: now + this.#rule.windowMs };
      this.#windows.set(key, window);
    }
    if (window.count >= this.#rule.limit)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    window.count++;
    return { allowed: true };
  }
}
