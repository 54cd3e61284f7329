import { allDocuments, documentQueries } from '../../../schemas/queries.ts';
import { documentTypes } from '../../../schemas/rules.ts';
import { type Dataset, type RawDataset, validateDataset } from '../../../schemas/validate-dataset.ts';
import { type ContentSource, ContentSourceError } from './sources/index.ts';

/** Runs a query that must return a list; `what` names it in the error. */
export async function fetchList(
  source: ContentSource,
  query: string,
  params: Record<string, unknown>,
  what: string,
): Promise<unknown[]> {
  const result = await source.fetch(query, params);
  if (!Array.isArray(result)) throw new ContentSourceError(`The ${what} query on ${source.description} did not return a list.`);
  return result;
}

/** Runs every document query against a source and validates the result as a whole. */
export async function readDataset(source: ContentSource): Promise<Dataset> {
  const raw: Partial<RawDataset> = {};
  await Promise.all(
    documentTypes.map(async (type) => {
      raw[type] = await fetchList(source, documentQueries[type], allDocuments, type);
    }),
  );
  return validateDataset(raw as RawDataset, source.description);
}
