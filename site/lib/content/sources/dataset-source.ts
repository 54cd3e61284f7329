import { evaluate, parse } from 'groq-js';
import { type ContentSource, type ImageOrigin, isPublishedId } from './content-source.ts';
import type { SanityDocument } from './export-files.ts';

/** A content source over documents held in memory, queried with `groq-js`; only published ones are kept. */
export function createDatasetSource(
  documents: readonly SanityDocument[],
  options: { mode: 'file' | 'default'; description: string; images: ImageOrigin },
): ContentSource {
  const dataset = documents.filter((doc) => isPublishedId(doc._id));
  return {
    ...options,
    async fetch(query, params = {}) {
      const result = await evaluate(parse(query, { params }), { dataset, params });
      return result.get();
    },
  };
}
