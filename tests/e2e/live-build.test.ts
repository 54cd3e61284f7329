import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';
import { buildSite } from '../support/build-site.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';

const sampleDataset = fileURLToPath(new URL('../../sample-dataset/', import.meta.url));
const readToken = 'sk-test-read-7f3c9a1e5b';

/** A stand-in of its own for each test: the tests run side by side, and each counts the requests it caused. */
async function startLake({ onTestFinished }: TestContext): Promise<ContentLakeStandIn> {
  const lake = await startContentLakeStandIn({ exportPath: sampleDataset, readToken });
  onTestFinished(() => lake.close());
  return lake;
}

const liveEnv = (lake: ContentLakeStandIn, token: string) => ({
  SANITY_PROJECT_ID: lake.projectId,
  SANITY_DATASET: lake.dataset,
  SANITY_API_HOST: lake.url,
  SANITY_API_READ_TOKEN: token,
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(join(dir, file)).isFile());
}

describe.concurrent('a live-mode build', () => {
  it('reads the published content with the read token, retries a failing Content Lake, and never writes the token', async (context) => {
    const lake = await startLake(context);
    lake.failNextRequests(2, 503);
    const result = await buildSite(liveEnv(lake, readToken));
    expect(result.status, result.output).toBe(0);
    const queries = lake.requests.filter((request) => request.endpoint === 'query');
    expect(queries.slice(0, 2).map((request) => request.status)).toEqual([503, 503]);
    expect(queries.filter((request) => request.status === 200).every((request) => request.authenticated)).toBe(true);
    expect(queries.every((request) => request.perspective === undefined || request.perspective === 'published')).toBe(true);
    expect(readFileSync(join(result.outDir, 'articles/peer-support-group-therapy/index.html'), 'utf8')).toContain(
      'Peer Support and Group Therapy in Addiction Recovery',
    );
    expect(result.output).not.toContain(readToken);
    for (const file of filesUnder(result.outDir)) {
      expect(readFileSync(join(result.outDir, file)).includes(readToken), file).toBe(false);
    }
  });

  it('fails with one message saying what to check when the token is refused', async (context) => {
    const lake = await startLake(context);
    const result = await buildSite(liveEnv(lake, 'sk-not-a-token'));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      `Cannot read content from the Content Lake (project ${lake.projectId}, dataset ${lake.dataset}) after 1 attempt(s): HTTP 401. Check SANITY_API_READ_TOKEN and the project id.`,
    );
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});
