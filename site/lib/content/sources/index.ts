import { fileURLToPath } from 'node:url';
import { type ContentEnv, readContentEnv } from '../../../../schemas/settings.ts';
import type { ContentSource } from './content-source.ts';
import { createFileSource } from './file-source.ts';

export * from './content-source.ts';

/** The sample dataset committed in the repo (an unpacked export). */
export const sampleDatasetPath = fileURLToPath(new URL('../../../../sample-dataset/', import.meta.url));

/**
 * Chooses the content source from the environment (`docs/content-model.md`, "Where content comes from"):
 * live when `SANITY_PROJECT_ID` is set, file when `SANITY_EXPORT_FILE` is set, the sample dataset otherwise.
 */
export async function openContentSource(env: ContentEnv = readContentEnv()): Promise<ContentSource> {
  const projectId = env.SANITY_PROJECT_ID;
  // Loaded only here: `@sanity/client` and what it brings (474 modules) are no part of a build from an export.
  if (projectId) return (await import('./live-source.ts')).createLiveSource({ ...env, SANITY_PROJECT_ID: projectId });
  if (env.SANITY_EXPORT_FILE) return createFileSource(env.SANITY_EXPORT_FILE, 'file');
  return createFileSource(sampleDatasetPath, 'default');
}
