/**
 * Dataset exports on disk, in the format `sanity dataset export` writes and the file-mode build reads
 * (`CONTENT-MODEL.md`, "Where content comes from"): a folder (or a `.tar.gz` of one, with a top folder
 * `<name>-export-<date>/`) holding `data.ndjson`, `assets.json` and `images/`. Image fields carry
 * `_sanityAsset: "image@file://./images/<sha1>-<w>x<h>.<ext>"` instead of an asset reference.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { create, extract } from 'tar';
import { ContentCommandError } from './content-client.ts';

export type SanityDocument = { _id: string; _type: string } & Record<string, unknown>;

/** Asset metadata by asset id without dimensions (`image-<sha1>`), as in an export's `assets.json`. */
export type AssetsMeta = Record<string, Record<string, unknown>>;

/** An export read from disk. */
export interface ExportOnDisk {
  documents: SanityDocument[];
  assets: AssetsMeta;
  /** The folder that holds `data.ndjson`; `images/` paths are relative to it. */
  folder: string;
  /** Removes what reading unpacked (a tarball's temporary folder). */
  cleanup: () => void;
}

/** Every document of an NDJSON export, drafts included; a line that is no document is an error. */
export function parseNdjson(text: string, fileName: string): SanityDocument[] {
  const documents: SanityDocument[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`${fileName} line ${index + 1}: not valid JSON`);
      return;
    }
    const doc = value as Partial<SanityDocument> | null;
    if (typeof doc?._id !== 'string' || typeof doc._type !== 'string') {
      errors.push(`${fileName} line ${index + 1}: not a document (no _id or _type)`);
      return;
    }
    documents.push(doc as SanityDocument);
  });
  if (errors.length > 0) throw new ContentCommandError(`Cannot read the export:\n  ${errors.join('\n  ')}`);
  return documents;
}

/** One document per line, as `sanity dataset export` writes `data.ndjson`. */
export function toNdjson(documents: readonly SanityDocument[]): string {
  return documents.map((doc) => `${JSON.stringify(doc)}\n`).join('');
}

function findDataFile(folder: string): string | undefined {
  const direct = join(folder, 'data.ndjson');
  if (existsSync(direct)) return direct;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const nested = join(folder, entry.name, 'data.ndjson');
    if (entry.isDirectory() && existsSync(nested)) return nested;
  }
  return undefined;
}

/** Reads an export: an unpacked folder, a `.tar.gz`/`.tgz`, or a bare `.ndjson` (images beside it). */
export async function readExport(path: string): Promise<ExportOnDisk> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new ContentCommandError(`The export ${path} does not exist.`);
  let cleanup = () => {};
  let dataFile: string | undefined;
  if (statSync(absolute).isDirectory()) {
    dataFile = findDataFile(absolute);
  } else if (/\.(tar\.gz|tgz)$/i.test(absolute)) {
    const folder = mkdtempSync(join(tmpdir(), 'mca-import-'));
    cleanup = () => rmSync(folder, { recursive: true, force: true });
    try {
      await extract({ file: absolute, cwd: folder, strict: true });
    } catch (error) {
      cleanup();
      throw new ContentCommandError(`Cannot unpack ${path}: ${(error as Error).message}. Is it a dataset export?`);
    }
    dataFile = findDataFile(folder);
  } else if (/\.ndjson$/i.test(absolute)) {
    dataFile = absolute;
  } else {
    throw new ContentCommandError(`Cannot read ${path}: expected an export folder, a .tar.gz export or an .ndjson file.`);
  }
  if (!dataFile) {
    cleanup();
    throw new ContentCommandError(`${path} holds no data.ndjson: is it a dataset export?`);
  }
  const folder = dirname(dataFile);
  const assetsFile = join(folder, 'assets.json');
  return {
    documents: parseNdjson(readFileSync(dataFile, 'utf8'), basename(dataFile)),
    assets: existsSync(assetsFile) ? (JSON.parse(readFileSync(assetsFile, 'utf8')) as AssetsMeta) : {},
    folder,
    cleanup,
  };
}

const exportedImage = /^image@file:\/\/\.\/(images\/([a-f0-9]+)-(\d+)x(\d+)\.([a-z0-9]+))$/i;

/** An image of an export: where its file is, and the asset id an upload gives it. */
export interface ExportedImage {
  /** `images/<sha1>-<w>x<h>.<ext>`, relative to the export folder. */
  file: string;
  /** `image-<sha1>-<w>x<h>-<ext>`: the id Sanity derives from the file's content. */
  assetId: string;
  /** `image-<sha1>`: its key in `assets.json`. */
  metaKey: string;
}

/** Parses a `_sanityAsset` value; `undefined` for anything but an exported image. */
export function parseExportedImage(sanityAsset: string): ExportedImage | undefined {
  const match = exportedImage.exec(sanityAsset);
  if (!match) return undefined;
  const [, file = '', sha1 = '', width = '', height = '', extension = ''] = match;
  return { file, assetId: `image-${sha1}-${width}x${height}-${extension}`, metaKey: `image-${sha1}` };
}

/** The reverse: an image asset id as the `_sanityAsset` of an export, or `undefined` if it is none. */
export function exportedImageOf(assetId: string): ExportedImage & { sanityAsset: string } | undefined {
  const match = /^image-([a-f0-9]+)-(\d+)x(\d+)-([a-z0-9]+)$/i.exec(assetId);
  if (!match) return undefined;
  const [, sha1 = '', width = '', height = '', extension = ''] = match;
  const file = `images/${sha1}-${width}x${height}.${extension}`;
  return { file, assetId, metaKey: `image-${sha1}`, sanityAsset: `image@file://./${file}` };
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
  images: Array<ExportedImage & { sanityAsset: string }>;
} {
  const images = new Map<string, ExportedImage & { sanityAsset: string }>();
  const converted = documents.map(
    (doc) =>
      mapObjects(doc, (object) => {
        const asset = object['asset'] as { _ref?: unknown } | undefined;
        const image = typeof asset?._ref === 'string' ? exportedImageOf(asset._ref) : undefined;
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
  return `${dataset}-export-${at.toISOString().toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
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
