import { documentQueries } from '../../../schemas/queries.ts';
import { documentTypes } from '../../../schemas/rules.ts';
import { type Dataset, type RawDataset, validateDataset } from '../../../schemas/validate-dataset.ts';
import { type ContentSource, ContentSourceError, openContentSource } from './sources/index.ts';

/** The validated content of one build and where it came from. */
export interface LoadedDataset {
  source: ContentSource;
  dataset: Dataset;
}

/** Runs every document query against a source and validates the result as a whole. */
export async function readDataset(source: ContentSource): Promise<Dataset> {
  const raw: Partial<RawDataset> = {};
  await Promise.all(
    documentTypes.map(async (type) => {
      const result = await source.fetch(documentQueries[type]);
      if (!Array.isArray(result)) {
        throw new ContentSourceError(`The ${type} query on ${source.description} did not return a list.`);
      }
      raw[type] = result;
    }),
  );
  return validateDataset(raw as RawDataset, source.description);
}

let pending: Promise<LoadedDataset> | undefined;

/**
 * The build's content, read and validated once per process: the collection loaders and the
 * integrations share it, so a build reads its source once and reports every problem together.
 */
export function loadDataset(): Promise<LoadedDataset> {
  pending ??= (async () => {
    const source = await openContentSource();
    return { source, dataset: await readDataset(source) };
  })();
  return pending;
}
