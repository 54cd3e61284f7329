/**
 * Article bodies are kept out of Astro's data store, in a SQLite file beside it in the cache folder.
 * The data store is serialised whole into the build's bundle and parsed whole again for rendering
 * (`astro:data-layer-content`): with the bodies in it, 10,000 articles made it 95 MB, which cost the
 * build more than a gigabyte of memory and several seconds twice over. Without them it holds what lists
 * and links need, and an article page reads its one body from here as it renders.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** What an article's `body` is in the data store: the file that holds it, read by the article's `_id`. */
interface BodyPointer {
  articleBodies: string;
}

/** The file in the content-layer cache folder (Astro's `cacheDir`). */
export function articleBodiesFile(cacheDir: URL): string {
  return join(fileURLToPath(cacheDir), 'article-bodies.sqlite');
}

/** The loader's side: saves the bodies of a synced dataset's articles (pages read them with `attachBody`). */
export class ArticleBodyStore {
  readonly #db: DatabaseSync;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    mkdirSync(join(file, '..'), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA busy_timeout = 5000;');
    this.#db.exec('CREATE TABLE IF NOT EXISTS bodies (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  }

  /** The `_id`s of the articles whose body is stored. */
  ids(): Set<string> {
    return new Set(
      this.#db
        .prepare('SELECT id FROM bodies')
        .all()
        .map((row) => String(row['id'])),
    );
  }

  /** Writes the bodies of `changed` and forgets every article not in `keep`, in one transaction. */
  save(changed: ReadonlyArray<{ _id: string; body: unknown }>, keep: ReadonlySet<string>): void {
    const upsert = this.#db.prepare('INSERT INTO bodies (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body');
    const remove = this.#db.prepare('DELETE FROM bodies WHERE id = ?');
    this.#db.exec('BEGIN');
    try {
      for (const id of this.ids()) if (!keep.has(id)) remove.run(id);
      for (const article of changed) upsert.run(article._id, JSON.stringify(article.body));
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The article as the data store keeps it: `body` replaced by where to read it. */
  detach<T extends { body: unknown }>(article: T): Omit<T, 'body'> & { body: BodyPointer } {
    return { ...article, body: { articleBodies: this.file } };
  }

  close(): void {
    this.#db.close();
  }
}

/** One read-only connection and statement per body file, for the whole build. */
const readers = new Map<string, StatementSync>();

function readBody(file: string, id: string): unknown[] {
  let select = readers.get(file);
  if (!select) {
    select = new DatabaseSync(file, { readOnly: true }).prepare('SELECT body FROM bodies WHERE id = ?');
    readers.set(file, select);
  }
  const row = select.get(id);
  if (!row) throw new Error(`The body of article ${id} is missing from ${file}: delete the cache folder and build again.`);
  return JSON.parse(String(row['body'])) as unknown[];
}

/**
 * Turns an article read from the data store back into the document the loader validated: `body` reads
 * the stored body each time it is used, so no more than the page being rendered (or the document being
 * validated again) holds one.
 */
export function attachBody(article: Record<string, unknown>): void {
  const pointer = article['body'] as BodyPointer | undefined;
  if (typeof pointer?.articleBodies !== 'string') return;
  const { articleBodies } = pointer;
  const id = String(article['_id']);
  Object.defineProperty(article, 'body', { enumerable: true, configurable: true, get: () => readBody(articleBodies, id) });
}
