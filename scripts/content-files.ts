/**
 * Writing dataset exports, and converting image fields between an export's
 * `_sanityAsset: "image@file://./images/<sha1>-<w>x<h>.<ext>"` and a Content Lake asset reference.
 * Reading exports is shared with the file-mode build (`site/lib/content/sources/export-files.ts`).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { create } from 'tar';
import { type ExportedImage, parseExportedImage, parseImageAssetId } from '../site/lib/content/sources/asset-names.ts';
import type { AssetsMeta, SanityDocument } from '../site/lib/content/sources/export-files.ts';
import { ContentCommandError } from './content-client.ts';

export type { AssetsMeta, ExportOnDisk, SanityDocument } from '../site/lib/content/sources/export-files.ts';
export { readExport, readExportImage } from '../site/lib/content/sources/export-files.ts';

/** One document per line, as `sanity dataset export` writes `data.ndjson`. */
export function toNdjson(documents: readonly SanityDocument[]): string {
  return documents.map((doc) => `${JSON.stringify(doc)}\n`).join('');
}

function mapObjects(value: unknown, visit: (object: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => mapObjects(item, visit));
  if (typeof value !== 'object' || value === null) return value;
  const mapped = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mapObjects(child, visit)]));
  return visit(mapped);
}

/** Every `_sanityAsset` value in `documents`, once each; other kinds (files) are an error. */
export function collectExportedImages(documents: readonly SanityDocument[]): ExportedImage[] {
  const found = new Map<string, ExportedImage>();
  const unsupported = new Set<string>();
  for (const doc of documents) {
    mapObjects(doc, (object) => {
      const source = object['_sanityAsset'];
      if (typeof source === 'string') {
        const image = parseExportedImage(source);
        if (image) found.set(image.assetId, image);
        else unsupported.add(source);
      }
      return object;
    });
  }
  if (unsupported.size > 0) {
    throw new ContentCommandError(`The export holds assets this project has no field for: ${[...unsupported].join(', ')}`);
  }
  return [...found.values()];
}

/** Replaces each exported image by a reference to its uploaded asset (`assetIds`: export asset id → uploaded id). */
export function withAssetReferences(documents: readonly SanityDocument[], assetIds: ReadonlyMap<string, string>): SanityDocument[] {
  return documents.map(
    (doc) =>
      mapObjects(doc, (object) => {
        const source = object['_sanityAsset'];
        if (typeof source !== 'string') return object;
        const image = parseExportedImage(source);
        const uploaded = image && assetIds.get(image.assetId);
        if (!uploaded) throw new ContentCommandError(`No uploaded asset for ${source} in ${doc._type} ${doc._id}.`);
        const { _sanityAsset: _, ...rest } = object;
        return { ...rest, asset: { _type: 'reference', _ref: uploaded } };
      }) as SanityDocument,
  );
}

/**
 * Replaces each image asset reference by the export's `_sanityAsset`, as `sanity dataset export` does,
 * and answers the images to write.
 */
export function withExportedImages(documents: readonly SanityDocument[]): {
  documents: SanityDocument[];
  images: ExportedImage[];
} {
  const images = new Map<string, ExportedImage>();
  const converted = documents.map(
    (doc) =>
      mapObjects(doc, (object) => {
        const asset = object['asset'] as { _ref?: unknown } | undefined;
        const image = typeof asset?._ref === 'string' ? parseImageAssetId(asset._ref) : undefined;
        if (!image) return object;
        images.set(image.assetId, image);
        const { asset: _, ...rest } = object;
        return { ...rest, _sanityAsset: image.sanityAsset };
      }) as SanityDocument,
  );
  return { documents: converted, images: [...images.values()] };
}

/** `production-export-2026-03-15t10-00-00-000z`, the top folder name `sanity dataset export` uses. */
export function exportFolderName(dataset: string, at: Date): string {
  return `${dataset}-export-${at
    .toISOString()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')}`;
}

/** What an export holds, ready to be written. */
export interface ExportContent {
  documents: readonly SanityDocument[];
  assets: AssetsMeta;
  /** Image files by their path in the export (`images/<file>`). */
  files: ReadonlyMap<string, Uint8Array>;
}

function writeFolder(folder: string, content: ExportContent): void {
  mkdirSync(join(folder, 'images'), { recursive: true });
  writeFileSync(join(folder, 'data.ndjson'), toNdjson(content.documents));
  writeFileSync(join(folder, 'assets.json'), `${JSON.stringify(content.assets, null, 2)}\n`);
  for (const [file, bytes] of content.files) writeFileSync(join(folder, file), bytes);
}

/**
 * Writes an export to `out`: a `.tar.gz`/`.tgz` holding one top folder `folderName`, or else an
 * unpacked export folder at `out` (which must not exist yet, or be empty).
 */
export async function writeExport(out: string, folderName: string, content: ExportContent): Promise<void> {
  const target = resolve(out);
  if (/\.(tar\.gz|tgz)$/i.test(target)) {
    const staging = mkdtempSync(join(tmpdir(), 'mca-export-'));
    try {
      writeFolder(join(staging, folderName), content);
      mkdirSync(dirname(target), { recursive: true });
      await create({ gzip: true, file: target, cwd: staging, portable: true }, [folderName]);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return;
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new ContentCommandError(`${out} already exists and is not empty: choose another --out or remove it.`);
  }
  writeFolder(target, content);
}
