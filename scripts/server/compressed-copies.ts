/**
 * The compressed copies the centre's server sends: `<file>.br` and `<file>.gz` beside each text file of a
 * release, and `<file>.br` beside each of Pagefind's files (what it holds, as Brotli). Nothing is
 * compressed per request.
 *
 * They are made by the server once a release is live, in the background, not by the build: an edit goes
 * live without waiting for them (at 10,000 articles, about a minute of CPU on two cores), a host that
 * compresses by itself (GitHub Pages) gets no extra files, and until a copy exists its file goes out as it
 * is. A file the release before had byte for byte takes that release's copies (a hard link), so after one
 * article changes only the pages that changed are compressed.
 */
import { link, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';
import { contentTypeOf } from '../../site/lib/mime-types.ts';

export type Encoding = 'br' | 'gzip';

/** The name of a file's copy in an encoding. */
export const encodedSuffix: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * What a file is, for compression: `text` (pages, styles, scripts, feeds, SVG) gets a Brotli and a gzip
 * copy; `pagefind`, one of Pagefind's own gzip files, a Brotli copy of what it holds (a client without
 * Brotli is sent Pagefind's file, which Pagefind unpacks itself). Anything else is sent as it is.
 */
export type Compressible = 'text' | 'pagefind';

const textType = /^(text\/|application\/(javascript|json|xml|rss\+xml|manifest\+json)|image\/svg\+xml)/;
/** Pagefind's index (`.pf_meta`, `.pf_index`, `.pf_fragment`, `.pf_filter`) and its WebAssembly (`wasm.<lang>.pagefind`). */
const pagefindFile = /\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/;

export function compressionKind(fileName: string, contentType: string): Compressible | undefined {
  if (textType.test(contentType)) return 'text';
  if (pagefindFile.test(fileName)) return 'pagefind';
  return undefined;
}

/** Pagefind's decompressed files start with this; its script takes them as they are (`decompress` in `pagefind.js`). */
const pagefindSignature = Buffer.from('pagefind_dcd');
const gunzipAsync = promisify(gunzip);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What one of Pagefind's gzip files holds, or `undefined` for a file that is not one. */
async function pagefindPayload(bytes: Buffer): Promise<Buffer | undefined> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return undefined;
  try {
    const payload = await gunzipAsync(bytes);
    return payload.subarray(0, pagefindSignature.length).equals(pagefindSignature) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brotli's quality for a file. Pagefind's page table, index chunks, filters and WebAssembly, and the site's
 * styles and scripts, are few and fetched by every search or page view: the best quality (the page table a
 * fifth smaller than at quality 6). Pages and Pagefind's fragments (one per page) are many, 14,593 and
 * 10,071 at 10,000 articles, and each is fetched rarely: quality 5, about 1 ms a page where the best takes
 * over 10 ms, for a few per cent more bytes.
 */
function brotliQuality(path: string, kind: Compressible): number {
  if (path.endsWith('.pf_fragment')) return 5;
  if (kind === 'pagefind' || /(^|[/\\])_astro[/\\]/.test(path)) return constants.BROTLI_MAX_QUALITY;
  return 5;
}

const brotliOf = (bytes: Buffer, quality: number, kind: Compressible) =>
  brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_MODE]: kind === 'text' ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });

/** The copies `kind` gets, by suffix. */
const suffixesOf = (kind: Compressible) => (kind === 'pagefind' ? [encodedSuffix.br] : [encodedSuffix.br, encodedSuffix.gzip]);

/** The file's compressed copies, each only when smaller than the file. */
async function compress(path: string, bytes: Buffer, kind: Compressible): Promise<[string, Buffer][]> {
  const copies: [string, Buffer][] = [];
  if (kind === 'pagefind') {
    const payload = await pagefindPayload(bytes);
    if (payload) copies.push([encodedSuffix.br, await brotliOf(payload, brotliQuality(path, kind), kind)]);
  } else {
    const [br, gz] = await Promise.all([brotliOf(bytes, brotliQuality(path, kind), kind), gzipAsync(bytes, { level: 9 })]);
    copies.push([encodedSuffix.br, br], [encodedSuffix.gzip, gz]);
  }
  return copies.filter(([, copy]) => copy.length < bytes.length);
}

let partials = 0;

