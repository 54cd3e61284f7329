/**
 * Dataset exports on disk, as `sanity dataset export` writes them (`docs/content-model.md`, "Where content
 * comes from"): a folder (or a `.tar.gz` of one, with a top folder `<name>-export-<date>/`) holding
 * `data.ndjson`, `assets.json` and `images/`, or a bare `.ndjson`. The file-mode build and the content
 * scripts read them the same way.
 */
import { constants, createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Stats, statSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ReadEntry, Unpack } from 'tar';
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

/**
 * Every document of an NDJSON export; a line that is no document is an error, each named by line.
 * Lines are decoded one at a time from the bytes: the export as one string (twice its size in memory
 * once it holds a curly quote) and its lines would otherwise live beside every parsed document.
 */
export function parseNdjson(bytes: Buffer, fileName: string): SanityDocument[] {
  const documents: SanityDocument[] = [];
  const errors: string[] = [];
  let lineNumber = 0;
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`${fileName} line ${lineNumber}: not valid JSON`);
      continue;
    }
    const doc = value as Partial<SanityDocument> | null;
    if (typeof doc?._id !== 'string' || typeof doc._type !== 'string') {
      errors.push(`${fileName} line ${lineNumber}: not a document (no _id or _type)`);
      continue;
    }
    documents.push(doc as SanityDocument);
  }
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

/** The tar entry types an export may hold; links and devices are refused and listed in `refused`. */
function keepEntry(entryPath: string, entry: Stats | ReadEntry, refused: string[]): boolean {
  if (!(entry instanceof ReadEntry)) return entry.isFile() || entry.isDirectory();
  const { type } = entry;
  if (type === 'File' || type === 'OldFile' || type === 'Directory') return true;
  const target = entry.linkpath ? ` -> ${entry.linkpath}` : '';
  refused.push(`${entryPath}${target} (${type === 'SymbolicLink' ? 'symbolic link' : type === 'Link' ? 'hard link' : type})`);
  return false;
}

/**
 * How much a `.tar.gz` export may unpack to. A gzip of zeros is a thousandth of their size, so without
 * limits a small file could fill the disk. An export's largest file is its `data.ndjson` (about 60 MB at
 * 10,000 articles) or a camera original; all of a centre's images together are well under the total.
 */
export interface UnpackLimits {
  /** The largest one file may be. */
  entryBytes: number;
  /** The most all files together may be. */
  totalBytes: number;
  /** The most files and folders. */
  entries: number;
}

export const exportUnpackLimits: UnpackLimits = { entryBytes: 512 * 2 ** 20, totalBytes: 4 * 2 ** 30, entries: 100_000 };

/** An export over one of the unpacking limits. */
class ExportLimitError extends Error {}

const mebibytes = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/**
 * Unpacks a tarball into `folder`: files and folders only (links are listed in `refused`, nothing else is
 * read), within `limits`. Sizes are checked from each entry's header, before its bytes are written; the
 * first entry over a limit stops the unpacking with an error that names the limit.
 */
function unpack(file: string, folder: string, limits: UnpackLimits, refused: string[]): Promise<void> {
  let total = 0;
  let count = 0;
  return new Promise((done, fail) => {
    const input = createReadStream(file);
    const stop = (error: Error) => {
      input.destroy();
      fail(error);
    };
    const tar: Unpack = new Unpack({
      cwd: folder,
      strict: true,
      filter: (entryPath, entry) => {
        const { size } = entry;
        total += size;
        count++;
        let over: string | undefined;
        if (size > limits.entryBytes) {
          over = `${entryPath} unpacks to ${mebibytes(size)}, more than the ${mebibytes(limits.entryBytes)} one file of an export may be`;
        } else if (total > limits.totalBytes) {
          over = `it unpacks to more than ${mebibytes(limits.totalBytes)}, the most a whole export may be`;
        } else if (count > limits.entries) {
          over = `it holds more than ${limits.entries.toLocaleString('en-US')} files and folders, the most an export may hold`;
        }
        if (!over) return keepEntry(entryPath, entry, refused);
        tar.abort(new ExportLimitError(over));
        return false;
      },
    });
    tar.on('close', done);
    tar.on('error', stop);
    tar.on('abort', stop);
    input.on('error', stop);
    input.pipe(tar);
  });
}

