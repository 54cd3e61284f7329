import { describe, expect, it } from 'vitest';
import { createBuildQueue } from '../../scripts/server/webhooks/build-queue.ts';
import type { BuildRequest } from '../../scripts/server/webhooks/payload.ts';
import { handClock } from '../support/hand-clock.ts';

const request = (n: number): BuildRequest => ({
  documentId: `article-${n}`,
  documentType: 'article',
  operation: 'update',
  idempotencyKey: `key-${n}`,
  receivedAt: new Date(),
});

describe('build queue', () => {
  it('turns 20 requests within a second into at most 2 builds, the second covering the rest', async () => {
    const clock = handClock('2031-03-01T12:00:00Z');
    const batches: (readonly BuildRequest[])[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = createBuildQueue(
      async (requests) => {
        batches.push(requests);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await clock.sleep(300);
        running--;
      },
      { settleMs: 600, clock },
    );
    const results = [];
    for (let n = 1; n <= 20; n++) {
      results.push(queue.enqueue(request(n)));
      await clock.advance(40);
    }
    await clock.advance(60_000);
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
    const clock = handClock('2031-03-01T12:00:00Z');
    const batches: string[][] = [];
    const queue = createBuildQueue(
      async (requests) => {
        batches.push(requests.map((r) => r.documentId));
        if (batches.length === 1) throw new Error('the Content Lake did not answer');
      },
      { retry: { firstDelayMs: 200, maxDelayMs: 200, giveUpAfterMs: 60_000 }, clock },
    );
    queue.enqueue(request(1));
    await clock.advance(50);
    expect(queue.status()).toMatchObject({ retrying: { attempt: 2 }, lastFailure: { reason: 'the rebuild failed', attempt: 1 } });
    queue.enqueue(request(2));
    expect(batches).toHaveLength(1);
    await clock.advance(200);
    await queue.idle();
    expect(batches).toEqual([['article-1'], ['article-1', 'article-2']]);
    expect(queue.stats).toEqual({ started: 1, succeeded: 1, failed: 0, retries: 1 });
  });
});
