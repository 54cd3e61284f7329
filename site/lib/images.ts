import { createHash } from 'node:crypto';
import { escapeHTML } from '@portabletext/to-html';
import { createImageUrlBuilder } from '@sanity/image-url';
import { parseExportedImage, parseImageAssetId } from './content/sources/asset-names.ts';
import type { ImageOrigin } from './content/sources/content-source.ts';
import { withBase } from './urls.ts';
import { buildShared } from './build-shared.ts';

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
 * A file the build writes for the site: a CDN rendition to download, or an exported image to copy
 * (`width` absent) or resize to WebP. `rasterise` turns an SVG into a PNG of its intrinsic size.
 */
export type Rendition =
  | { kind: 'cdn'; url: string; rasterise?: true }
  | { kind: 'export'; file: string; width?: number; rasterise?: true };

/** The image files of one build, collected while pages render and written at the end. */
export interface ImageFiles {
  /** The renditions the pages use, by site path. */
  renditions: Map<string, Rendition>;
  /** Where the content source's images come from: set by the content loader, or the preview server. */
  origin?: ImageOrigin | undefined;
}

/**
 * The build's image files (`site/integrations/image-files.ts` writes them). They live on `globalThis`
 * because the content layer, the pages and the integrations are separate module graphs in one process.
 */
export function imageFiles(): ImageFiles {
  return buildShared<ImageFiles>('imageFiles', () => ({ renditions: new Map() }));
}

/** Widths offered in `srcset` for photos. */
const widths = [320, 640, 960, 1280, 1920];

function cdnConfig(): { projectId: string; dataset: string; baseUrl?: string } | undefined {
  const { origin } = imageFiles();
  if (origin?.kind !== 'cdn') return undefined;
  const { kind: _, ...config } = origin;
  return config;
}

/**
 * Formats shown at their own size; everything else is a photo worth resizing. An SVG is a document
 * that can carry scripts, so the site never publishes one: it is rasterised to a PNG at build time.
 */
const fixedFormats = ['svg', 'gif'];
const rasterised = (extension: string) => extension === 'svg';

const renditionPath = (name: string, key: string, extension: string) => {
  const hash = createHash('sha1').update(key).digest('hex').slice(0, 10);
  return `${mediaPath}sanity/${name}-${hash}.${extension}`;
};

/**
 * `<img>` attributes for a photo of `naturalWidth`, shown at most `maxWidth` wide: the `src` at that
 * width and a `srcset` of the standard widths up to twice that (for dense screens), never wider than
 * the original. `at(width)` gives the site path of the photo at a width.
 */
function responsive(
  natural: { width: number; height: number },
  maxWidth: number,
  alt: string,
  at: (width: number) => string,
): RenderedImage {
  const width = Math.min(maxWidth, natural.width);
  const height = Math.round((natural.height * width) / natural.width);
  const candidates = [...widths.filter((w) => w < natural.width && w <= maxWidth * 2), Math.min(natural.width, maxWidth * 2)];
  return {
    src: at(width),
    srcset: [...new Set(candidates)].map((w) => `${at(w)} ${w}w`).join(', '),
    width,
    height,
    alt,
  };
}

/**
 * Resolves an image field to `<img>` attributes, always served by the site itself. Exported images are
 * copied to `/media/` (photos also resized to WebP for a `srcset`): only those pages use, so the images
 * of drafts in an export are never published. Live images are
 * rendered by the Sanity image CDN at the widths of a `srcset` and downloaded at build time. The
 * intrinsic size comes from the asset's name, which encodes it. Returns `undefined` for an image whose
 * file cannot be located.
 */
export function resolveImage(image: ImageSource, maxWidth = 1280): RenderedImage | undefined {
  const resolved = resolveImagePaths(image, maxWidth);
  if (!resolved) return undefined;
  // Renditions are recorded by their path in the output folder; pages link them under the base path.
  const { srcset, ...rest } = resolved;
  const served = srcset?.split(', ').map((candidate) => withBase(candidate)).join(', ');
  return { ...rest, src: withBase(resolved.src), ...(served ? { srcset: served } : {}) };
}

