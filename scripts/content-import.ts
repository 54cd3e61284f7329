/**
 * `npm run content:import [-- <export>] [--replace]`: puts a dataset export (by default the sample
 * dataset in `sample-dataset/`) into a real project, as `sanity dataset import` would: each image is
 * uploaded and its fields point at the uploaded asset, then every document is written in one
 * transaction. A dataset that already holds documents is left alone unless `--replace` is given;
 * then documents with the same ids are overwritten and all others stay.
 *
 * Reads SANITY_PROJECT_ID (or SANITY_STUDIO_PROJECT_ID), SANITY_DATASET (or SANITY_STUDIO_DATASET,
 * default `production`) and SANITY_API_WRITE_TOKEN.
 */
import { basename } from 'node:path';
import type { SanityClient } from '@sanity/client';
import { datasetSizeQuery } from '../schemas/queries.ts';
import type { ExportedImage } from '../site/lib/content/sources/asset-names.ts';
import { inspectExportedImage } from '../site/lib/content/sources/export-image-check.ts';
import { sampleDatasetPath } from '../site/lib/content/sources/index.ts';
import {
  asCommandError,
  ContentCommandError,
  type ContentTarget,
  countByType,
  createContentClient,
  describeTarget,
  parseCommandArgs,
  readContentTarget,
  runContentCommand,
} from './content-client.ts';
import {
  collectExportedImages,
  type ExportOnDisk,
  readExport,
  readExportImage,
  type SanityDocument,
  withAssetReferences,
} from './content-files.ts';

/** The sample dataset committed in the repo. */
export { sampleDatasetPath };

/** A transaction Sanity takes in one request; larger exports are for `sanity dataset import`. */
const maxTransactionBytes = 3 * 1024 * 1024;

export interface ImportOptions {
  /** An export folder, `.tar.gz` or `.ndjson`. */
  source: string;
  /** Overwrite documents with the same ids in a dataset that is not empty. */
  replace: boolean;
}

const usage = 'Usage: npm run content:import [-- <export folder | .tar.gz | .ndjson>] [--replace]';

export function parseImportArgs(argv: readonly string[]): ImportOptions {
  const parsed = parseCommandArgs(argv, { allowPositionals: true, options: { replace: { type: 'boolean', default: false } } }, usage);
  if (parsed.positionals.length > 1) throw new ContentCommandError(`Name one export at most.\n${usage}`);
  return { source: parsed.positionals[0] ?? sampleDatasetPath, replace: parsed.values.replace };
}

/** Documents an import writes: content, not the asset documents an upload creates. */
export function documentsToImport(documents: readonly SanityDocument[]): SanityDocument[] {
  return documents.filter((doc) => !/^sanity\.(image|file)Asset$/.test(doc._type));
}

/** Why an import must not go ahead, or `undefined` when it may. */
export function refusal(existing: number, replace: boolean, target: ContentTarget): string | undefined {
  if (existing === 0 || replace) return undefined;
  return (
    `Not importing: ${describeTarget(target)} already holds ${existing} document${existing === 1 ? '' : 's'}. ` +
    'Run again with --replace (npm run content:import -- --replace) to overwrite documents with the same ids; ' +
    'documents that are not in the export stay as they are.'
  );
}

/** Counts the documents of a dataset, drafts included, Sanity's own system documents (`_.…`) aside. */
export async function countDocuments(client: SanityClient): Promise<number> {
  return client.fetch<number>(datasetSizeQuery, {}, { perspective: 'raw' });
}

/** The bytes of an export's image, or an error naming it. */
async function readImage(source: ExportOnDisk, image: ExportedImage): Promise<Buffer> {
  try {
    return await readExportImage(source.folder, image.name);
  } catch (error) {
    throw new ContentCommandError(
      `The export names ${image.file}, which cannot be read from ${source.folder}: ${(error as Error).message}.`,
    );
  }
}

export interface ImportSummary {
  documents: readonly SanityDocument[];
  images: number;
}

/**
 * Imports `source` into the client's dataset. `log` receives progress lines. Throws
 * `ContentCommandError` when the dataset is not empty and `replace` is false.
 */
export async function importContent(
  client: SanityClient,
  target: ContentTarget,
  source: ExportOnDisk,
  options: { replace: boolean },
  log: (line: string) => void = () => {},
): Promise<ImportSummary> {
  const documents = documentsToImport(source.documents);
  const images = collectExportedImages(documents);
  const size = Buffer.byteLength(JSON.stringify(documents));
  if (size > maxTransactionBytes) {
    throw new ContentCommandError(
      `The export is ${Math.round(size / 1024)} KiB of documents, more than one transaction takes: use \`npx sanity dataset import\` for it.`,
    );
  }
  const existing = await countDocuments(client);
  const refused = refusal(existing, options.replace, target);
  if (refused) throw new ContentCommandError(refused);

  // Every image is checked before any is uploaded, as the file-mode build checks them: a file that is not
  // the image its name says would otherwise reach the Content Lake.
  const unfit: string[] = [];
  for (const image of images) {
    const checked = await inspectExportedImage(await readImage(source, image), image);
    if ('problem' in checked) unfit.push(checked.problem);
  }
  if (unfit.length > 0)
    throw new ContentCommandError(
      `Not importing: the export holds files that are not the images they are named as:\n  ${unfit.join('\n  ')}`,
    );

  const uploaded = new Map<string, string>();
  for (const image of images) {
    const meta = source.assets[image.metaKey] ?? {};
    const filename = typeof meta['originalFilename'] === 'string' ? meta['originalFilename'] : basename(image.file);
    const bytes = await readImage(source, image);
    const asset = await client.assets.upload('image', bytes, { filename });
    uploaded.set(image.assetId, asset._id);
    log(`  uploaded ${image.file}`);
  }

  const transaction = client.transaction();
  for (const doc of withAssetReferences(documents, uploaded)) {
    if (options.replace) transaction.createOrReplace(doc);
    else transaction.create(doc);
  }
  await transaction.commit({ visibility: 'sync' });

  return { documents, images: images.length };
}

async function main(): Promise<void> {
  const options = parseImportArgs(process.argv.slice(2));
  const target = readContentTarget(process.env, 'write');
  const client = createContentClient(target);
  const source = await readExport(options.source);
  try {
    console.log(`Importing ${options.source} into ${describeTarget(target)}…`);
    const summary = await importContent(client, target, source, options, (line) => console.log(line)).catch((error: unknown) => {
      throw asCommandError(error, target);
    });
    console.log(`Imported ${summary.documents.length} documents (${countByType(summary.documents)}) and ${summary.images} images.`);
  } finally {
    source.cleanup();
  }
}

if (import.meta.main) await runContentCommand(main);
