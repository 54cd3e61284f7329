/**
 * A failed GitHub dispatch is retried with growing pauses until GitHub answers again (issue #9, point 3),
 * or given up after the retry time. The build queue runs on a virtual clock: an hour of pauses takes no
 * time, while the dispatches are real HTTP requests to the GitHub API stand-in.
 */
import { encodeSignatureHeader } from '@sanity/webhook';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import type { Clock } from '../../scripts/server/clock.ts';
import { type FakeGithubApi, startFakeGithubApi } from '../support/fake-github-api.ts';
import { handClock } from '../support/hand-clock.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const secret = 'retry-test-secret-0123456789';
const token = 'github_pat_retry_0123456789';

/** Time that passes only when the queue sleeps; each sleep lets pending I/O run, and may look at the server. */
function virtualClock(onSleep: (ms: number) => Promise<void> = async () => {}): Clock & { pauses: number[] } {
  let time = Date.now();
  const pauses: number[] = [];
  return {
    pauses,
    now: () => time,
    async sleep(ms) {
      if (ms > 0) pauses.push(ms);
      await onSleep(ms);
      time += ms;
      await new Promise((done) => setImmediate(done));
    },
  };
}

let github: FakeGithubApi | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await github?.close();
  github = undefined;
});

async function start(clock: Clock, env: Record<string, string> = {}): Promise<{ server: RunningServer; github: FakeGithubApi }> {
  github ??= await startFakeGithubApi();
  const config = readServerConfig({
    SANITY_WEBHOOK_SECRET: secret,
    PORT: '0',
    BUILD_SETTLE_MS: '0',
    PENDING_REBUILDS_FILE: join(makeTempDir('mca-pending-'), 'pending-rebuilds.json'),
    REBUILD_MODE: 'github',
    GITHUB_REPOSITORY: 'mca/site',
    GITHUB_TOKEN: token,
    GITHUB_API_URL: github.url,
    ...env,
  });
  server = await startServer(config, { webhooks: { clock }, log: () => {} });
  return { server, github };
}

async function publish(url: string): Promise<number> {
  const body = JSON.stringify({ _id: 'article-1', _type: 'article', operation: 'update' });
  const response = await fetch(`${url}/webhooks/sanity`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `retry-${Math.random()}`,
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret),
    },
    body,
  });
  return response.status;
}

describe('a rebuild trigger that fails', () => {
  it('is retried with doubling pauses while GitHub is down, and dispatched exactly once when it is back', async () => {
    const health: unknown[] = [];
    const clock = virtualClock(async (ms) => {
      if (server && ms > 0) health.push(await (await fetch(`${server.url}/healthz`)).json());
    });
    const { server: running, github: api } = await start(clock);
    // Down for a bit over a minute of retries: five failures, then GitHub answers 204 again.
    api.respondWith(502, 502, 503, 502, 502);
    expect(await publish(running.url)).toBe(202);
    await running.queue.idle();

    expect(api.requests).toHaveLength(6);
    expect(clock.pauses).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(running.queue.stats).toMatchObject({ started: 1, succeeded: 1, failed: 0, retries: 5 });

    // While it waited, /healthz said what is pending and what failed, and nothing about where it deploys.
    expect(health[0]).toMatchObject({
      ok: true,
      webhooks: {
        retrying: { attempt: 2, nextAttemptAt: expect.any(String) },
        lastFailure: { reason: 'GitHub answered HTTP 502', attempt: 1, nextAttemptAt: expect.any(String) },
      },
    });
    const said = JSON.stringify(health);
    expect(said).not.toContain('mca/site');
    expect(said).not.toContain(token);
    expect(said).not.toContain(api.url);
  });

  it('is given up after the retry time, and /healthz says so', async () => {
    const clock = virtualClock();
    const { server: running, github: api } = await start(clock, { REBUILD_RETRY_MINUTES: '60' });
    api.respondWith(...Array<number>(100).fill(502));
    expect(await publish(running.url)).toBe(202);
    await running.queue.idle();

    const waited = clock.pauses.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(60 * 60_000);
    expect(waited).toBeGreaterThan(50 * 60_000);
    expect(Math.max(...clock.pauses)).toBe(5 * 60_000);
    expect(running.queue.stats).toMatchObject({ started: 1, succeeded: 0, failed: 1 });
    const health = await (await fetch(`${running.url}/healthz`)).json();
    expect(health.webhooks.lastFailure.reason).toMatch(/^GitHub answered HTTP 502; given up after \d+ attempt\(s\)$/);
    expect(health.webhooks.retrying).toBeNull();
  });

  it('is not retried when GitHub refuses the token', async () => {
    const clock = virtualClock();
    const { server: running, github: api } = await start(clock);
    api.respondWith(401);
    expect(await publish(running.url)).toBe(202);
    await running.queue.idle();
    expect(api.requests).toHaveLength(1);
    expect(running.queue.stats).toMatchObject({ failed: 1, retries: 0 });
  });
});

describe('a server stopped while a dispatch waits for its retry', () => {
  it('stops without waiting out the pause, keeps the change, and dispatches it after the next start', async () => {
    const pendingFile = join(makeTempDir('mca-pending-'), 'pending-rebuilds.json');
    const clock = handClock('2031-03-01T12:00:00Z');
    const { server: first, github: api } = await start(clock, { PENDING_REBUILDS_FILE: pendingFile });
    api.respondWith(502);
    expect(await publish(first.url)).toBe(202);
    await vi.waitFor(() => expect(first.queue.status().retrying).toMatchObject({ attempt: 2 }), { timeout: 60_000 });

    // The virtual clock never reaches the retry: only a stop that cuts the pause short can end.
    await first.close();
    expect(clock.now()).toBe(Date.parse('2031-03-01T12:00:00Z'));
    expect(api.requests).toHaveLength(1);
    expect(JSON.parse(readFileSync(pendingFile, 'utf8'))).toEqual([
      expect.objectContaining({ documentId: 'article-1', operation: 'update' }),
    ]);

    const { server: second } = await start(handClock('2031-03-01T12:05:00Z'), { PENDING_REBUILDS_FILE: pendingFile });
    await vi.waitFor(() => expect(api.requests).toHaveLength(2), { timeout: 60_000 });
    await second.queue.idle();
    expect(second.queue.stats).toMatchObject({ succeeded: 1 });
    expect(existsSync(pendingFile)).toBe(false);
  });
});
