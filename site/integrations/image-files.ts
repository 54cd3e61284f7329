import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { contentTypeOf } from '../lib/content-types.ts';
import { imageFiles, type Rendition } from '../lib/images.ts';
import { FriendlyError } from '../../schemas/friendly-error.ts';

/** An image file the build could not make. */
export class ImageFileError extends FriendlyError {
  override name = 'ImageFileError';
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
  const file = join(exportRoot, 'images', rendition.file);
  if (rendition.width === undefined) return readFile(file);
  return sharp(file).resize({ width: rendition.width }).webp({ quality: 78 }).toBuffer();
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
        const from =
          rendition.kind === 'cdn'
            ? rendition.url
            : `images/${rendition.file}${rendition.width ? ` at ${rendition.width}px` : ''} of the export`;
        failures.push(`${from}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (failures.length > 0) {
    throw new ImageFileError(`Cannot make ${failures.length} image(s) for the site:\n  ${failures.join('\n  ')}`);
  }
  return counts;
}

/**
 * Writes the image files the pages use into `/media/`: exported images copied (photos also resized to
 * WebP), live images downloaded from the Sanity image CDN. The site serves its own images, so visitors'
 * browsers never contact a third party.
 */
export function imageFileWriter(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'mca:image-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'image-files');
      },
      // In `astro dev` there is no end of the build: serve each image file when it is asked for.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          const files = imageFiles();
          const rendition = files.renditions.get(path);
          if (!rendition) return next();
          make(rendition, files.exportRoot).then(
            (bytes) => response.writeHead(200, { 'content-type': contentTypeOf(path) }).end(bytes),
            next,
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = imageFiles();
        if (files.renditions.size === 0) return;
        const counts = await writeRenditions(files.renditions, { outDir: fileURLToPath(dir), cacheDir, exportRoot: files.exportRoot });
        files.renditions.clear();
        logger.info(`Image files: ${counts.made} made, ${counts.cached} from the cache`);
      },
    },
  };
}
