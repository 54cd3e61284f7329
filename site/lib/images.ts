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

/** A rectangle of an image, in pixels of the original as shown (after EXIF orientation). */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
/**
 * A file the build writes for the site: a CDN rendition to download, or an exported image: the original
 * (`width` absent), or resized to WebP at `width`. `rect` cuts the editor's crop (or a fixed shape) out of
 * it first; `rasterise` turns an SVG into a PNG, `width` wide (else of its intrinsic size).
 */
export type Rendition =
  | { kind: 'cdn'; url: string; width?: number; rasterise?: true }
  | { kind: 'export'; file: string; width?: number; rect?: PixelRect; rasterise?: true };

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

/**
 * The most pixels one published image file has (2560 × 2560): a photo is offered no wider than fits,
 * and a larger GIF or SVG picture is resized to fit (`site/integrations/image-files.ts`).
 */
export const maxPublishedPixels = 2560 * 2560;

/** The widest an image of `natural` size is published: its own width, or less to fit `maxPublishedPixels`. */
export function widestPublished(natural: { width: number; height: number }): number {
  return Math.min(natural.width, Math.floor(Math.sqrt((maxPublishedPixels * natural.width) / natural.height)));
}

const fraction = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;

/**
 * The part of an image a page shows, in pixels of the original: the editor's `crop` (fractions cut from
 * each side), then, for a layout of fixed shape (`aspectRatio`, width / height), the largest rectangle of
 * that shape inside the crop, centred on the editor's `hotspot` as far as the crop allows. The same
 * arithmetic as `@sanity/image-url` (`fit()` in its `urlForImage.ts`), so live and exported images are
 * cut alike.
 */
export function imageRect(
  natural: { width: number; height: number },
  crop: Record<string, unknown> | undefined,
  hotspot: Record<string, unknown> | undefined,
  aspectRatio?: number,
): PixelRect {
  const cropLeft = Math.round(fraction(crop?.['left'], 0) * natural.width);
  const cropTop = Math.round(fraction(crop?.['top'], 0) * natural.height);
  let rect = {
    left: cropLeft,
    top: cropTop,
    width: Math.round(natural.width - fraction(crop?.['right'], 0) * natural.width - cropLeft),
    height: Math.round(natural.height - fraction(crop?.['bottom'], 0) * natural.height - cropTop),
  };
  // A crop that leaves nothing is no crop an editor could have made.
  if (rect.width < 1 || rect.height < 1) rect = { left: 0, top: 0, ...natural };
  if (!aspectRatio) return rect;
  const centreX = fraction(hotspot?.['x'], 0.5) * natural.width;
  const centreY = fraction(hotspot?.['y'], 0.5) * natural.height;
  const clamp = (start: number, size: number, from: number, room: number) => Math.min(Math.max(start, from), from + room - size);
  if (rect.width / rect.height > aspectRatio) {
    const width = Math.max(1, Math.round(rect.height * aspectRatio));
    return { ...rect, left: clamp(Math.max(0, Math.round(centreX - width / 2)), width, rect.left, rect.width), width };
  }
  const height = Math.max(1, Math.round(rect.width / aspectRatio));
  return { ...rect, top: clamp(Math.max(0, Math.round(centreY - height / 2)), height, rect.top, rect.height), height };
}

const isWhole = (rect: PixelRect, natural: { width: number; height: number }) =>
  rect.left === 0 && rect.top === 0 && rect.width === natural.width && rect.height === natural.height;

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
  const widest = widestPublished(natural);
  const width = Math.min(maxWidth, widest);
  const height = Math.round((natural.height * width) / natural.width);
  const candidates = [...widths.filter((w) => w < widest && w <= maxWidth * 2), Math.min(widest, maxWidth * 2)];
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
 * intrinsic size comes from the asset's name, which encodes it. Every file shows the editor's crop, cut
 * to `aspectRatio` around the hotspot where a layout has a fixed shape (`imageRect`). Returns `undefined`
 * for an image whose file cannot be located.
 */
export function resolveImage(image: ImageSource, maxWidth = 1280, aspectRatio?: number): RenderedImage | undefined {
  const resolved = resolveImagePaths(image, maxWidth, aspectRatio);
  if (!resolved) return undefined;
  // Renditions are recorded by their path in the output folder; pages link them under the base path.
  const { srcset, ...rest } = resolved;
  const served = srcset
    ?.split(', ')
    .map((candidate) => withBase(candidate))
    .join(', ');
  return { ...rest, src: withBase(resolved.src), ...(served ? { srcset: served } : {}) };
}

