import { existsSync } from 'node:fs';
import { type ContentSource, ContentSourceError } from './content-source.ts';
import { createDatasetSource } from './dataset-source.ts';
import { readExport } from './export-files.ts';

/**
 * File and default mode: a dataset export read from disk and queried locally with `groq-js`.
 * Exported images live in `images/` beside `data.ndjson`; an unpacked tarball is removed at exit.
 */
export async function createFileSource(path: string, mode: 'file' | 'default'): Promise<ContentSource> {
  if (mode === 'file' && !existsSync(path)) throw new ContentSourceError(`The export ${path} does not exist (SANITY_EXPORT_FILE).`);
  const exported = await readExport(path);
  process.once('exit', exported.cleanup);
  return createDatasetSource(exported.documents, {
    mode,
    description: `${mode === 'default' ? 'the sample dataset' : 'the export'} ${path}`,
    images: { kind: 'files', root: exported.folder },
  });
}
