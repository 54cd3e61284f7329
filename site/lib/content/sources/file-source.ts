import { existsSync } from 'node:fs';
import { type ContentSource, ContentSourceError } from './content-source.ts';
import { createDatasetSource } from './dataset-source.ts';
import { readExport } from './export-files.ts';

/**
 * File and default mode: a dataset export read from disk and queried locally with `groq-js`.
 * Exported images live in `images/` beside `data.ndjson`. A tarball is unpacked once while it is unchanged,
 * however often the source is opened, and removed at exit (`readExport`).
 */
export async function createFileSource(path: string, mode: 'file' | 'default'): Promise<ContentSource> {
  if (mode === 'file' && !existsSync(path)) throw new ContentSourceError(`The export ${path} does not exist (SANITY_EXPORT_FILE).`);
  const exported = await readExport(path);
  return createDatasetSource(exported.documents, {
    mode,
    description: `${mode === 'default' ? 'the sample dataset' : 'the export'} ${path}`,
    images: { kind: 'files', root: exported.folder },
  });
}
