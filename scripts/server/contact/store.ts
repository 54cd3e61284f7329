import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as z from 'zod';

/**
 * `waiting`: to be mailed (or being retried); `held`: an unverified message over the day's mail limit, kept
 * for staff to read with `npm run messages`; `delivered`: mailed (its text is deleted after the retention time).
 */
export type MessageState = 'waiting' | 'held' | 'delivered';

const StoredMessageSchema = z.object({
  id: z.string(),
  received_at: z.number(),
  state: z.enum(['waiting', 'held', 'delivered']),
  verified: z.number().transform((value) => value === 1),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  message: z.string().nullable(),
  /** The language of the page it was sent from; `null` for messages stored before the site had languages (English). */
  language: z.string().nullable(),
  attempts: z.number(),
  next_attempt_at: z.number(),
  last_error: z.string().nullable(),
  delivered_at: z.number().nullable(),
  purged_at: z.number().nullable(),
});

/** One row of the `messages` table; the text fields are `null` once purged. */
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

/** What the visitor sent, as it is stored. */
export interface NewMessage {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  message: string;
  /** The language of the page it was sent from. */
  language: string;
  verified: boolean;
  state: 'waiting' | 'held';
}

const schema = `
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'held', 'delivered')),
  verified INTEGER NOT NULL,
  name TEXT,
  email TEXT,
  phone TEXT,
  message TEXT,
  language TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at INTEGER,
  purged_at INTEGER
);
CREATE INDEX IF NOT EXISTS messages_due ON messages (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS used_challenges (nonce TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS daily_limit_notices (day INTEGER PRIMARY KEY, sent_at INTEGER);
`;

/**
 * The contact messages in SQLite (`node:sqlite`), in a file only its owner can read (mode 0600, folder 0700
 * when it creates it). Every accepted message is written here before anything else happens to it. The
 * server and `npm run messages` may use the file at once (WAL journal, busy timeout).
 */