/**
 * The bytes of `images/<name>` in an export folder. Only a regular file of the export's own `images/`
 * folder is read: never through a symbolic link (of the file or of `images/`) and never a hard link, so
 * an export cannot publish a file from elsewhere on this machine (its own `data.ndjson`, drafts included).
 */
export async function readExportImage(folder: string, name: string): Promise<Buffer> {
  if (basename(name) !== name) throw new Error(`${name} is not a file name`);
  const images = join(folder, 'images');
  if ((await realpath(images)) !== join(await realpath(folder), 'images')) {
    throw new Error("the export's images/ folder is a link to somewhere else");
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(join(images, name), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`images/${name} is a symbolic link`);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`images/${name} is not a file`);
    if (stats.nlink > 1) throw new Error(`images/${name} is a hard link to another file`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** A tarball this process unpacked: reused while the file is unchanged, removed at exit. */
interface Unpacked {
  /** The file's identity when it was unpacked: inode, size and change time. */
  stamp: string;
  /** The temporary folder it was unpacked into. */
  folder: string;
  /** Settles when the unpacking has. */
  ready: Promise<void>;
}

const unpackedTarballs = new Map<string, Unpacked>();

function forgetUnpacked(absolute: string, folder: string): void {
  if (unpackedTarballs.get(absolute)?.folder === folder) unpackedTarballs.delete(absolute);
  rmSync(folder, { recursive: true, force: true });
}

let removedAtExit = false;

/**
 * The temporary folder a tarball is unpacked into, unpacking it only when this process has not yet
 * (or the file changed since, whose old copy is then removed). The server looks for scheduled articles
 * every hour and the build opens its source twice; each would otherwise leave a copy in the temp folder.
 */
async function unpackOnce(absolute: string, path: string, limits: UnpackLimits): Promise<{ folder: string; cleanup: () => void }> {
  const stats = statSync(absolute);
  const stamp = `${stats.ino}:${stats.size}:${stats.ctimeMs}:${stats.mtimeMs}`;
  const known = unpackedTarballs.get(absolute);
  if (known?.stamp === stamp) {
    await known.ready;
    if (existsSync(known.folder)) return { folder: known.folder, cleanup: () => forgetUnpacked(absolute, known.folder) };
  }
  if (known) forgetUnpacked(absolute, known.folder);
  const folder = mkdtempSync(join(tmpdir(), 'mca-export-'));
  const cleanup = () => forgetUnpacked(absolute, folder);
  const links: string[] = [];
  const ready = unpack(absolute, folder, limits, links).then(
    () => {
      if (links.length > 0) {
        throw new ContentSourceError(
          `Cannot read ${path}: it holds links, which "sanity dataset export" never writes (nothing was read):\n  ${links.join('\n  ')}`,
        );
      }
    },
    (error: Error) => {
      if (error instanceof ExportLimitError) throw new ContentSourceError(`Cannot read ${path}: ${error.message} (nothing was read).`);
      throw new ContentSourceError(`Cannot unpack ${path}: ${error.message}. Is it a tarball written by "sanity dataset export"?`);
    },
  );
  unpackedTarballs.set(absolute, { stamp, folder, ready });
  if (!removedAtExit) {
    removedAtExit = true;
    process.once('exit', () => {
      for (const { folder: left } of unpackedTarballs.values()) rmSync(left, { recursive: true, force: true });
    });
  }
  try {
    await ready;
  } catch (error) {
    cleanup();
    throw error;
  }
  return { folder, cleanup };
}

/**
 * Reads an export: an unpacked folder, a `.tar.gz`/`.tgz`, or a bare `.ndjson` (images beside it).
 * A tarball is unpacked within `limits`, once per process while it is unchanged (see `unpackOnce`).
 */
export async function readExport(path: string, limits: UnpackLimits = exportUnpackLimits): Promise<ExportOnDisk> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new ContentSourceError(`The export ${path} does not exist.`);
  let cleanup = () => {};
  let dataFile: string | undefined;
  if (statSync(absolute).isDirectory()) {
    dataFile = findDataFile(absolute);
  } else if (/\.(tar\.gz|tgz)$/i.test(absolute)) {
    const tarball = await unpackOnce(absolute, path, limits);
    cleanup = tarball.cleanup;
    dataFile = findDataFile(tarball.folder);
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
      documents: parseNdjson(readFileSync(dataFile), basename(dataFile)),
      assets: existsSync(assetsFile) ? (JSON.parse(readFileSync(assetsFile, 'utf8')) as AssetsMeta) : {},
      folder,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
