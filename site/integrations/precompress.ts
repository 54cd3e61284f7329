import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Compressible, compressionKind, encodedSuffix, pagefindPayload } from '../lib/compressed-files.ts';
import { contentTypeOf } from '../lib/content-types.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Brotli's quality for a file. Pagefind's files, the site's styles and scripts are few and fetched by every
 * search or page view: the best quality (Pagefind's page table a fifth smaller than at quality 6). Pages
 * are many (14,593 at 10,000 articles) and each is fetched rarely: quality 5, within a few per cent of the
 * best at a small fraction of the time.
 */
function brotliQuality(path: string, kind: Compressible): number {
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
 * compressing at each request. Compressions run on zlib's thread pool, several at once.
 */
export async function precompressSite(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const queue = entries.flatMap((entry) => {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) return [];
    const kind = compressionKind(entry.name, contentTypeOf(entry.name));
    return kind ? [{ path: join(entry.parentPath, entry.name), kind }] : [];
  });
  const totals = { files: queue.length, bytes: 0 };
  const worker = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) totals.bytes += await compressFile(next.path, next.kind);
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) * 2 }, worker));
  return totals;
}

/** Compresses the built site once everything else is written (it comes last in `astro.config.mjs`). */
export function precompress(): AstroIntegration {
  return {
    name: 'mca:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { files, bytes } = await precompressSite(fileURLToPath(dir));
        logger.info(`Compressed ${files} files (${(bytes / 1e6).toFixed(1)} MB of .br and .gz) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