export class ContactStore {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      closeSync(openSync(path, 'a', 0o600));
      chmodSync(path, 0o600);
    }
    this.#db = new DatabaseSync(path);
    // secure_delete: what is deleted or overwritten is zeroed in the file, not left in free space.
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;');
    this.#db.exec(schema);
    // A database made before the site had languages lacks the column; its messages came from the English page.
    const columns = this.#db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>;
    if (!columns.some((column) => column.name === 'language')) this.#db.exec('ALTER TABLE messages ADD COLUMN language TEXT');
  }

  /** Stores a message; answers its id (12 hex digits, not guessable). */
  add(message: NewMessage, now: number): string {
    const id = randomBytes(6).toString('hex');
    this.#db
      .prepare(
        `INSERT INTO messages (id, received_at, state, verified, name, email, phone, message, language)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        now,
        message.state,
        message.verified ? 1 : 0,
        message.name,
        message.email ?? null,
        message.phone ?? null,
        message.message,
        message.language,
      );
    return id;
  }

  /** Records a solved challenge as used; answers `false` when it already was (a replay). Expired ones are forgotten. */
  claimChallenge(nonce: string, expiresAt: number, now: number): boolean {
    this.#db.prepare('DELETE FROM used_challenges WHERE expires_at < ?').run(now);
    return this.#db.prepare('INSERT OR IGNORE INTO used_challenges (nonce, expires_at) VALUES (?, ?)').run(nonce, expiresAt).changes === 1;
  }

  get(id: string): StoredMessage | undefined {
    const row = this.#db.prepare('SELECT * FROM messages WHERE id = ?').get(id);
    return row ? StoredMessageSchema.parse(row) : undefined;
  }

  /** Waiting messages whose next attempt is due, oldest first. */
  due(now: number, limit = 20): StoredMessage[] {
    return this.#db
      .prepare("SELECT * FROM messages WHERE state = 'waiting' AND next_attempt_at <= ? ORDER BY received_at LIMIT ?")
      .all(now, limit)
      .map((row) => StoredMessageSchema.parse(row));
  }

  /** When the next waiting message is due, if any waits. */
  nextDueAt(): number | undefined {
    const row = this.#db.prepare("SELECT MIN(next_attempt_at) AS at FROM messages WHERE state = 'waiting'").get();
    return typeof row?.['at'] === 'number' ? row['at'] : undefined;
  }

  markDelivered(id: string, now: number): void {
    this.#db.prepare("UPDATE messages SET state = 'delivered', delivered_at = ?, last_error = NULL WHERE id = ?").run(now, id);
  }

  /** Records a failed attempt; `error` must say nothing of the message (it is shown by `npm run messages`). */
  markFailed(id: string, nextAttemptAt: number, error: string): void {
    this.#db
      .prepare('UPDATE messages SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?')
      .run(nextAttemptAt, error.slice(0, 300), id);
  }

  /** Unverified messages received since `since` that are (or will be) mailed: the day's cap counts these. */
  unverifiedMailedSince(since: number): number {
    const row = this.#db
      .prepare("SELECT COUNT(*) AS n FROM messages WHERE verified = 0 AND state IN ('waiting', 'delivered') AND received_at >= ?")
      .get(since);
    return Number(row?.['n'] ?? 0);
  }

  counts(): Record<MessageState, number> & { failing: number } {
    const counts = { waiting: 0, held: 0, delivered: 0, failing: 0 };
    for (const row of this.#db.prepare('SELECT state, COUNT(*) AS n, SUM(attempts > 0) AS failing FROM messages GROUP BY state').all()) {
      counts[row['state'] as MessageState] = Number(row['n']);
      if (row['state'] === 'waiting') counts.failing = Number(row['failing'] ?? 0);
    }
    return counts;
  }

  /** The messages in one state (or all), oldest first. */
  list(state?: MessageState): StoredMessage[] {
    const rows = state
      ? this.#db.prepare('SELECT * FROM messages WHERE state = ? ORDER BY received_at').all(state)
      : this.#db.prepare('SELECT * FROM messages ORDER BY received_at').all();
    return rows.map((row) => StoredMessageSchema.parse(row));
  }

  /** Makes waiting messages (or one message, held ones included) due now; answers how many. */
  retry(id?: string): number {
    if (id) {
      return Number(
        this.#db
          .prepare(
            "UPDATE messages SET state = 'waiting', next_attempt_at = 0 WHERE id = ? AND state IN ('waiting', 'held') AND purged_at IS NULL",
          )
          .run(id).changes,
      );
    }
    return Number(this.#db.prepare("UPDATE messages SET next_attempt_at = 0 WHERE state = 'waiting'").run().changes);
  }

  /**
   * Deletes the text and the visitor's details of messages delivered, or held, before `cutoff`; the row
   * stays (id, times, state) so that counts add up. Answers how many were purged.
   *
   * The old rows are zeroed in the database file (`secure_delete`), and the write-ahead log, which still
   * holds copies of the pages they were on, is copied into the file and emptied (`wal_checkpoint(TRUNCATE)`),
   * so no byte of a purged message stays in any of the database's files.
   */
  purge(cutoff: number, now: number): number {
    const purged = Number(
      this.#db
        .prepare(
          `UPDATE messages SET name = NULL, email = NULL, phone = NULL, message = NULL, purged_at = ?
           WHERE purged_at IS NULL AND ((state = 'delivered' AND delivered_at < ?) OR (state = 'held' AND received_at < ?))`,
        )
        .run(now, cutoff, cutoff).changes,
    );
    if (purged > 0) this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    return purged;
  }

  /** Records that the day (its first millisecond, UTC) reached the limit for unverified messages; answers `false` when it already had. */
  noteDailyLimitReached(day: number): boolean {
    return this.#db.prepare('INSERT OR IGNORE INTO daily_limit_notices (day) VALUES (?)').run(day).changes === 1;
  }

  /** The days whose notice to the inbox is still to be sent. */
  unsentDailyLimitNotices(): number[] {
    return this.#db
      .prepare('SELECT day FROM daily_limit_notices WHERE sent_at IS NULL ORDER BY day')
      .all()
      .map((row) => Number(row['day']));
  }

  markDailyLimitNoticeSent(day: number, now: number): void {
    this.#db.prepare('UPDATE daily_limit_notices SET sent_at = ? WHERE day = ?').run(now, day);
  }

  close(): void {
    this.#db.close();
  }
}
