import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuildQueue } from '../../scripts/server/webhooks/build-queue.ts';
import { readServerConfig } from '../../scripts/server/config.ts';
import type { BuildRequest } from '../../scripts/server/webhooks/payload.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { createFakeBuild, type FakeBuild } from '../support/fake-build.ts';

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const request = (n: number): BuildRequest => ({
  documentId: `article-${n}`,
  documentType: 'article',
  operation: 'update',
  idempotencyKey: `key-${n}`,
  receivedAt: new Date(),
});

describe('build queue', () => {
  it('turns 20 requests within a second into at most 2 builds, the second covering the rest', async () => {
    const batches: (readonly BuildRequest[])[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = createBuildQueue(
      async (requests) => {
        batches.push(requests);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await wait(300);
        running--;
      },
      { settleMs: 600 },
    );
    const results = [];
    for (let n = 1; n <= 20; n++) {
      results.push(queue.enqueue(request(n)));
      await wait(40);
    }
    await queue.idle();
    expect(batches.length).toBeLessThanOrEqual(2);
    expect(maxRunning).toBe(1);
    expect(batches.flat().map((r) => r.documentId)).toEqual(Array.from({ length: 20 }, (_, i) => `article-${i + 1}`));
    expect(results.filter((r) => r === 'queued')).toHaveLength(batches.length);
  });

  it('goes on after a build it gave up, and reports the failure', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const queue = createBuildQueue(
      async () => {
        calls++;
        if (calls === 1) throw new Error('invalid content');
      },
      { retry: { firstDelayMs: 1, maxDelayMs: 1, giveUpAfterMs: 0 }, onFailure: (error) => failures.push(error) },
    );
    queue.enqueue(request(1));
    await queue.idle();
    expect(queue.enqueue(request(2))).toBe('queued');
    await queue.idle();
    expect(queue.stats).toEqual({ started: 2, succeeded: 1, failed: 1, retries: 0 });
    expect(failures).toHaveLength(1);
  });

  it('retries a failed build after a pause, and a request arriving during the pause joins the retry', async () => {
    const batches: string[][] = [];
    const queue = createBuildQueue(
      async (requests) => {
        batches.push(requests.map((r) => r.documentId));
        if (batches.length === 1) throw new Error('the Content Lake did not answer');
      },
      { retry: { firstDelayMs: 200, maxDelayMs: 200, giveUpAfterMs: 60_000 } },
    );
    queue.enqueue(request(1));
    await wait(50);
    expect(queue.status()).toMatchObject({ retrying: { attempt: 2 }, lastFailure: { reason: 'the rebuild failed', attempt: 1 } });
    queue.enqueue(request(2));
    await queue.idle();
    expect(batches).toEqual([['article-1'], ['article-1', 'article-2']]);
    expect(queue.stats).toEqual({ started: 1, succeeded: 1, failed: 0, retries: 1 });
  });
});

describe('a burst of publishes through the stand-in and the receiver', () => {
  let folder: string;
  let lake: ContentLakeStandIn;
  let receiver: RunningServer;
  let fake: FakeBuild;
  let endpoint: string;
  const secret = 'burst-test-secret-0123456789';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mca-burst-'));
    fake = createFakeBuild({ durationMs: 300 });
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: secret,
      WEBHOOK_PORT: '0',
      RELEASES_DIR: join(folder, '.releases'),
      LIVE_LINK: join(folder, 'live'),
    });
    receiver = await startServer(config, { webhooks: { build: (dir) => fake.build(dir) }, log: () => {} });
    endpoint = `${receiver.url}${config.WEBHOOK_PATH}`;
    lake = await startContentLakeStandIn({
      documents: Array.from({ length: 20 }, (_, i) => ({ _id: `drafts.article-${i}`, _type: 'article', title: `Article ${i}` })),
      webhooks: [
        {
          url: `${receiver.url}${config.WEBHOOK_PATH}`,
          filter: '_type == "article"',
          projection: '{_id, _type, "operation": delta::operation()}',
          secret,
        },
      ],
    });
  });
  afterAll(async () => {
    await lake?.close();
    await receiver?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('20 publishes within a second cause at most 2 builds, one at a time (default settle time)', async () => {
    for (let i = 0; i < 20; i++) await lake.publish(`article-${i}`);
    await lake.webhooksIdle();
    await receiver.queue.idle();

    expect(lake.deliveries).toHaveLength(20);
    expect(lake.deliveries.every((delivery) => delivery.state === 'delivered')).toBe(true);
    expect(fake.calls.length).toBeGreaterThanOrEqual(1);
    expect(fake.calls.length).toBeLessThanOrEqual(2);
    expect(fake.maxRunning).toBe(1);
    expect(receiver.queue.stats.failed).toBe(0);
  });

  it('20 signed requests sent at once cause at most 2 builds', async () => {
    const before = fake.calls.length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const body = JSON.stringify({ _id: `article-${i}`, _type: 'article', operation: 'update' });
        return fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `concurrent-${i}`,
            'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret),
          },
          body,
        });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    await receiver.queue.idle();
    expect(fake.calls.length - before).toBeGreaterThanOrEqual(1);
    expect(fake.calls.length - before).toBeLessThanOrEqual(2);
    expect(fake.maxRunning).toBe(1);
  });
});
