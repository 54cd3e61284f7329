import { createClient, type SanityClient } from '@sanity/client';
import { allDocuments, documentQueries } from '../../schemas/queries.ts';
import { documentTypes } from '../../schemas/rules.ts';
import { type Dataset, type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { imageFiles } from '../lib/images.ts';
import { previewRequests } from './draft-mode.ts';
import { previewClientConfig, previewImageOrigin } from './settings.ts';

const clients = new Map<boolean, SanityClient>();

function clientFor(drafts: boolean): SanityClient {
  let client = clients.get(drafts);
  if (!client) {
    client = createClient({ ...previewClientConfig(), perspective: drafts ? 'drafts' : 'published' });
    clients.set(drafts, client);
  }
  return client;
}

async function fetchDataset(drafts: boolean): Promise<Dataset> {
  const client = clientFor(drafts);
  imageFiles().origin ??= previewImageOrigin();
  const entries = await Promise.all(
    documentTypes.map(async (type) => [type, (await client.fetch(documentQueries[type], allDocuments)) as unknown[]] as const),
  );
  return validateDataset(Object.fromEntries(entries) as unknown as RawDataset, drafts ? 'the drafts' : 'the published content');
}

/**
 * The draft preview server's replacement for `site/lib/content/read-dataset.ts`: the content of this
 * request, read from the Content Lake with the viewer token, in the `drafts` perspective only when the
 * request is in draft mode, else published. Outside a preview request it refuses (never a default).
 */
export function readDataset(): Promise<Dataset> {
  const request = previewRequests.getStore();
  if (!request) throw new Error('Preview content read outside a preview request.');
  request.dataset ??= fetchDataset(request.drafts);
  return request.dataset;
}
