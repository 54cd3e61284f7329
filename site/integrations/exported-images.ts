import type { AstroIntegration } from 'astro';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataset } from '../lib/content/load-dataset.ts';
import { openContentSource } from '../lib/content/sources/index.ts';
import { parseExportedImage } from '../lib/content/sources/asset-names.ts';
import { mediaPath } from '../lib/images.ts';

/** Every `_sanityAsset` value anywhere inside `value`. */
function collectExportedAssets(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectExportedAssets(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '_sanityAsset' && typeof inner === 'string') found.add(inner);
      else collectExportedAssets(inner, found);
    }
  }
  return found;
}

/**
 * In file and default mode, copies the exported images that published documents use into
 * `/media/`. Only those: an export also holds the images of drafts, which must not be published.
 */
export function exportedImages(): AstroIntegration {
  return {
    name: 'mca:exported-images',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const source = await openContentSource();
        if (source.images.kind !== 'files') return;
        const dataset = await readDataset(source);
        const root = source.images.root;
        const assets = collectExportedAssets(dataset, new Set());
        const target = join(fileURLToPath(dir), mediaPath);
        await mkdir(target, { recursive: true });
        const missing: string[] = [];
        await Promise.all(
          [...assets].map(async (asset) => {
            const name = parseExportedImage(asset)?.name;
            if (!name) return missing.push(asset);
            try {
              await copyFile(join(root, 'images', name), join(target, name));
            } catch {
              missing.push(asset);
            }
            return undefined;
          }),
        );
        if (missing.length > 0) {
          throw new Error(`These images are referenced by published content but missing from the export:\n  ${missing.join('\n  ')}`);
        }
        logger.info(`Copied ${assets.size} exported image(s) to ${mediaPath}`);
      },
    },
  };
}
