import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { collectExportedImages, withAssetReferences } from '../../../scripts/content-files.ts';
import { contentTypeOf } from '../../../site/lib/mime-types.ts';
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
  const assetMeta = existsSync(assetsFile) ? (JSON.parse(readFileSync(assetsFile, 'utf8')) as Record<string, Record<string, unknown>>) : {};
  const exported = readExportDocuments(path);
  const images = collectExportedImages(exported);
  const assets = images.map((image): SanityDocument => {
    const { sha1, width, height, extension, assetId: id } = image;
    const meta = assetMeta[image.metaKey] ?? {};
    const assetPath = `images/${target.projectId}/${target.dataset}/${image.name}`;
    return {
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
    };
  });
  // An import keeps each image's asset id: the reference names the asset the export named.
  const documents = withAssetReferences(exported, new Map(images.map((image) => [image.assetId, image.assetId])));
  const imagesDir = join(folder, 'images');
  return { documents: [...documents, ...assets], imagesDir: existsSync(imagesDir) ? imagesDir : undefined };
}
