import { evaluate, parse } from 'groq-js';
import { type ContentSource, ContentSourceError, type ImageOrigin, isPublishedId } from './content-source.ts';

interface SanityDocumentLike {
  _id: string;
  _type: string;
}

function isDocument(value: unknown): value is SanityDocumentLike {
  return typeof value === 'object' && value !== null && typeof (value as SanityDocumentLike)._type === 'string';
}

/**
 * Parses NDJSON as `sanity dataset export` writes it: one document per line. Drafts, versions and
 * any dotted id are dropped here, so no query can ever see them.
 */
export function parseNdjson(text: string, fileName: string): SanityDocumentLike[] {
  const documents: SanityDocumentLike[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`${fileName} line ${index + 1}: not valid JSON`);
      return;
    }
    if (!isDocument(value)) {
      errors.push(`${fileName} line ${index + 1}: not a document (no _id or _type)`);
      return;
    }
    if (isPublishedId(value._id)) documents.push(value);
  });
  if (errors.length > 0) throw new ContentSourceError(`Cannot read the dataset export:\n  ${errors.join('\n  ')}`);
  return documents;
}

/** A content source over documents held in memory, queried with `groq-js`. */
export function createDatasetSource(
  documents: readonly SanityDocumentLike[],
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