/** Writes a copy under a temporary name, then renames it: the server, reading as this writes, never sends half a copy. */
async function writeCopy(path: string, bytes: Buffer): Promise<void> {
  const partial = `${path}.partial-${process.pid}-${++partials}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Links `from` at `to` (a new name for a whole file: the server never sees it half there); one already there
 * is kept. Where a link cannot be made (another file system) the bytes are copied.
 */
async function linkCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await writeCopy(to, await readFile(from));
  }
}

/** The paths of every file under `root`. */
async function filesUnder(root: string): Promise<Set<string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return new Set(entries.map((entry) => join(entry.parentPath, entry.name)));
}

/** Runs `task` over `items`, `workers` at a time, until they are done or `signal` aborts. */
async function inParallel<T>(
  workers: number,
  items: T[],
  signal: AbortSignal | undefined,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/** What one pass over a release did. */
export interface CompressionPass {
  /** Files that needed copies (those that had them already are not counted). */
  files: number;
  /** Of those, files whose copies came from the release before. */
  reused: number;
}

/**
 * Writes the copies of every file of the release at `root` that has none yet, taking the copies of
 * `previous` (the release live before) for a file it holds byte for byte. Stops between files once `signal`
 * aborts. Compresses a file or two at a time, on zlib's thread pool, so that serving and builds keep a core.
 */
export async function compressRelease(root: string, options: { previous?: string; signal?: AbortSignal } = {}): Promise<CompressionPass> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const names = new Set(entries.map((entry) => join(entry.parentPath, entry.name)));
  const previousNames = options.previous ? await filesUnder(options.previous) : new Set<string>();
  const queue = entries.flatMap((entry) => {
    if (!entry.isFile()) return [];
    const path = join(entry.parentPath, entry.name);
    const kind = compressionKind(entry.name, contentTypeOf(entry.name));
    if (!kind || suffixesOf(kind).some((suffix) => names.has(`${path}${suffix}`))) return [];
    return [{ path, kind }];
  });
  const pass: CompressionPass = { files: queue.length, reused: 0 };
  const reuse = async (path: string, kind: Compressible, previous: string): Promise<boolean> => {
    const before = join(previous, relative(root, path));
    // Only a file with all its copies: the pass over the release before may have been cut short.
    const copies = suffixesOf(kind).map((suffix) => [`${before}${suffix}`, `${path}${suffix}`] as const);
    if (!copies.every(([from]) => previousNames.has(from))) return false;
    const [bytes, old] = await Promise.all([readFile(path), readFile(before).catch(() => undefined)]);
    const same = old?.equals(bytes) ?? false;
    if (!same) return false;
    for (const [from, to] of copies) await linkCopy(from, to);
    return true;
  };
  // Reusing is reading and linking: several files at once. Compressing is CPU: one or two at a time.
  const toCompress: typeof queue = [];
  const { previous } = options;
  await inParallel(8, queue, options.signal, async (file) => {
    if (previous && (await reuse(file.path, file.kind, previous))) pass.reused++;
    else toCompress.push(file);
  });
  await inParallel(Math.max(1, Math.min(2, availableParallelism() - 1)), toCompress, options.signal, async (file) => {
    for (const [suffix, copy] of await compress(file.path, await readFile(file.path), file.kind))
      await writeCopy(`${file.path}${suffix}`, copy);
  });
  return pass;
}

/**
 * Keeps the live release's copies made: `follow(root)` with the release being served starts a pass over it
 * when it is new, cutting short the pass over the release before, whose copies it then reuses. `settled()`
 * resolves once the current pass is over; `stop()` cuts it short. A pass that fails (a full disk) is logged
 * and leaves the release served without the copies it could not write.
 */
export function releaseCompressor(log: (line: string) => void = () => {}): {
  follow(root: string): void;
  settled(): Promise<void>;
  stop(): Promise<void>;
} {
  let current: { root: string; abort: AbortController; done: Promise<void> } | undefined;
  return {
    follow(root) {
      if (current?.root === root) return;
      const before = current;
      before?.abort.abort();
      const abort = new AbortController();
      const started = performance.now();
      const done = (before?.done ?? Promise.resolve())
        .then(() => compressRelease(root, { ...(before ? { previous: before.root } : {}), signal: abort.signal }))
        .then(
          (pass) => {
            if (pass.files > 0 && !abort.signal.aborted)
              log(
                `compressed copies of ${root}: ${pass.files - pass.reused} files compressed, ${pass.reused} unchanged, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
              );
          },
          (error: unknown) => log(`could not write the compressed copies of ${root}: ${(error as Error).message}`),
        );
      current = { root, abort, done };
    },
    settled: () => current?.done ?? Promise.resolve(),
    stop() {
      current?.abort.abort();
      return current?.done ?? Promise.resolve();
    },
  };
}
