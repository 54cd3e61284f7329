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

/** Where exported image files are published in the built site. */
export const mediaPath = '/media/';

/** Widths offered in `srcset` for images the CDN can resize. */
const widths = [320, 640, 960, 1280, 1920];

const exportedFile = /^image@file:\/\/\.\/images\/([^/]+-(\d+)x(\d+)\.([a-z0-9]+))$/i;
const assetId = /^image-[a-f0-9]+-(\d+)x(\d+)-[a-z0-9]+$/i;

/** The file name of an exported image (`image@file://./images/<name>`), or `undefined`. */
export function exportedFileName(sanityAsset: string): string | undefined {
  return exportedFile.exec(sanityAsset)?.[1];
}

/** Reads the `projectId` and `dataset` of live images from the same variables as the content source. */
function cdnConfig(): { projectId: string; dataset: string } | undefined {
  const projectId = process.env['SANITY_PROJECT_ID'];
  if (!projectId) return undefined;
  return { projectId, dataset: process.env['SANITY_DATASET'] || 'production' };
}

/**
 * Resolves an image field to `<img>` attributes. Exported images are served from `/media/`
 * (copied there at the end of the build); live images come from the Sanity image CDN, resized
 * to `maxWidth` with a `srcset`. The intrinsic size comes from the asset's name, which encodes it.
 * Returns `undefined` for an image whose file cannot be located.
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
  if (!match || !config) return undefined;
  const naturalWidth = Number(match[1]);
  const naturalHeight = Number(match[2]);
  const width = Math.min(maxWidth, naturalWidth);
  const height = Math.round((naturalHeight * width) / naturalWidth);
  const builder = createImageUrlBuilder(config).image(image).auto('format').fit('max');
  const candidates = widths.filter((w) => w < naturalWidth && w <= maxWidth * 2);
  return {
    src: builder.width(width).url(),
    srcset: [...candidates, Math.min(naturalWidth, maxWidth * 2)]
      .filter((w, index, all) => all.indexOf(w) === index)
      .map((w) => `${builder.width(w).url()} ${w}w`)
      .join(', '),
    width,
    height,
    alt: image.alt,
  };
}
