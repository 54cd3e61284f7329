import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { contentTypeOf } from '../lib/mime-types.ts';
import { parseExportedImage } from '../lib/content/sources/asset-names.ts';
import { readExportImage } from '../lib/content/sources/export-files.ts';
import { inspectExportedImage, maxImagePixels } from '../lib/content/sources/export-image-check.ts';
import { type ImageFiles, imageFiles, maxPublishedPixels, type Rendition, widestPublished } from '../lib/images.ts';
import { withoutBase } from '../lib/urls.ts';
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
  /** Where renditions are kept between builds, named by a hash of their source, so one never goes stale. */
  cacheDir: string;
  /** The folder holding the export's `images/`, for exported photos. */
  exportRoot?: string | undefined;
}

/** The bytes a rendition is made from: downloaded from the CDN, or read from the export's `images/`. */
/** The export folder of a file-mode build, where exported images are read from. */
function exportRootOf(files: ImageFiles): string | undefined {
  return files.origin?.kind === 'files' ? files.origin.root : undefined;
}

async function sourceOf(rendition: Rendition, exportRoot: string | undefined): Promise<Uint8Array> {
  if (rendition.kind === 'cdn') return download(rendition.url);
  if (!exportRoot) throw new Error('no export folder to read the image from');
  return readExportImage(exportRoot, rendition.file);
}

/**
 * The largest exported original published as it is. A larger one (a camera original a page shows at its
 * own width, a long animation) is encoded again, in its own format and within `maxPublishedPixels`.
 */
export const maxOriginalBytes = 2 * 2 ** 20;

type Encoder = (image: Sharp) => Sharp;

/** How an exported file is encoded again in its own format (lossy, like the CDN's renditions). */
const encoders: Record<string, Encoder> = {
  jpg: (image) => image.jpeg({ quality: 82, mozjpeg: true }),
  jpeg: (image) => image.jpeg({ quality: 82, mozjpeg: true }),
  png: (image) => image.png({ palette: true, quality: 90, effort: 1 }),
  webp: (image) => image.webp({ quality: 78 }),
  avif: (image) => image.avif({ quality: 55 }),
  gif: (image) => image.gif(),
  svg: (image) => image.png(),
};

/**
 * Makes an exported image's file: checked to be the image its name says (`inspectExportedImage`), turned
 * as its EXIF orientation says, the editor's crop cut out (`rect`), then resized to WebP, rasterised
 * (SVG, by librsvg, which runs no script and loads nothing from outside the bytes it is given), or, for
 * the original, copied as it is when it is at most `maxOriginalBytes` and `maxPublishedPixels`, else
 * encoded again within them. A GIF keeps every frame.
 */
async function makeExported(rendition: Extract<Rendition, { kind: 'export' }>, source: Uint8Array): Promise<Uint8Array> {
  const image = parseExportedImage(`image@file://./images/${rendition.file}`);
  if (!image) throw new Error(`images/${rendition.file} is not an image file the site publishes`);
  const facts = await inspectExportedImage(source, image);
  if ('problem' in facts) throw new Error(facts.problem);
  const animated = image.extension === 'gif';
  let pipeline = sharp(source, { animated, limitInputPixels: maxImagePixels });
  if (!animated) pipeline = pipeline.autoOrient();
  if (rendition.rect) pipeline = pipeline.extract(rendition.rect);
  if (rendition.width !== undefined) {
    const resized = pipeline.resize({ width: rendition.width });
    return (rendition.rasterise ? resized.png() : resized.webp({ quality: 78 })).toBuffer();
  }
  const shown = rendition.rect ?? { width: image.width, height: image.height };
  const tooLarge = shown.width * shown.height > maxPublishedPixels;
  if (!rendition.rect && !rendition.rasterise && !tooLarge && facts.bytes <= maxOriginalBytes) return source;
  if (tooLarge) pipeline = pipeline.resize({ width: widestPublished(shown) });
  const encode = rendition.rasterise ? (encoders['svg'] as Encoder) : (encoders[image.extension] as Encoder);
  return encode(pipeline).toBuffer();
}

/** Makes a rendition from its source bytes: an exported image's file, or a CDN rendition as downloaded. */
async function make(rendition: Rendition, source: Uint8Array): Promise<Uint8Array> {
  if (rendition.kind === 'export') return makeExported(rendition, source);
  if (rendition.rasterise) {
    const image = sharp(source);
    return (rendition.width === undefined ? image : image.resize({ width: rendition.width })).png().toBuffer();
  }
  return source;
}

/**
 * The cache file of a rendition. An exported one is named after the hash of the bytes it is made from and
 * of how it is made (width, crop, rasterising), so a changed (or poisoned) file or another crop is never
 * answered from the cache; a CDN one after its URL, which names the asset by its content hash and the crop.
 */
function cacheName(path: string, rendition: Rendition, source: Uint8Array | undefined): string {
  if (rendition.kind === 'cdn' || !source) return basename(path);
  const { file: _, ...how } = rendition;
  const hash = createHash('sha256').update(source).update(JSON.stringify({ how, maxOriginalBytes, maxPublishedPixels })).digest('hex');
  return `export-${hash}${extname(path)}`;
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
      try {
        await mkdir(dirname(target), { recursive: true });
        // A CDN rendition is downloaded only when it is not cached; an exported file is read every time.
        let source = rendition.kind === 'export' ? await sourceOf(rendition, options.exportRoot) : undefined;
        const cached = join(options.cacheDir, cacheName(path, rendition, source));
        if (existsSync(cached)) {
          await copyFile(cached, target);
          counts.cached++;
          continue;
        }
        source ??= await sourceOf(rendition, options.exportRoot);
        const bytes = await make(rendition, source);
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
          const served = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          // Renditions are recorded by their path in the output folder, without the base path.
          const path = withoutBase(served);
          const files = imageFiles();
          const rendition = files.renditions.get(path);
          if (!rendition) return next();
          sourceOf(rendition, exportRootOf(files))
            .then((source) => make(rendition, source))
            .then((bytes) => response.writeHead(200, { 'content-type': contentTypeOf(path) }).end(bytes), next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = imageFiles();
        if (files.renditions.size === 0) return;
        const counts = await writeRenditions(files.renditions, { outDir: fileURLToPath(dir), cacheDir, exportRoot: exportRootOf(files) });
        files.renditions.clear();
        logger.info(`Image files: ${counts.made} made, ${counts.cached} from the cache`);
      },
    },
  };
}
