import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { buildEnvironment } from '../../scripts/server/webhooks/run-build-script.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { createFakeBuild } from '../support/fake-build.ts';

describe('the server in local mode, serving the live release', () => {
  let folder: string;
  let lake: ContentLakeStandIn;
  let server: RunningServer;
  const fake = createFakeBuild({ durationMs: 20 });
  const secret = 'serve-test-secret-0123456789';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mca-serve-'));
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: secret,
      PORT: '0',
      BUILD_SETTLE_MS: '0',
      LIVE_LINK: join(folder, 'live'),
      PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
      SERVE_LIVE: 'true',
      REBUILD_RETRY_MINUTES: '0',
    });
    server = await startServer(config, { webhooks: { build: fake.build }, log: () => {} });
    lake = await startContentLakeStandIn({
      documents: [{ _id: 'drafts.contactDetails', _type: 'contactDetails', phone: '1' }],
      webhooks: [{ url: `${server.url}${config.WEBHOOK_PATH}`, projection: '{_id, _type}', secret }],
    });
  });
  afterAll(async () => {
    await lake?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const page = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('answers 503 before any release, then serves each new release; a failed build keeps the last one', async () => {
    expect((await page('/')).status).toBe(503);
    await lake.publish('contactDetails');
    await lake.webhooksIdle();
    await server.queue.idle();
    expect(await page('/')).toEqual({ status: 200, text: '<h1>build 1</h1>\n' });
    expect((await page('/missing/')).status).toBe(404);
    expect((await page('/../../etc/passwd')).status).toBe(404);

    fake.failNext();
    await lake.mutate([{ patch: { id: 'contactDetails', set: { phone: '2' } } }]);
    await lake.webhooksIdle();
    await server.queue.idle();
    expect(server.queue.stats).toMatchObject({ started: 2, failed: 1 });
    expect(await page('/')).toEqual({ status: 200, text: '<h1>build 1</h1>\n' });
    expect(existsSync(join(folder, 'live'))).toBe(true);

    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toEqual({
      ok: true,
      webhooks: {
        builds: { started: 2, succeeded: 1, failed: 1, retries: 0 },
        running: false,
        waitingChanges: 0,
        retrying: null,
        lastFailure: { at: expect.any(String), attempt: 1, reason: 'the rebuild failed; given up after 1 attempt(s)' },
      },
    });
  });
});

describe("the server's local build environment", () => {
  it('holds the content, site and system settings, and none of the server’s secrets', () => {
    const server = {
      PATH: '/usr/bin',
      SANITY_PROJECT_ID: 'abc123',
      SANITY_API_READ_TOKEN: 'sk-read',
      SITE_URL: 'https://mca.example',
      CONTACT_FORM_ACTION: 'https://forms.mca.example/contact',
      SANITY_WEBHOOK_SECRET: 'webhook-secret-0123456789',
      CONTACT_SECRET: 'contact-secret-0123456789-0123456789',
      SMTP_URL: 'smtps://centre:password@mail.example:465',
      GITHUB_TOKEN: 'github_pat_0123',
      CONTACT_INBOX: 'inbox@mca.example',
      CONTACT_DB: '/var/lib/mca/contact.sqlite',
    };
    expect(buildEnvironment(server)).toEqual({
      PATH: '/usr/bin',
      SANITY_PROJECT_ID: 'abc123',
      SANITY_API_READ_TOKEN: 'sk-read',
      SITE_URL: 'https://mca.example',
      CONTACT_FORM_ACTION: 'https://forms.mca.example/contact',
    });
  });
});
