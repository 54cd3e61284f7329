/**
 * What the server tells a stranger, and what a hostile request can make it write: `TRACE`, which a web
 * request cannot carry, is answered 405 with one log line; `/healthz` says only that the
 * server is up unless the request comes from this machine or carries `HEALTHZ_TOKEN`; a value with a line
 * break in it (a signed webhook's `_id`) cannot write a log line of its own.
 */
import { encodeSignatureHeader } from '@sanity/webhook';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { createFakeBuild } from '../support/fake-build.ts';
import { send } from '../support/http-client.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const secret = 'requests-test-secret-0123456789';
const healthToken = 'healthz-token-0123456789abcdef';
let server: RunningServer;
const log: string[] = [];

beforeAll(async () => {
  const folder = makeTempDir('mca-requests-');
  const config = readServerConfig({
    SANITY_WEBHOOK_SECRET: secret,
    PORT: '0',
    BUILD_SETTLE_MS: '0',
    RELEASES_DIR: join(folder, '.releases'),
    LIVE_LINK: join(folder, 'live'),
    // Its own, not the shared default: a webhook still building when the server stops is kept there.
    PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
    HEALTHZ_TOKEN: healthToken,
  });
  const fake = createFakeBuild();
  server = await startServer(config, {
    webhooks: { build: (dir) => fake.build(dir), nextScheduledAfter: async () => undefined },
    log: (line) => log.push(line),
  });
});
afterAll(async () => {
  await server?.close();
});

describe('a method a web request cannot carry', () => {
  it('answers TRACE with 405 and one log line, without a stack trace, on any path', async () => {
    for (const path of ['/healthz', '/contact', '/no-such-page/']) {
      const before = log.length;
      const answer = await send(`${server.url}${path}`, { method: 'TRACE' });
      expect(answer.status, path).toBe(405);
      expect(log.slice(before), path).toEqual([`refused a TRACE request for ${path}: method not allowed`]);
    }
    expect(log.join('\n')).not.toMatch(/request failed|\bat .*\.ts:\d+/);
  });
});

describe('/healthz', () => {
  const health = async (headers: Record<string, string> = {}) => {
    const answer = await send(`${server.url}/healthz`, { headers });
    return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
  };

  it('tells a request from this machine what waits and what failed', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, webhooks: { builds: expect.any(Object) } });
  });

  it('tells a proxied request only that the server is up, even when the proxy runs on this machine', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const value = header === 'forwarded' ? 'for=203.0.113.5' : '203.0.113.5';
      expect(await health({ [header]: value }), header).toEqual({ status: 200, body: { ok: true } });
    }
  });

  it('gives the counts to a bearer of HEALTHZ_TOKEN from anywhere, and refuses a wrong token', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.5' };
    expect((await health({ ...remote, authorization: `Bearer ${healthToken}` })).body).toHaveProperty('webhooks');
    expect(await health({ ...remote, authorization: 'Bearer not-the-token-at-all' })).toEqual({ status: 401, body: { ok: true } });
  });
});

describe('the log', () => {
  it('escapes a line break in a signed webhook’s _id, so it cannot write a line of its own', async () => {
    const fake = '[server] release 20991231 is live';
    const body = JSON.stringify({ _id: `article-x\n${fake}`, _type: 'article', operation: 'update' });
    const before = log.length;
    const answer = await fetch(`${server.url}/webhooks/sanity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret) },
      body,
    });
    expect(answer.status).toBe(202);
    const written = log.slice(before);
    expect(written.some((line) => line.includes(`article-x\\n${fake}`))).toBe(true);
    for (const line of written) expect(line).not.toMatch(/[\n\r]/);
  });
});
