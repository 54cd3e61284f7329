import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { createFakeBuild, type FakeBuild } from '../support/fake-build.ts';

const secret = 'a-test-secret-that-is-long-enough';
const projection = '{_id, _type, "operation": delta::operation()}';
const filter = '_type in ["article", "staffMember", "topic", "contactDetails", "searchSettings"]';

describe('signed webhooks from the stand-in to the server', () => {
  let folder: string;
  let lake: ContentLakeStandIn;
  let server: RunningServer;
  let fake: FakeBuild;
  let endpoint: string;
  const log: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mca-webhooks-'));
    fake = createFakeBuild({ durationMs: 20 });
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: secret,
      HOST: '127.0.0.1',
      PORT: '0',
      BUILD_SETTLE_MS: '0',
      REBUILD_MODE: 'local',
      PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
      LIVE_LINK: join(folder, 'live'),
    });
    server = await startServer(config, { webhooks: { build: (dir) => fake.build(dir) }, log: (line) => log.push(line) });
    endpoint = `${server.url}${config.WEBHOOK_PATH}`;
    lake = await startContentLakeStandIn({
      documents: [{ _id: 'drafts.a1', _type: 'article', title: 'Cravings' }],
      webhooks: [{ url: endpoint, filter, projection, secret }],
    });
  });
  afterAll(async () => {
    await lake?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Posts a body signed with `key` at `signedAt`, as a sender that is not the stand-in would. */
  async function post(body: string, options: { key?: string; signedAt?: number; idempotencyKey?: string } = {}) {
    const signature = await encodeSignatureHeader(body, options.signedAt ?? Date.now(), options.key ?? secret);
    return fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sanity-webhook-signature': signature,
        'idempotency-key': options.idempotencyKey ?? `manual-${Math.random()}`,
      },
      body,
    });
  }

  it('accepts the signed delivery of a publish, and the server builds once', async () => {
    await lake.publish('a1');
    await lake.webhooksIdle();
    await server.queue.idle();

    expect(lake.deliveries).toHaveLength(1);
    expect(lake.deliveries[0]).toMatchObject({ state: 'delivered', operation: 'create', documentId: 'a1', attempts: [{ status: 202 }] });
    expect(server.queue.stats).toMatchObject({ started: 1, succeeded: 1 });
  });

  it('answers 401 to a forged, tampered or unsigned request, and builds nothing', async () => {
    const body = JSON.stringify({ _id: 'a1', _type: 'article', operation: 'update' });
    expect((await post(body, { key: 'a-guessed-secret-of-some-length' })).status).toBe(401);

    const signed = await encodeSignatureHeader(body, Date.now(), secret);
    const tampered = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signed, 'idempotency-key': 'tampered' },
      body: body.replace('update', 'delete'),
    });
    expect(tampered.status).toBe(401);

    const unsigned = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    await server.queue.idle();
    expect(server.queue.stats.started).toBe(1);
  });

  it('answers 401 to a correctly signed request whose timestamp is over five minutes old or ahead', async () => {
    const body = JSON.stringify({ _id: 'a1', _type: 'article', operation: 'update' });
    expect((await post(body, { signedAt: Date.now() - 6 * 60 * 1000 })).status).toBe(401);
    expect((await post(body, { signedAt: Date.now() + 6 * 60 * 1000 })).status).toBe(401);
    const [delivery] = lake.deliveries;
    if (!delivery) throw new Error('no delivery');
    expect((await lake.redeliver(delivery, { signedAt: new Date(Date.now() - 10 * 60 * 1000) })).status).toBe(401);
    await server.queue.idle();
    expect(server.queue.stats.started).toBe(1);
  });

  it('answers 200 "duplicate, ignored" to a replayed delivery and builds nothing', async () => {
    const [delivery] = lake.deliveries;
    if (!delivery) throw new Error('no delivery');
    const retried = await lake.redeliver(delivery);
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain('duplicate, ignored');

    // The very same request again, signature and all, under a new idempotency key.
    const replayed = await fetch(endpoint, {
      method: 'POST',
      headers: { ...delivery.headers, 'idempotency-key': 'a-fresh-key' },
      body: delivery.body,
    });
    expect(replayed.status).toBe(200);
    await server.queue.idle();
    expect(server.queue.stats.started).toBe(1);
  });

  it('checks the HMAC itself, not the header text: a valid signature written "t=…, v1=…" passes, and counts as a replay when resent as "t=…,v1=…"', async () => {
    const body = JSON.stringify({ _id: 'drafts.a1', _type: 'article', operation: 'update' });
    const signed = await encodeSignatureHeader(body, Date.now(), secret);
    const send = (signature: string) =>
      fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signature }, body });
    const spaced = await send(signed.replace(',', ', '));
    expect(spaced.status).toBe(200);
    expect(await spaced.text()).toContain('not a published document');
    const resent = await send(signed);
    expect(await resent.text()).toContain('duplicate, ignored');
    const forged = signed.replace(/v1=(.)/, (_match, first: string) => `v1=${first === 'A' ? 'B' : 'A'}`);
    expect((await send(forged)).status).toBe(401);
  });

  it('answers 400 to a signed body that is not the expected projection', async () => {
    const response = await post(JSON.stringify({ title: 'no id' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('_id');
  });

  it('ignores signed deliveries for drafts and for types the site does not read', async () => {
    expect((await post(JSON.stringify({ _id: 'drafts.a1', _type: 'article' }))).status).toBe(200);
    expect((await post(JSON.stringify({ _id: 'img-1', _type: 'sanity.imageAsset' }))).status).toBe(200);
    await server.queue.idle();
    expect(server.queue.stats.started).toBe(1);
  });

  it('builds again for a new, validly signed delivery', async () => {
    await lake.mutate([{ patch: { id: 'a1', set: { title: 'Cravings (2nd edition)' } } }]);
    await lake.webhooksIdle();
    await server.queue.idle();
    expect(lake.deliveries.at(-1)).toMatchObject({ operation: 'update', state: 'delivered' });
    expect(server.queue.stats.started).toBe(2);
    expect(fake.calls).toHaveLength(2);
  });
});
