import { createClient } from '@sanity/client';
import type { ContentEnv } from '../../../../schemas/settings.ts';
import { type ContentSource, ContentSourceError, type ImageOrigin } from './content-source.ts';

const retryableStatus = new Set([429, 500, 502, 503, 504]);
const maxRetries = 4;

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Network failures (no status) and 429/5xx are worth another try; anything else is final. */
function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || retryableStatus.has(status);
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Live mode: the Content Lake through `@sanity/client`, published perspective, no CDN (a build must
 * see what was just published), a pinned API version, time-outs and retries with backoff.
 */
/** Where live images come from: the project's CDN, or the host a custom API host (a local stand-in) answers on. */
export function liveImageOrigin(env: ContentEnv & { SANITY_PROJECT_ID: string }): ImageOrigin {
  const baseUrl = env.SANITY_IMAGE_CDN_URL ?? env.SANITY_API_HOST;
  return { kind: 'cdn', projectId: env.SANITY_PROJECT_ID, dataset: env.SANITY_DATASET, ...(baseUrl ? { baseUrl } : {}) };
}

export function createLiveSource(env: ContentEnv & { SANITY_PROJECT_ID: string }): ContentSource {
  const client = createClient({
    projectId: env.SANITY_PROJECT_ID,
    dataset: env.SANITY_DATASET,
    apiVersion: env.SANITY_API_VERSION,
    perspective: 'published',
    useCdn: false,
    timeout: 30_000,
    // Retries are ours below, so that 429/5xx and network errors share one backoff and one message.
    maxRetries: 0,
    // A custom host (a local stand-in) is used as given, not prefixed with the project id.
    ...(env.SANITY_API_HOST ? { apiHost: env.SANITY_API_HOST, useProjectHostname: false } : {}),
    ...(env.SANITY_API_READ_TOKEN ? { token: env.SANITY_API_READ_TOKEN } : {}),
  });
  const where = `project ${env.SANITY_PROJECT_ID}, dataset ${env.SANITY_DATASET}`;
  return {
    mode: 'live',
    description: `the Content Lake (${where})`,
    images: liveImageOrigin(env),
    async fetch(query, params = {}) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.fetch(query, params, { perspective: 'published' });
        } catch (error) {
          if (attempt < maxRetries && isRetryable(error)) {
            await wait(Math.min(8_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2));
            continue;
          }
          const status = statusOf(error);
          const reason = status ? `HTTP ${status}` : (error as Error).message;
          const hint =
            status === 401 || status === 403
              ? 'Check SANITY_API_READ_TOKEN and the project id.'
              : 'Check the network, SANITY_PROJECT_ID and SANITY_DATASET, or build from an export with SANITY_EXPORT_FILE.';
          throw new ContentSourceError(
            `Cannot read content from the Content Lake (${where}) after ${attempt + 1} attempt(s): ${reason}. ${hint}`,
          );
        }
      }
    },
  };
}
