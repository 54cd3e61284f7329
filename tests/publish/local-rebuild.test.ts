import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rollback } from '../../scripts/rollback.ts';
import { readServerConfig } from '../../scripts/server/config.ts';
import { listReleases, liveRelease } from '../../scripts/server/webhooks/releases.ts';
import { startServer, type RunningServer } from '../../scripts/server/server.ts';
import { createLocalRebuild } from '../../scripts/server/webhooks/triggers/local-rebuild.ts';
import { type ContentLakeStandIn, startContentLakeStandIn } from '../support/content-lake-stand-in.ts';
import { createFakeBuild } from '../support/fake-build.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;

describe('local rebuilds into atomic releases', () => {
  let folder: string;
  let releasesDir: string;
  let liveLink: string;
  const fake = createFakeBuild({ durationMs: 10 });

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'mca-releases-'));
    releasesDir = join(folder, '.releases');
    liveLink = join(folder, 'live');
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const liveIndex = () => readFileSync(join(liveLink, 'index.html'), 'utf8');

  it('puts each successful build live through a relative symlink', async () => {
    const rebuild = createLocalRebuild({ releasesDir, liveLink, keep: 3, build: fake.build });
    const first = await rebuild();
    expect(liveIndex()).toContain('build 1');
    const second = await rebuild();
    expect(liveIndex()).toContain('build 2');
    expect(readlinkSync(liveLink)).toBe(join('.releases', second.id));
    expect(listReleases(releasesDir).map((release) => release.id)).toEqual([first.id, second.id]);
  });

  it('keeps live on the previous release when a build fails, and removes the failed folder', async () => {
    const rebuild = createLocalRebuild({ releasesDir, liveLink, keep: 3, build: fake.build });
    const before = liveRelease(liveLink, releasesDir);
    fake.failNext();
    await expect(rebuild()).rejects.toThrow('invalid content');
    expect(liveRelease(liveLink, releasesDir)).toEqual(before);
    expect(liveIndex()).toContain('build 2');
    expect(listReleases(releasesDir)).toHaveLength(2);
  });

  it('refuses a build that wrote nothing', async () => {
    const rebuild = createLocalRebuild({ releasesDir, liveLink, keep: 3, build: async () => {} });
    await expect(rebuild()).rejects.toThrow('wrote nothing');
    expect(liveIndex()).toContain('build 2');
  });

  it('rolls back to the previous release, and forward again by name', () => {
    const [first, second] = listReleases(releasesDir);
    const result = rollback({ releasesDir, liveLink });
    expect(result).toMatchObject({ from: { id: second?.id }, to: { id: first?.id } });
    expect(liveIndex()).toContain('build 1');
    expect(() => rollback({ releasesDir, liveLink })).toThrow('oldest release');
    rollback({ releasesDir, liveLink, to: second?.id });
    expect(liveIndex()).toContain('build 2');
    expect(() => rollback({ releasesDir, liveLink, to: 'nope' })).toThrow('No release "nope"');
  });

  it('keeps only the newest releases, never the live one', async () => {
    const rebuild = createLocalRebuild({ releasesDir, liveLink, keep: 2, build: fake.build });
    await rebuild();
    await rebuild();
    const releases = listReleases(releasesDir);
    expect(releases).toHaveLength(2);
    expect(liveRelease(liveLink, releasesDir)).toEqual(releases[1]);
  });

  it('takes an old release off the list at once and deletes it in the background, with any removal cut short', async () => {
    // What a server stopped in the middle of deleting a release leaves behind.
    const cutShort = join(releasesDir, '.removing-20200101T000000000Z');
    mkdirSync(join(cutShort, 'articles'), { recursive: true });
    writeFileSync(join(cutShort, 'articles', 'index.html'), 'half deleted');
    const rebuild = createLocalRebuild({ releasesDir, liveLink, keep: 2, build: fake.build });
    const oldest = listReleases(releasesDir)[0];
    await rebuild();
    expect(listReleases(releasesDir).map((release) => release.id)).not.toContain(oldest?.id);
    await vi.waitFor(() => expect(readdirSync(releasesDir).filter((name) => name.startsWith('.'))).toEqual([]), { timeout: 60_000, interval: 50 });
    expect(listReleases(releasesDir)).toHaveLength(2);
  });

  it('npm run rollback flips live and says so; with nothing older it fails with a message', () => {
    const env = { ...process.env, RELEASES_DIR: releasesDir, LIVE_LINK: liveLink };
    const run = () => spawnSync(process.execPath, ['scripts/rollback.ts'], { cwd: repoRoot, env, encoding: 'utf8' });
    const [older, newer] = listReleases(releasesDir);
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`now points at release ${older?.id} (was ${newer?.id})`);
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('oldest release');
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the receiver in local mode, serving the live release', () => {
  let folder: string;
  let lake: ContentLakeStandIn;
  let receiver: RunningServer;
  const fake = createFakeBuild({ durationMs: 20 });
  const secret = 'serve-test-secret-0123456789';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mca-serve-'));
    const config = readServerConfig({
      SANITY_WEBHOOK_SECRET: secret,
      WEBHOOK_PORT: '0',
      BUILD_SETTLE_MS: '0',
      RELEASES_DIR: join(folder, '.releases'),
      LIVE_LINK: join(folder, 'live'),
      SERVE_LIVE: 'true',
      REBUILD_RETRY_MINUTES: '0',
    });
    receiver = await startServer(config, { webhooks: { build: fake.build }, log: () => {} });
    lake = await startContentLakeStandIn({
      documents: [{ _id: 'drafts.contactDetails', _type: 'contactDetails', phone: '1' }],
      webhooks: [{ url: `${receiver.url}${config.WEBHOOK_PATH}`, projection: '{_id, _type}', secret }],
    });
  });
  afterAll(async () => {
    await lake?.close();
    await receiver?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const page = async (path: string) => {
    const response = await fetch(`${receiver.url}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('answers 503 before any release, then serves each new release; a failed build keeps the last one', async () => {
    expect((await page('/')).status).toBe(503);
    await lake.publish('contactDetails');
    await lake.webhooksIdle();
    await receiver.queue.idle();
    expect(await page('/')).toEqual({ status: 200, text: '<h1>build 1</h1>\n' });
    expect((await page('/missing/')).status).toBe(404);
    expect((await page('/../../etc/passwd')).status).toBe(404);

    fake.failNext();
    await lake.mutate([{ patch: { id: 'contactDetails', set: { phone: '2' } } }]);
    await lake.webhooksIdle();
    await receiver.queue.idle();
    expect(receiver.queue.stats).toMatchObject({ started: 2, failed: 1 });
    expect(await page('/')).toEqual({ status: 200, text: '<h1>build 1</h1>\n' });
    expect(existsSync(join(folder, 'live'))).toBe(true);

    const health = await (await fetch(`${receiver.url}/healthz`)).json();
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
