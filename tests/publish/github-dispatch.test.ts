import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { SettingsError } from '../../schemas/settings.ts';
import type { BuildRequest } from '../../scripts/server/webhooks/payload.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { createGithubDispatch } from '../../scripts/server/webhooks/github-dispatch.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { type FakeGithubApi, startFakeGithubApi } from '../support/fake-github-api.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const token = 'github_pat_test_0123456789';
const change: BuildRequest = {
  documentId: 'article-1',
  documentType: 'article',
  operation: 'update',
  idempotencyKey: 'k1',
  receivedAt: new Date(),
};

describe('GitHub repository_dispatch', () => {
  let github: FakeGithubApi;
  beforeAll(async () => {
    github = await startFakeGithubApi();
  });
  afterAll(async () => {
    await github.close();
  });

  it('posts the event to the repository with the token and the API headers', async () => {
    const dispatch = createGithubDispatch({ repository: 'mca/site', token, apiUrl: github.url });
    await dispatch([change]);
    expect(github.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/mca/site/dispatches',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'content-type': 'application/json',
        'user-agent': expect.any(String),
      },
      body: {
        event_type: 'sanity-publish',
        client_payload: { count: 1, documents: [{ id: 'article-1', type: 'article', operation: 'update' }] },
      },
    });
  });

  it('reports a 5xx as worth retrying, and a 404 as not, with what to check but never the token', async () => {
    const dispatch = createGithubDispatch({ repository: 'mca/site', token, apiUrl: github.url });
    github.respondWith(502);
    const outage = await dispatch([change]).catch((error: unknown) => error);
    expect(outage).toMatchObject({ name: 'RebuildError', retryable: true, summary: 'GitHub answered HTTP 502' });

    github.respondWith(404);
    const refused = await dispatch([change]).catch((error: unknown) => error);
    expect(refused).toMatchObject({ retryable: false, message: expect.stringMatching(/HTTP 404.*GITHUB_REPOSITORY/s) });
    expect(String((refused as Error).message)).not.toContain(token);
  });

  it('needs the repository and the token in github mode, and names them all at once', () => {
    expect(() => readServerConfig({ SANITY_WEBHOOK_SECRET: 'x'.repeat(32), REBUILD_MODE: 'github' })).toThrow(SettingsError);
    const message = (() => {
      try {
        readServerConfig({ SANITY_WEBHOOK_SECRET: 'x'.repeat(32), REBUILD_MODE: 'github' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/GITHUB_REPOSITORY: is required when REBUILD_MODE=github/);
    expect(message).toMatch(/GITHUB_TOKEN: is required when REBUILD_MODE=github/);
  });
});

describe('the server in github mode', () => {
  let github: FakeGithubApi;
  let lake: ContentLakeStandIn;
  let server: RunningServer;
  const secret = 'github-mode-secret-0123456789';

  beforeAll(async () => {
    github = await startFakeGithubApi();
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: secret,
      PORT: '0',
      BUILD_SETTLE_MS: '0',
      REBUILD_MODE: 'github',
      GITHUB_REPOSITORY: 'mca/site',
      GITHUB_TOKEN: token,
      GITHUB_API_URL: github.url,
      PENDING_REBUILDS_FILE: join(makeTempDir('mca-github-mode-'), 'pending-rebuilds.json'),
    });
    server = await startServer(config, { log: () => {}, webhooks: { nextScheduledAfter: async () => undefined } });
    lake = await startContentLakeStandIn({
      documents: [{ _id: 'drafts.topic-sleep', _type: 'topic', title: 'Sleep' }],
      webhooks: [{ url: `${server.url}${config.WEBHOOK_PATH}`, projection: '{_id, _type, "operation": delta::operation()}', secret }],
    });
  });
  afterAll(async () => {
    await lake?.close();
    await server?.close();
    await github?.close();
  });

  it('turns a publish into one repository_dispatch', async () => {
    await lake.publish('topic-sleep');
    await lake.webhooksIdle();
    await server.queue.idle();
    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({
      path: '/repos/mca/site/dispatches',
      headers: { authorization: `Bearer ${token}` },
      body: { event_type: 'sanity-publish', client_payload: { documents: [{ id: 'topic-sleep', type: 'topic', operation: 'create' }] } },
    });
  });
});
