import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { openContentSource } from '../lib/content/sources/index.ts';
import { imageRenditions, type Rendition } from '../lib/images.ts';

/** An image rendition the build could not make. */
export class ImageRenditionError extends Error {
  override name = 'ImageRenditionError';
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

/** How many renditions came from the cache and how many were made. */
export interface RenditionCounts {
  cached: number;
  made: number;
}

export interface RenditionOptions {
  outDir: string;
  /** Where renditions are kept between builds; a name includes a hash of its source, so it never goes stale. */
  cacheDir: string;
  /** The folder holding the export's `images/`, for exported photos. */
  exportRoot?: string | undefined;
}

async function make(rendition: Rendition, exportRoot: string | undefined): Promise<Uint8Array> {
  if (rendition.kind === 'cdn') return download(rendition.url);
  if (!exportRoot) throw new Error('no export folder to read the image from');
  return sharp(join(exportRoot, 'images', rendition.file)).resize({ width: rendition.width }).webp({ quality: 78 }).toBuffer();
}

/**
 * Writes every recorded rendition into `outDir`, four at a time: from the cache when an earlier build
 * made it, else downloaded from the CDN or resized from the export. Lists every failure at once.
 */
export async function writeRenditions(renditions: ReadonlyMap<string, Rendition>, options: RenditionOptions): Promise<RenditionCounts> {
  const queue = [...renditions];
  const failures: string[] = [];
  const counts: RenditionCounts = { cached: 0, made: 0 };
  await mkdir(options.cacheDir, { recursive: true });
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, rendition] = next;
      const target = join(options.outDir, path);
      const cached = join(options.cacheDir, basename(path));
      try {
        await mkdir(dirname(target), { recursive: true });
        if (existsSync(cached)) {
          await copyFile(cached, target);
          counts.cached++;
          continue;
        }
        const bytes = await make(rendition, options.exportRoot);
        await writeFile(cached, bytes);
        await writeFile(target, bytes);
        counts.made++;
      } catch (error) {
        const from = rendition.kind === 'cdn' ? rendition.url : `images/${rendition.file} at ${rendition.width}px`;
        failures.push(`${from}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (failures.length > 0) {
    throw new ImageRenditionError(`Cannot make ${failures.length} image(s) for the site:\n  ${failures.join('\n  ')}`);
  }
  return counts;
}

/**
 * Writes the image renditions the pages use into `/media/sanity/`: live images downloaded from the
 * Sanity image CDN, exported photos resized to WebP. The site serves its own images, so visitors'
 * browsers never contact a third party.
 */
export function imageRenditionFiles(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'mca:image-renditions',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'image-renditions');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const renditions = imageRenditions();
        if (renditions.size === 0) return;
        const source = await openContentSource();
        const exportRoot = source.images.kind === 'files' ? source.images.root : undefined;
        const counts = await writeRenditions(renditions, { outDir: fileURLToPath(dir), cacheDir, exportRoot });
        renditions.clear();
        logger.info(`Image renditions: ${counts.made} made, ${counts.cached} from the cache`);
      },
    },
  };
}
