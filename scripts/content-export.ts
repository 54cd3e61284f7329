/**
 * `npm run content:export [-- --out <file.tar.gz | folder>]`: a snapshot of the published content of
 * a real dataset, written as `sanity dataset export` writes it, for file-mode builds
 * (`SANITY_EXPORT_FILE=<it> npm run build`). Drafts and release versions are never included: the
 * documents are read in the `published` perspective, and any id with a dot is dropped besides.
 * Images are downloaded into `images/` and image fields point at them (`_sanityAsset`).
 *
 * Reads SANITY_PROJECT_ID (or SANITY_STUDIO_PROJECT_ID), SANITY_DATASET (or SANITY_STUDIO_DATASET,
 * default `production`) and, for a private dataset, SANITY_API_READ_TOKEN.
 */
import type { SanityClient } from '@sanity/client';
import { assetDocumentsQuery, publishedContentQuery } from '../schemas/queries.ts';
import { documentTypes } from '../schemas/rules.ts';
import { InvalidContentError, type RawDataset, validateDataset } from '../schemas/validate-dataset.ts';
import { isPublishedId } from '../site/lib/content/sources/content-source.ts';
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
import { type AssetsMeta, exportFolderName, type SanityDocument, withExportedImages, writeExport } from './content-files.ts';

export interface ExportOptions {
  out: string;
}

const usage = 'Usage: npm run content:export [-- --out <file.tar.gz | folder>]';

export function parseExportArgs(argv: readonly string[], now: Date, dataset: string): ExportOptions {
  const parsed = parseCommandArgs(argv, { options: { out: { type: 'string', short: 'o' } } }, usage);
  return { out: parsed.values.out ?? `exports/${exportFolderName(dataset, now)}.tar.gz` };
}

/** Keeps published documents only: an id with a dot is a draft (`drafts.…`), a version or a system path. */
export function publishedOnly<T extends { _id: string }>(documents: readonly T[]): T[] {
  return documents.filter((doc) => isPublishedId(doc._id));
}

/** `assets.json` as `sanity dataset export` writes it: metadata by `image-<sha1>`, without system fields. */
export function assetsJson(assets: readonly SanityDocument[]): AssetsMeta {
  const out: AssetsMeta = {};
  for (const asset of assets) {
    const sha1 = typeof asset['sha1hash'] === 'string' ? asset['sha1hash'] : asset._id.split('-')[1];
    const { _id: _, _type: __, url: ___, path: ____, ...meta } = asset;
    out[`image-${sha1}`] = meta;
  }
  return out;
}

/** Problems the build will report for this snapshot, as lines; empty when it will build. */
export function buildProblems(documents: readonly SanityDocument[]): string[] {
  const raw = Object.fromEntries(documentTypes.map((type) => [type, documents.filter((doc) => doc._type === type)]));
  try {
    validateDataset(raw as unknown as RawDataset, 'the export');
    return [];
  } catch (error) {
    if (error instanceof InvalidContentError) return error.message.split('\n').slice(1);
    throw error;
  }
}

export interface ExportSummary {
  documents: readonly SanityDocument[];
  images: number;
  /** What the build would reject in this snapshot. */
  problems: string[];
}

/**
 * Reads the published content and its images through `client` and writes the export to `options.out`.
 * Image files are fetched from `imageHost` (the Sanity image CDN, or a stand-in's host).
 */
export async function exportContent(
  client: SanityClient,
  target: ContentTarget,
  options: ExportOptions & { now: Date; imageHost: string; fetchFile?: typeof fetch },
): Promise<ExportSummary> {
  const fetchFile = options.fetchFile ?? fetch;
  const fetched = await client.fetch<SanityDocument[]>(publishedContentQuery, {}, { perspective: 'published' });
  const documents = publishedOnly(fetched);
  const { documents: exported, images } = withExportedImages(documents);
  const assetDocs = publishedOnly(
    await client.fetch<SanityDocument[]>(assetDocumentsQuery, { ids: images.map((image) => image.assetId) }, { perspective: 'published' }),
  );
  const files = new Map<string, Uint8Array>();
  for (const image of images) {
    const asset = assetDocs.find((doc) => doc._id === image.assetId);
    const path =
      typeof asset?.['path'] === 'string'
        ? asset['path']
        : `images/${target.projectId}/${target.dataset}/${image.file.replace(/^images\//, '')}`;
    const url = `${options.imageHost.replace(/\/+$/, '')}/${path}`;
    const response = await fetchFile(url);
    if (!response.ok) throw new ContentCommandError(`Cannot download ${url}: HTTP ${response.status}.`);
    files.set(image.file, new Uint8Array(await response.arrayBuffer()));
  }
  await writeExport(options.out, exportFolderName(target.dataset, options.now), {
    documents: exported,
    assets: assetsJson(assetDocs),
    files,
  });
  return { documents, images: images.length, problems: buildProblems(exported) };
}

async function main(): Promise<void> {
  const target = readContentTarget(process.env, 'read');
  const now = new Date();
  const options = parseExportArgs(process.argv.slice(2), now, target.dataset);
  const client = createContentClient(target);
  console.log(`Exporting the published content of ${describeTarget(target)}…`);
  const summary = await exportContent(client, target, {
    ...options,
    now,
    imageHost: target.apiHost ?? 'https://cdn.sanity.io',
  }).catch((error: unknown) => {
    throw asCommandError(error, target);
  });
  console.log(
    `Wrote ${options.out}: ${summary.documents.length} published documents (${countByType(summary.documents)}) and ${summary.images} images.`,
  );
  console.log(`Build from it with: SANITY_EXPORT_FILE=${options.out} npm run build`);
  if (summary.problems.length > 0) {
    console.warn(`The build will reject this snapshot until these are fixed in the Studio and published:\n${summary.problems.join('\n')}`);
  }
}

if (import.meta.main) await runContentCommand(main);
