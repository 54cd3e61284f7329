import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { extract } from 'tar';
import { type ContentSource, ContentSourceError } from './content-source.ts';
import { createDatasetSource, parseNdjson } from './dataset-source.ts';

const dataFile = 'data.ndjson';

/**
 * Finds `data.ndjson` in an unpacked export: at the top of the folder, or in its one subfolder
 * (`<name>-export-<date>/`, as the tarball unpacks).
 */
function findDataFile(folder: string): string | undefined {
  const direct = join(folder, dataFile);
  if (existsSync(direct)) return direct;
  const subfolders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const sub of subfolders) {
    const nested = join(folder, sub.name, dataFile);
    if (existsSync(nested)) return nested;
  }
  return undefined;
}

const unpacked = new Map<string, string>();

/** Unpacks a `.tar.gz` export once per process into a temporary folder removed at exit. */
async function unpackTarball(file: string): Promise<string> {
  const known = unpacked.get(file);
  if (known) return known;
  const folder = mkdtempSync(join(tmpdir(), 'mca-export-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  try {
    await extract({ file, cwd: folder, strict: true });
  } catch (error) {
    throw new ContentSourceError(
      `Cannot unpack the export ${file}: ${(error as Error).message}. Is it a tarball written by "sanity dataset export"?`,
    );
  }
  unpacked.set(file, folder);
  return folder;
}

/** Resolves an export path (tarball, folder or `.ndjson`) to its `data.ndjson`. */
async function locateDataFile(path: string): Promise<string> {
  if (!existsSync(path)) throw new ContentSourceError(`The export ${path} does not exist (SANITY_EXPORT_FILE).`);
  if (statSync(path).isDirectory()) {
    const found = findDataFile(path);
    if (!found) throw new ContentSourceError(`The folder ${path} holds no ${dataFile}: is it an unpacked export?`);
    return found;
  }
  if (/\.(tar\.gz|tgz)$/i.test(path)) {
    const found = findDataFile(await unpackTarball(path));
    if (!found) throw new ContentSourceError(`The tarball ${path} holds no ${dataFile}: is it a Sanity export?`);
    return found;
  }
  if (/\.ndjson$/i.test(path)) return path;
  throw new ContentSourceError(`Cannot read ${path}: expected a .tar.gz export, an unpacked export folder or an .ndjson file.`);
}

/**
 * File and default mode: a dataset export read from disk and queried locally with `groq-js`.
 * Exported images live in `images/` beside `data.ndjson`.
 */
export async function createFileSource(path: string, mode: 'file' | 'default'): Promise<ContentSource> {
  const absolute = resolve(path);
  const file = await locateDataFile(absolute);
  const documents = parseNdjson(readFileSync(file, 'utf8'), basename(file));
  return createDatasetSource(documents, {
    mode,
    description: `${mode === 'default' ? 'the sample dataset' : 'the export'} ${path}`,
    images: { kind: 'files', root: dirname(file) },
  });
}
