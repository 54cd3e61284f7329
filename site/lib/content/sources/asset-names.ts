/**
 * Image asset names. Sanity names an image asset after its content and size, `image-<sha1>-<w>x<h>-<ext>`,
 * and `sanity dataset export` writes its file as `images/<sha1>-<w>x<h>.<ext>`, referenced from documents
 * as `_sanityAsset: "image@file://./images/<sha1>-<w>x<h>.<ext>"`. Both names encode the intrinsic size.
 */

import { rules } from '../../../../schemas/rules.ts';

/** An image of an export: where its file is, and the asset id an upload gives it. */
export interface ExportedImage {
  /** `images/<sha1>-<w>x<h>.<ext>`, relative to the export folder. */
  file: string;
  /** `<sha1>-<w>x<h>.<ext>`, the file's name. */
  name: string;
  /** `image-<sha1>-<w>x<h>-<ext>`: the id Sanity derives from the file's content. */
  assetId: string;
  /** `image-<sha1>`: its key in `assets.json`. */
  metaKey: string;
  /** The `_sanityAsset` value that points at it. */
  sanityAsset: string;
  width: number;
  height: number;
  /** Lower-case file extension, e.g. `jpg`, `svg`. */
  extension: string;
  /** The content hash that names it. */
  sha1: string;
}

function image(sha1: string, width: string, height: string, extension: string): ExportedImage {
  const name = `${sha1}-${width}x${height}.${extension}`;
  return {
    file: `images/${name}`,
    name,
    assetId: `image-${sha1}-${width}x${height}-${extension}`,
    metaKey: `image-${sha1}`,
    sanityAsset: `image@file://./images/${name}`,
    width: Number(width),
    height: Number(height),
    extension: extension.toLowerCase(),
    sha1,
  };
}

/**
 * Parses a `_sanityAsset` value; `undefined` for anything but an exported image file of a kind the site
 * publishes (`rules.imageExtensions`): whatever else an export calls an image is never read.
 */
export function parseExportedImage(sanityAsset: string): ExportedImage | undefined {
  const match = /^image@file:\/\/\.\/images\/([a-f0-9]+)-(\d+)x(\d+)\.([a-z0-9]+)$/i.exec(sanityAsset);
  if (!match || !isImageExtension(match[4] as string)) return undefined;
  return image(match[1] as string, match[2] as string, match[3] as string, match[4] as string);
}

/** True for the file extensions of images the site publishes. */
export function isImageExtension(extension: string): boolean {
  return (rules.imageExtensions as readonly string[]).includes(extension.toLowerCase());
}

/** Parses an image asset id (`image-<sha1>-<w>x<h>-<ext>`); `undefined` for anything else. */
export function parseImageAssetId(assetId: string): ExportedImage | undefined {
  const match = /^image-([a-f0-9]+)-(\d+)x(\d+)-([a-z0-9]+)$/i.exec(assetId);
  return match ? image(match[1] as string, match[2] as string, match[3] as string, match[4] as string) : undefined;
}
