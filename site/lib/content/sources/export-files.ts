/**
 * Dataset exports on disk, as `sanity dataset export` writes them (`CONTENT-MODEL.md`, "Where content
 * comes from"): a folder (or a `.tar.gz` of one, with a top folder `<name>-export-<date>/`) holding
 * `data.ndjson`, `assets.json` and `images/`, or a bare `.ndjson`. The file-mode build and the content
 * scripts read them the same way.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { extract } from 'tar';
import { ContentSourceError } from './content-source.ts';

export type SanityDocument = { _id: string; _type: string } & Record<string, unknown>;

/** Asset metadata by `image-<sha1>`, as in an export's `assets.json`. */
export type AssetsMeta = Record<string, Record<string, unknown>>;

/** An export read from disk. */
export interface ExportOnDisk {
  /** Every document, drafts included: readers choose what they keep. */
  documents: SanityDocument[];
  assets: AssetsMeta;
  /** The folder that holds `data.ndjson`; `images/` paths are relative to it. */
  folder: string;
  /** Removes what reading unpacked (a tarball's temporary folder). */
  cleanup: () => void;
}

/** Every document of an NDJSON export; a line that is no document is an error, each named by line. */
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
  if (errors.length > 0) throw new ContentSourceError(`Cannot read the dataset export:\n  ${errors.join('\n  ')}`);
  return documents;
}

/** `data.ndjson` at the top of a folder, or in its one export subfolder (as a tarball unpacks). */
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
  if (!existsSync(absolute)) throw new ContentSourceError(`The export ${path} does not exist.`);
  let cleanup = () => {};
  let dataFile: string | undefined;
  if (statSync(absolute).isDirectory()) {
    dataFile = findDataFile(absolute);
  } else if (/\.(tar\.gz|tgz)$/i.test(absolute)) {
    const folder = mkdtempSync(join(tmpdir(), 'mca-export-'));
    cleanup = () => rmSync(folder, { recursive: true, force: true });
    try {
      await extract({ file: absolute, cwd: folder, strict: true });
    } catch (error) {
      cleanup();
      throw new ContentSourceError(`Cannot unpack ${path}: ${(error as Error).message}. Is it a tarball written by "sanity dataset export"?`);
    }
    dataFile = findDataFile(folder);
  } else if (/\.ndjson$/i.test(absolute)) {
    dataFile = absolute;
  } else {
    throw new ContentSourceError(`Cannot read ${path}: expected an export folder, a .tar.gz export or an .ndjson file.`);
  }
  if (!dataFile) {
    cleanup();
    throw new ContentSourceError(`${path} holds no data.ndjson: is it a dataset export?`);
  }
  const folder = dirname(dataFile);
  const assetsFile = join(folder, 'assets.json');
  try {
    return {
      documents: parseNdjson(readFileSync(dataFile, 'utf8'), basename(dataFile)),
      assets: existsSync(assetsFile) ? (JSON.parse(readFileSync(assetsFile, 'utf8')) as AssetsMeta) : {},
      folder,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
