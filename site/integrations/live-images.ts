import type { AstroIntegration } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

/** Downloads every recorded rendition into `outDir`, four at a time; lists every failure at once. */
export async function downloadLiveImages(downloads: ReadonlyMap<string, string>, outDir: string): Promise<number> {
  const queue = [...downloads];
  const failures: string[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, url] = next;
      try {
        const target = join(outDir, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, await download(url));
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (failures.length > 0) {
    throw new ImageDownloadError(`Cannot download ${failures.length} image(s) from the Sanity image CDN:\n  ${failures.join('\n  ')}`);
  }
  return downloads.size;
}

/**
 * In live mode, downloads the CDN renditions the pages use into `/media/sanity/`, so the site serves
 * its own images and visitors' browsers never contact a third party.
 */
export function liveImages(): AstroIntegration {
  return {
    name: 'mca:live-images',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const downloads = liveImageDownloads();
        if (downloads.size === 0) return;
        const count = await downloadLiveImages(downloads, fileURLToPath(dir));
        downloads.clear();
        logger.info(`Downloaded ${count} image rendition(s) from the Sanity image CDN`);
      },
    },
  };
}
