import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The sample dataset committed in the repo: an unpacked `sanity dataset export`. */
export const sampleDatasetFolder = fileURLToPath(new URL('../../../sample-dataset/', import.meta.url));

export type Doc = { _id: string; _type: string } & Record<string, unknown>;

export function readSampleDataset(): Doc[] {
  return readFileSync(`${sampleDatasetFolder}data.ndjson`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc);
}

const exportedImage = /^image@file:\/\/\.\/images\/([0-9a-f]+)-(\d+x\d+)\.([a-z0-9]+)$/;

/** `image@file://./images/<sha1>-<w>x<h>.<ext>` as the asset id an import gives it, `image-<sha1>-<w>x<h>-<ext>`. */
export function assetIdOf(sanityAsset: string): string {
  const match = exportedImage.exec(sanityAsset);
  if (!match) throw new Error(`Not an exported image: ${sanityAsset}`);
  return `image-${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * The documents as they are in the Content Lake after `sanity dataset import`: every exported image
 * (`_sanityAsset`) replaced by a reference to its uploaded asset, plus those asset documents.
 */
export function asImported(documents: readonly Doc[]): { documents: Doc[]; assets: Doc[] } {
  const assets = new Map<string, Doc>();
  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '_sanityAsset' && typeof item === 'string') {
        const id = assetIdOf(item);
        assets.set(id, { _id: id, _type: 'sanity.imageAsset' });
        out['asset'] = { _type: 'reference', _ref: id };
      } else {
        out[key] = convert(item);
      }
    }
    return out;
  };
  return { documents: documents.map((doc) => convert(doc) as Doc), assets: [...assets.values()] };
}
