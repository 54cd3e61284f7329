import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { startServer } from '../../scripts/server/server.ts';
import { createFakeBuild } from '../support/fake-build.ts';
import { createFileSource } from '../../site/lib/content/sources/file-source.ts';
import type { BuildRequest } from '../../scripts/server/webhooks/payload.ts';
import { nextScheduledFrom, startScheduledRebuilds } from '../../scripts/server/webhooks/scheduled-rebuild.ts';
import { handClock } from '../support/hand-clock.ts';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';

const hour = 60 * 60 * 1000;

describe('scheduled rebuilds', () => {
  it('enqueue one rebuild once the next scheduled article is due, not before', async () => {
    const clock = handClock('2031-03-01T12:00:00Z');
    const requests: BuildRequest[] = [];
    const schedule = startScheduledRebuilds({
      clock,
      enqueue: (request) => requests.push(request),
      nextScheduledAfter: async (now) => (now < new Date('2031-03-01T14:00:00Z') ? new Date('2031-03-01T14:00:00Z') : undefined),
    });
    await clock.advance(hour + 59 * 60 * 1000);
    expect(requests).toEqual([]);
    expect(schedule.nextDue?.toISOString()).toBe('2031-03-01T14:00:00.000Z');
    await clock.advance(60 * 1000);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.receivedAt.toISOString()).toBe('2031-03-01T14:00:00.000Z');
    await clock.advance(5 * hour);
    expect(requests).toHaveLength(1);
    schedule.stop();
  });

  it('look again every hour, so an article scheduled later is still caught', async () => {
    const clock = handClock('2031-03-01T12:00:00Z');
    const requests: BuildRequest[] = [];
    let scheduled: Date | undefined;
    const schedule = startScheduledRebuilds({
      clock,
      enqueue: (request) => requests.push(request),
      nextScheduledAfter: async (now) => (scheduled && scheduled > now ? scheduled : undefined),
    });
    await clock.advance(30 * 60 * 1000);
    scheduled = new Date('2031-03-01T13:10:00Z');
    await clock.advance(35 * 60 * 1000);
    expect(schedule.nextDue?.toISOString()).toBe('2031-03-01T13:10:00.000Z');
    expect(requests).toEqual([]);
    await clock.advance(5 * 60 * 1000);
    expect(requests).toHaveLength(1);
    schedule.stop();
  });

  it('keep going after the content cannot be read', async () => {
    const clock = handClock('2031-03-01T12:00:00Z');
    const lines: string[] = [];
    let fail = true;
    const requests: BuildRequest[] = [];
    const schedule = startScheduledRebuilds({
      clock,
      log: (line) => lines.push(line),
      enqueue: (request) => requests.push(request),
      nextScheduledAfter: async () => {
        if (fail) throw new Error('Content Lake unreachable');
        return new Date('2031-03-01T13:30:00Z');
      },
    });
    await clock.advance(1);
    expect(lines.join('\n')).toContain('could not look for scheduled articles (trying again in an hour): Content Lake unreachable');
    fail = false;
    await clock.advance(hour);
    await clock.advance(30 * 60 * 1000);
    expect(requests).toHaveLength(1);
    schedule.stop();
  });

  it('find the next scheduled article with the build query on a real export', async () => {
    const documents = [
      ...fixtureDocuments(),
      ...['2031-05-01T09:00:00Z', '2031-04-01T09:00:00+02:00'].map((publishedAt, index) => ({
        ...(fixtureDocuments().find((doc) => doc['_id'] === 'article-warning-signs') as object),
        _id: `article-future-${index}`,
        slug: { _type: 'slug', current: `future-${index}` },
        publishedAt,
      })),
      {
        ...(fixtureDocuments().find((doc) => doc['_id'] === 'article-warning-signs') as object),
        _id: 'drafts.article-future-draft',
        publishedAt: '2031-03-15T09:00:00Z',
      },
    ];
    const source = await createFileSource(await writeExport(documents, 'ndjson'), 'file');
    const next = nextScheduledFrom(source);
    expect((await next(new Date('2031-01-01T00:00:00Z')))?.toISOString()).toBe('2031-04-01T07:00:00.000Z');
    expect((await next(new Date('2031-04-01T07:00:00Z')))?.toISOString()).toBe('2031-05-01T09:00:00.000Z');
    expect(await next(new Date('2031-06-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('the server', () => {
  it('builds a new local release when a scheduled article becomes due', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mca-scheduled-'));
    const fake = createFakeBuild();
    const clock = handClock('2031-03-01T13:50:00Z');
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: 'scheduled-test-secret-0123456789',
      PORT: '0',
      BUILD_SETTLE_MS: '0',
      LIVE_LINK: join(folder, 'live'),
      // Its own: changes another test's server left in the shared default would be built at start.
      PENDING_REBUILDS_FILE: join(folder, 'pending-rebuilds.json'),
    });
    const server = await startServer(config, {
      log: () => {},
      webhooks: {
        build: fake.build,
        scheduleClock: clock,
        nextScheduledAfter: async (now) => (now < new Date('2031-03-01T14:00:00Z') ? new Date('2031-03-01T14:00:00Z') : undefined),
      },
    });
    try {
      await clock.advance(9 * 60 * 1000);
      await server.queue.idle();
      expect(fake.calls).toHaveLength(0);
      await clock.advance(60 * 1000);
      await server.queue.idle();
      expect(fake.calls).toHaveLength(1);
      expect(server.queue.stats.succeeded).toBe(1);
    } finally {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
