import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveImageDownloads } from '../lib/images.ts';

/** A live image the build could not download from the Sanity image CDN. */
export class ImageDownloadError extends Error {
  override name = 'ImageDownloadError';
}

const attempts = 3;

async function download(url: string): Promise<Uint8Array> {
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      lastError = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((done) => setTimeout(done, 300 * 2 ** attempt));
  }
  throw new Error(lastError);
}

/** How many renditions came from the cache and how many were downloaded. */
export interface DownloadCounts {
  cached: number;
  downloaded: number;
}

/**
 * Writes every recorded rendition into `outDir`, four at a time, from `cacheDir` when an earlier build
 * downloaded it (a rendition's name includes a hash of its CDN URL, so a cached file never goes stale),
 * else from the CDN. Lists every failure at once.
 */
export async function downloadLiveImages(
  downloads: ReadonlyMap<string, string>,
  outDir: string,
  cacheDir: string,
): Promise<DownloadCounts> {
  const queue = [...downloads];
  const failures: string[] = [];
  const counts: DownloadCounts = { cached: 0, downloaded: 0 };
  await mkdir(cacheDir, { recursive: true });
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, url] = next;
      const target = join(outDir, path);
      const cached = join(cacheDir, basename(path));
      try {
        await mkdir(dirname(target), { recursive: true });
        if (existsSync(cached)) {
          await copyFile(cached, target);
          counts.cached++;
          continue;
        }
        const bytes = await download(url);
        await writeFile(cached, bytes);
        await writeFile(target, bytes);
        counts.downloaded++;
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (failures.length > 0) {
    throw new ImageDownloadError(`Cannot download ${failures.length} image(s) for the site:\n  ${failures.join('\n  ')}`);
  }
  return counts;
}

/**
 * In live mode, downloads the CDN renditions the pages use into `/media/sanity/`, so the site serves
 * its own images and visitors' browsers never contact a third party.
 */
export function liveImages(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'mca:live-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'live-images');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const downloads = liveImageDownloads();
        if (downloads.size === 0) return;
        const host = new URL([...downloads.values()][0] as string).host;
        const counts = await downloadLiveImages(downloads, fileURLToPath(dir), cacheDir);
        downloads.clear();
        logger.info(`Image renditions: ${counts.downloaded} downloaded from ${host}, ${counts.cached} from the cache`);
      },
    },
  };
}
