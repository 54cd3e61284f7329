import { getCollection } from 'astro:content';
import { type DocumentType, documentTypes } from '../../../schemas/rules.ts';
import type { Dataset } from '../../../schemas/validate-dataset.ts';
import { attachBody } from './article-bodies.ts';

let pending: Promise<Dataset> | undefined;

/**
 * The collection's documents by type, read once per build. The loader validated them as one dataset
 * before storing them, so they are read back as the types `validateDataset` returned (an article's body
 * from `article-bodies.ts`). The draft preview server replaces this module (`site/preview/read-dataset.ts`).
 */
export function readDataset(): Promise<Dataset> {
  pending ??= (async () => {
    const dataset = Object.fromEntries(documentTypes.map((type) => [type, []])) as unknown as Dataset;
    for (const { data } of await getCollection('sanity')) {
      if (data['_type'] === 'article') attachBody(data);
      (dataset[data['_type'] as DocumentType] as unknown[]).push(data);
    }
    return dataset;
  })();
  return pending;
}
