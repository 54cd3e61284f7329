import type { Loader } from 'astro/loaders';
import type { DocumentType } from '../../../schemas/rules.ts';
import { documentSchemas } from '../../../schemas/zod/index.ts';
import { loadDataset } from './load-dataset.ts';

/**
 * A content-layer loader for one Sanity document type. All loaders share one validated read of the
 * source (`loadDataset`); each stores its documents, parsed with the type's zod schema, under their `_id`.
 */
export function sanityLoader(type: DocumentType): Loader {
  return {
    name: `sanity:${type}`,
    schema: documentSchemas[type],
    async load({ store, parseData, generateDigest, logger }) {
      const { source, dataset } = await loadDataset();
      const documents = dataset[type];
      store.clear();
      for (const document of documents) {
        const data = await parseData({ id: document._id, data: { ...document } });
        store.set({ id: document._id, data, digest: generateDigest(document as Record<string, unknown>) });
      }
      logger.info(`${documents.length} ${type} document(s) from ${source.description}`);
    },
  };
}
