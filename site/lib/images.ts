import { createHash } from 'node:crypto';
import { createImageUrlBuilder } from '@sanity/image-url';

/** An image field as stored: a Content Lake asset reference or an exported file. */
export interface ImageSource {
  asset?: { _ref: string } | undefined;
  _sanityAsset?: string | undefined;
  crop?: Record<string, unknown> | undefined;
  hotspot?: Record<string, unknown> | undefined;
  alt: string;
  caption?: string | undefined;
}

/** Everything an `<img>` needs. */
export interface RenderedImage {
  src: string;
  srcset?: string;
  width: number;
  height: number;
  alt: string;
}

/** Where image files are published in the built site. */
export const mediaPath = '/media/';

/**
 * Live images the pages use: site path → Sanity CDN URL. The build downloads each into `dist/` so that
 * visitors' browsers never contact a third party (`site/integrations/live-images.ts`). It lives on
 * `globalThis` because pages and integrations are loaded as separate module graphs in one process.
 */
export function liveImageDownloads(): Map<string, string> {
  const key = Symbol.for('mca.liveImageDownloads');
  const holder = globalThis as unknown as Record<symbol, Map<string, string> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

/** Widths offered in `srcset` for images the CDN can resize. */
const widths = [320, 640, 960, 1280, 1920];

const exportedFile = /^image@file:\/\/\.\/images\/([^/]+-(\d+)x(\d+)\.([a-z0-9]+))$/i;
const assetId = /^image-([a-f0-9]+)-(\d+)x(\d+)-([a-z0-9]+)$/i;

/** The file name of an exported image (`image@file://./images/<name>`), or `undefined`. */
export function exportedFileName(sanityAsset: string): string | undefined {
  return exportedFile.exec(sanityAsset)?.[1];
}

/** Reads the `projectId` and `dataset` of live images from the same variables as the content source. */
function cdnConfig(): { projectId: string; dataset: string; baseUrl?: string } | undefined {
  const projectId = process.env['SANITY_PROJECT_ID'];
  if (!projectId) return undefined;
  // Pointed at a custom API host (a local stand-in), images come from there too, never from the real CDN.
  const baseUrl = process.env['SANITY_IMAGE_CDN_URL'] || process.env['SANITY_API_HOST'];
  return { projectId, dataset: process.env['SANITY_DATASET'] || 'production', ...(baseUrl ? { baseUrl } : {}) };
}

/**
 * A local copy of one CDN rendition: `/media/sanity/<asset>-<hash>.<ext>`, recorded for download.
 * Raster images are converted to WebP by the CDN; SVG and GIF keep their format.
 */
function selfHosted(cdnUrl: string, assetName: string, extension: string): string {
  const hash = createHash('sha1').update(cdnUrl).digest('hex').slice(0, 10);
  const path = `${mediaPath}sanity/${assetName}-${hash}.${extension}`;
  liveImageDownloads().set(path, cdnUrl);
  return path;
}

/**
 * Resolves an image field to `<img>` attributes. Exported images are served from `/media/`
 * (copied there at the end of the build). Live images are rendered by the Sanity image CDN at the
 * widths of a `srcset`, downloaded at build time and served from `/media/sanity/` too. The intrinsic
 * size comes from the asset's name, which encodes it. Returns `undefined` for an image whose file
 * cannot be located.
 */
export function resolveImage(image: ImageSource, maxWidth = 1280): RenderedImage | undefined {
  if (image._sanityAsset) {
    const match = exportedFile.exec(image._sanityAsset);
    if (!match) return undefined;
    return { src: `${mediaPath}${match[1]}`, width: Number(match[2]), height: Number(match[3]), alt: image.alt };
  }
  const ref = image.asset?._ref;
  const match = ref ? assetId.exec(ref) : null;
  const config = cdnConfig();
  if (!ref || !match || !config) return undefined;
  const [, hash, naturalWidthText, naturalHeightText, originalExtension] = match as unknown as [string, string, string, string, string];
  const naturalWidth = Number(naturalWidthText);
  const naturalHeight = Number(naturalHeightText);
  const raster = !['svg', 'gif'].includes(originalExtension.toLowerCase());
  const extension = raster ? 'webp' : originalExtension.toLowerCase();
  const builder = createImageUrlBuilder(config).image(image).fit('max');
  const formatted = raster ? builder.format('webp') : builder;
  const rendition = (w: number) => selfHosted(formatted.width(w).url(), `${hash}-${naturalWidth}x${naturalHeight}`, extension);
  const width = Math.min(maxWidth, naturalWidth);
  const height = Math.round((naturalHeight * width) / naturalWidth);
  if (!raster) return { src: rendition(width), width, height, alt: image.alt };
  const candidates = [...widths.filter((w) => w < naturalWidth && w <= maxWidth * 2), Math.min(naturalWidth, maxWidth * 2)];
  return {
    src: rendition(width),
    srcset: [...new Set(candidates)].map((w) => `${rendition(w)} ${w}w`).join(', '),
    width,
    height,
    alt: image.alt,
  };
}
