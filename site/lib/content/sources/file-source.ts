import { existsSync } from 'node:fs';
import { evaluate, parse } from 'groq-js';
import { type ContentSource, ContentSourceError, isPublishedId } from './content-source.ts';
import { readExport } from './export-files.ts';

/**
 * File and default mode: a dataset export read from disk and queried locally with `groq-js`; only its
 * published documents are kept. Exported images live in `images/` beside `data.ndjson`. A tarball is
 * unpacked once while it is unchanged, however often the source is opened, and removed at exit
 * (`readExport`).
 */
export async function createFileSource(path: string, mode: 'file' | 'default'): Promise<ContentSource> {
  if (mode === 'file' && !existsSync(path)) throw new ContentSourceError(`The export ${path} does not exist (SANITY_EXPORT_FILE).`);
  const exported = await readExport(path);
  const dataset = exported.documents.filter((doc) => isPublishedId(doc._id));
  return {
    mode,
    description: `${mode === 'default' ? 'the sample dataset' : 'the export'} ${path}`,
    images: { kind: 'files', root: exported.folder },
    async fetch(query, params = {}) {
      const result = await evaluate(parse(query, { params }), { dataset, params });
      return result.get();
    },
  };
}
