import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Compressible, compressionKind, encodedSuffix, pagefindPayload } from '../lib/compressed-files.ts';
import { contentTypeOf } from '../lib/mime-types.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

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

/** Writes `path`'s compressed copies that are smaller than the file; answers how many bytes they hold. */
async function compressFile(path: string, kind: Compressible): Promise<number> {
  const bytes = await readFile(path);
  const copies: [string, Buffer][] = [];
  if (kind === 'pagefind') {
    const payload = await pagefindPayload(bytes);
    if (payload) copies.push([encodedSuffix.br, await brotliOf(payload, brotliQuality(path, kind), kind)]);
  } else {
    const [br, gz] = await Promise.all([brotliOf(bytes, brotliQuality(path, kind), kind), gzipAsync(bytes, { level: 9 })]);
    copies.push([encodedSuffix.br, br], [encodedSuffix.gzip, gz]);
  }
  let written = 0;
  for (const [suffix, copy] of copies) {
    if (copy.length >= bytes.length) continue;
    await writeFile(`${path}${suffix}`, copy);
    written += copy.length;
  }
  return written;
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of a built site, and `<file>.br` beside each of
 * Pagefind's files (what it holds, as Brotli), so that the server sends them as they are instead of
 * compressing at each request. Compressions run on zlib's thread pool, several at once. Files in `done`
 * are left alone, and those it compresses are added to it; `include` narrows the files.
 */
export async function precompressSite(
  dir: string,
  done: Set<string> = new Set(),
  include: (path: string) => boolean = () => true,
): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const queue = entries.flatMap((entry) => {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) return [];
    const path = join(entry.parentPath, entry.name);
    const kind = compressionKind(entry.name, contentTypeOf(entry.name));
    if (!kind || done.has(path) || !include(path)) return [];
    done.add(path);
    return [{ path, kind }];
  });
  const totals = { files: queue.length, bytes: 0 };
  const worker = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) totals.bytes += await compressFile(next.path, next.kind);
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) * 2 }, worker));
  return totals;
}

/**
 * Compresses the built site: the pages as soon as they are all rendered, while Pagefind writes its index in
 * its own process and the other integrations finish; then, once everything else is written (it comes last
 * in `astro.config.mjs`), the files written since (Pagefind's, the sitemap).
 */
export function precompress(): AstroIntegration {
  let done = new Set<string>();
  let pages: Promise<{ files: number; bytes: number }> | undefined;
  return {
    name: 'mca:precompress',
    hooks: {
      'astro:build:start': () => {
        done = new Set();
        pages = undefined;
      },
      'astro:build:generated': ({ dir }) => {
        // Pages only: they are all written now, while the sitemap may be half-written. Astro may still be
        // removing its own temporary folders here; whatever this pass misses, `astro:build:done` compresses.
        pages = precompressSite(fileURLToPath(dir), done, (path) => path.endsWith('.html')).catch(() => ({ files: 0, bytes: 0 }));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const first = (await pages) ?? { files: 0, bytes: 0 };
        const rest = await precompressSite(fileURLToPath(dir), done);
        const bytes = (first.bytes + rest.bytes) / 1e6;
        logger.info(
          `Compressed ${first.files + rest.files} files (${bytes.toFixed(1)} MB of .br and .gz); ${((performance.now() - started) / 1000).toFixed(1)} s after the other steps`,
        );
      },
    },
  };
}
