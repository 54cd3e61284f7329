import type { Loader } from 'astro/loaders';
import type { DocumentType } from '../../../schemas/rules.ts';
import { documentSchemas } from '../../../schemas/zod/index.ts';
import { commitSync, datasetSync, resetDatasetSync } from './dataset-sync.ts';

let running = 0;

/**
 * A content-layer loader for one Sanity document type. The four loaders sync together
 * (`DatasetSync`): each fetches only what changed since its cursor, the whole dataset is validated at
 * once, and only then does each store its documents, parsed with the type's zod schema, under `_id`.
 */
export function sanityLoader(type: DocumentType): Loader {
  return {
    name: `sanity:${type}`,
    schema: documentSchemas[type],
    async load(context) {
      running++;
      try {
        const sync = datasetSync();
        const { dataset, counts, source, versions } = await sync.sync(type, context);
        await commitSync(type, context, dataset, { source: `${source.mode}:${source.description}`, versions });
        context.logger.info(
          `content sync: ${counts.changed} changed, ${counts.deleted} deleted, ${counts.unchanged} unchanged` +
            (counts.full ? ` (full sync from ${source.description})` : ''),
        );
      } finally {
        if (--running === 0) resetDatasetSync();
      }
    },
  };
}
