import type { ClientConfig } from '@sanity/client';
import type { ImageOrigin } from '../lib/content/sources/content-source.ts';
import { liveImageOrigin } from '../lib/content/sources/live-source.ts';
import { httpUrl, readContentEnv } from '../../schemas/settings.ts';
import { localStudioOrigins } from './studio-origin.ts';

/**
 * The preview server's Content Lake client settings, from the build's own variables: it needs
 * `SANITY_PROJECT_ID` and a viewer token in `SANITY_API_READ_TOKEN` (drafts are private).
 */
export function previewClientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const content = readContentEnv(env);
  if (!content.SANITY_PROJECT_ID || !content.SANITY_API_READ_TOKEN) {
    throw new Error(
      'The preview server needs SANITY_PROJECT_ID and SANITY_API_READ_TOKEN (a token with Viewer rights): it reads drafts from the Content Lake.',
    );
  }
  return {
    projectId: content.SANITY_PROJECT_ID,
    dataset: content.SANITY_DATASET,
    apiVersion: content.SANITY_API_VERSION,
    useCdn: false,
    token: content.SANITY_API_READ_TOKEN,
    ...(content.SANITY_API_HOST ? { apiHost: content.SANITY_API_HOST, useProjectHostname: false } : {}),
  };
}

/** Where the preview's images come from: the same place as the build's in live mode. */
export function previewImageOrigin(env: NodeJS.ProcessEnv = process.env): ImageOrigin {
  const content = readContentEnv(env);
  return liveImageOrigin({ ...content, SANITY_PROJECT_ID: previewClientConfig(env).projectId as string });
}

/**
 * The origins of the Studio that may show preview pages: `STUDIO_URL`'s (e.g. `https://mca.sanity.studio`),
 * or any origin on this machine when it is unset.
 */
export function previewStudioOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const studioUrl = env['STUDIO_URL']?.trim();
  if (!studioUrl) return localStudioOrigins;
  const parsed = httpUrl.safeParse(studioUrl);
  if (!parsed.success)
    throw new Error(`STUDIO_URL "${studioUrl}" must be the Studio's http(s) address, such as https://mca.sanity.studio.`);
  return [new URL(parsed.data).origin];
}
