import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseExportedImage } from '../../../site/lib/content/sources/asset-names.ts';
import { contentTypeOf } from '../../../site/lib/content-types.ts';
import { readExportDocuments, type SanityDocument } from './document-store.ts';

export interface ImportedExport {
  documents: SanityDocument[];
  /** The export's `images/` folder, which the stand-in serves as the image CDN does. */
  imagesDir: string | undefined;
}

/**
 * Loads an export as `sanity dataset import` would: each `_sanityAsset` image field becomes an asset
 * reference (`image-<sha1>-<w>x<h>-<ext>`) and each image a `sanity.imageAsset` document, with the
 * metadata of `assets.json` where it has some. So the stand-in holds what a real dataset holds after
 * an import, and a live-mode build sees asset references, never export paths.
 */
export function importExport(path: string, target: { projectId: string; dataset: string }): ImportedExport {
  const folder = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  const assetsFile = join(folder, 'assets.json');
  const assetMeta = existsSync(assetsFile)
    ? (JSON.parse(readFileSync(assetsFile, 'utf8')) as Record<string, Record<string, unknown>>)
    : {};
  const assets = new Map<string, SanityDocument>();

  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([key, child]) => [key, convert(child)] as const);
    const object = Object.fromEntries(entries) as Record<string, unknown>;
    const source = object['_sanityAsset'];
    const image = typeof source === 'string' ? parseExportedImage(source) : undefined;
    if (!image) return object;
    const { sha1, width, height, extension, assetId: id } = image;
    if (!assets.has(id)) {
      const meta = assetMeta[image.metaKey] ?? {};
      const assetPath = `images/${target.projectId}/${target.dataset}/${image.name}`;
      assets.set(id, {
        ...meta,
        _id: id,
        _type: 'sanity.imageAsset',
        assetId: sha1,
        sha1hash: sha1,
        extension,
        mimeType: contentTypeOf(image.name),
        path: assetPath,
        url: `https://cdn.sanity.io/${assetPath}`,
        metadata: meta['metadata'] ?? {
          _type: 'sanity.imageMetadata',
          dimensions: { _type: 'sanity.imageDimensions', width, height, aspectRatio: width / height },
        },
      });
    }
    const { _sanityAsset: _, ...rest } = object;
    return { ...rest, asset: { _type: 'reference', _ref: id } };
  };

  const documents = readExportDocuments(path).map((doc) => convert(doc) as SanityDocument);
  const imagesDir = join(folder, 'images');
  return { documents: [...documents, ...assets.values()], imagesDir: existsSync(imagesDir) ? imagesDir : undefined };
}
