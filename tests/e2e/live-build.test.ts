import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { buildSite } from '../support/build-site.ts';
import { startContentLakeStandIn } from '../support/content-lake-stand-in.ts';

// A build that reads the Content Lake with its token, through an outage, is `publish-live.test.ts`'s first release.
const sampleDataset = fileURLToPath(new URL('../../sample-dataset/', import.meta.url));

it('fails a live-mode build with one message saying what to check when the token is refused', async ({ onTestFinished }) => {
  const lake = await startContentLakeStandIn({ exportPath: sampleDataset, readToken: 'sk-test-read-7f3c9a1e5b' });
  onTestFinished(() => lake.close());
  const result = await buildSite({
    SANITY_PROJECT_ID: lake.projectId,
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: 'sk-not-a-token',
  });
  expect(result.status).not.toBe(0);
  expect(result.output).toContain(
    `Cannot read content from the Content Lake (project ${lake.projectId}, dataset ${lake.dataset}) after 1 attempt(s): HTTP 401. Check SANITY_API_READ_TOKEN and the project id.`,
  );
  expect(result.output).not.toMatch(/\n\s+at /);
});