function resolveImagePaths(image: ImageSource, maxWidth: number): RenderedImage | undefined {
  const { renditions } = imageFiles();
  if (image._sanityAsset) {
    const exported = parseExportedImage(image._sanityAsset);
    if (!exported) return undefined;
    const natural = { width: exported.width, height: exported.height };
    if (rasterised(exported.extension)) {
      const png = `${mediaPath}${exported.sha1}-${natural.width}x${natural.height}.png`;
      renditions.set(png, { kind: 'export', file: exported.name, rasterise: true });
      return { src: png, ...natural, alt: image.alt };
    }
    const original = `${mediaPath}${exported.name}`;
    renditions.set(original, { kind: 'export', file: exported.name });
    if (fixedFormats.includes(exported.extension)) return { src: original, ...natural, alt: image.alt };
    return responsive(natural, maxWidth, image.alt, (width) => {
      if (width >= natural.width) return original;
      const path = renditionPath(`${exported.sha1}-${natural.width}x${natural.height}-w${width}`, exported.name, 'webp');
      renditions.set(path, { kind: 'export', file: exported.name, width });
      return path;
    });
  }
  const asset = image.asset ? parseImageAssetId(image.asset._ref) : undefined;
  const config = cdnConfig();
  if (!asset || !config) return undefined;
  const natural = { width: asset.width, height: asset.height };
  const photo = !fixedFormats.includes(asset.extension);
  const builder = createImageUrlBuilder(config).image(image).fit('max');
  const formatted = photo ? builder.format('webp') : builder;
  const svg = rasterised(asset.extension);
  const at = (width: number) => {
    const url = formatted.width(width).url();
    const path = renditionPath(`${asset.sha1}-${natural.width}x${natural.height}`, url, photo ? 'webp' : svg ? 'png' : asset.extension);
    renditions.set(path, svg ? { kind: 'cdn', url, rasterise: true } : { kind: 'cdn', url });
    return path;
  };
  if (!photo) {
    const width = Math.min(maxWidth, natural.width);
    return { src: at(width), width, height: Math.round((natural.height * width) / natural.width), alt: image.alt };
  }
  return responsive(natural, maxWidth, image.alt, at);
}

/** How one `<img>` is shown: where it sits in the layout, and whether it is needed at once. */
export interface ImageDisplay {
  /** The widest the image is shown, in CSS pixels. */
  maxWidth: number;
  /** The `sizes` attribute that goes with the `srcset`. */
  sizes?: string | undefined;
  class?: string | undefined;
  /** Above the fold: load at once. */
  eager?: boolean | undefined;
  /** Replaces the image's alt text; `''` marks it as decorative beside text that says the same. */
  alt?: string | undefined;
}

/**
 * The one `<img>` of the site, for components and rich text alike: served by the site, with its intrinsic
 * size (no layout shift), a `srcset` where there are widths to choose from, and escaped attributes.
 * Empty when the image cannot be located.
 */
export function imageTag(image: ImageSource, display: ImageDisplay): string {
  const resolved = resolveImage(image, display.maxWidth);
  if (!resolved) return '';
  const attributes: [string, string | number | undefined][] = [
    ['src', resolved.src],
    ['srcset', resolved.srcset],
    ['sizes', resolved.srcset ? (display.sizes ?? '100vw') : undefined],
    ['width', resolved.width],
    ['height', resolved.height],
    ['alt', display.alt ?? resolved.alt],
    ['class', display.class],
    ['loading', display.eager ? 'eager' : 'lazy'],
    ['decoding', 'async'],
  ];
  const written = attributes.flatMap(([name, value]) => (value === undefined ? [] : [`${name}="${escapeHTML(String(value))}"`]));
  return `<img ${written.join(' ')}>`;
}