function resolveImagePaths(image: ImageSource, maxWidth: number, aspectRatio: number | undefined): RenderedImage | undefined {
  const { renditions } = imageFiles();
  if (image._sanityAsset) {
    const exported = parseExportedImage(image._sanityAsset);
    if (!exported) return undefined;
    const natural = { width: exported.width, height: exported.height };
    const rect = imageRect(natural, image.crop, image.hotspot, aspectRatio);
    const whole = isWhole(rect, natural);
    const shown = { width: rect.width, height: rect.height };
    const cut = whole ? {} : { rect };
    // A cut file is named after the rectangle too: another crop is another file, never a cached one.
    const key = whole ? exported.name : `${exported.name}#${rect.left},${rect.top},${rect.width},${rect.height}`;
    const stem = `${exported.sha1}-${natural.width}x${natural.height}`;
    if (rasterised(exported.extension)) {
      // Drawn as PNGs at the widths a photo would get, so a phone does not download the full size.
      return responsive(shown, maxWidth, image.alt, (width) => {
        const full = width >= shown.width;
        const name = full ? stem : `${stem}-w${width}`;
        const png = whole ? `${mediaPath}${name}.png` : renditionPath(name, key, 'png');
        renditions.set(png, { kind: 'export', file: exported.name, ...cut, rasterise: true, ...(full ? {} : { width }) });
        return png;
      });
    }
    const original = whole ? `${mediaPath}${exported.name}` : undefined;
    if (fixedFormats.includes(exported.extension)) {
      const src = original ?? renditionPath(stem, key, exported.extension);
      renditions.set(src, { kind: 'export', file: exported.name, ...cut });
      return { src, ...shown, alt: image.alt };
    }
    return responsive(shown, maxWidth, image.alt, (width) => {
      if (original && width >= natural.width) {
        renditions.set(original, { kind: 'export', file: exported.name });
        return original;
      }
      const path = renditionPath(`${stem}-w${width}`, key, 'webp');
      renditions.set(path, { kind: 'export', file: exported.name, width, ...cut });
      return path;
    });
  }
  const asset = image.asset ? parseImageAssetId(image.asset._ref) : undefined;
  const config = cdnConfig();
  if (!asset || !config) return undefined;
  const natural = { width: asset.width, height: asset.height };
  const rect = imageRect(natural, image.crop, image.hotspot, aspectRatio);
  const shown = { width: rect.width, height: rect.height };
  const photo = !fixedFormats.includes(asset.extension);
  const cropped = isWhole(rect, natural)
    ? createImageUrlBuilder(config).image(image)
    : createImageUrlBuilder(config).image(image).rect(rect.left, rect.top, rect.width, rect.height);
  const builder = cropped.fit('max');
  const formatted = photo ? builder.format('webp') : builder;
  const svg = rasterised(asset.extension);
  const at = (width: number) => {
    const url = formatted.width(width).url();
    const path = renditionPath(`${asset.sha1}-${natural.width}x${natural.height}`, url, photo ? 'webp' : svg ? 'png' : asset.extension);
    renditions.set(path, svg ? { kind: 'cdn', url, rasterise: true, width } : { kind: 'cdn', url });
    return path;
  };
  if (svg) return responsive(natural, maxWidth, image.alt, at);
  if (!photo) {
    const width = Math.min(maxWidth, shown.width);
    return { src: at(width), width, height: Math.round((shown.height * width) / shown.width), alt: image.alt };
  }
  return responsive(shown, maxWidth, image.alt, at);
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
  /** A fixed shape (width / height) the layout shows the image in: it is cut to it around the hotspot. */
  aspectRatio?: number | undefined;
}

/**
 * The one `<img>` of the site, for components and rich text alike: served by the site, with its intrinsic
 * size (no layout shift), a `srcset` where there are widths to choose from, and escaped attributes.
 * Empty when the image cannot be located.
 */
export function imageTag(image: ImageSource, display: ImageDisplay): string {
  const resolved = resolveImage(image, display.maxWidth, display.aspectRatio);
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
