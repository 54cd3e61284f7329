/**
 * The server's local rebuild as a systemd unit with `ProtectSystem=strict` runs it: the project folder
 * read-only except the folders the documentation lists (`.astro/` and one folder holding the site's link,
 * its releases and the build caches). Root ignores file modes, so the test mounts the project read-only
 * in a mount namespace of its own (`unshare -m`), as systemd does; without that permission it is skipped.
 *
 * The real server and the real build, on the sample dataset: a publish builds a release; a second one
 * with nothing changed keeps it, through the same output reuse as `npm run build`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../support/temp-dirs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const secret = 'read-only-rebuild-secret-0123456789';

/** True when this process may make a mount namespace with a read-only bind mount (root, or a permissive container). */
function canMountReadOnly(): boolean {
  const probe = spawnSync('unshare', [
    '-m',
    'sh',
    '-c',
    `mount --bind -o ro ${root} ${root} && ! touch ${root}/.read-only-probe 2>/dev/null`,
  ]);
  return probe.status === 0;
}

const available = canMountReadOnly();
/** Where the writable folders are mounted inside the project, as ReadWritePaths would leave them. */
const siteFolder = join(root, `.read-only-test-${process.pid}`);
let writable: { site: string; astro: string };
let server: ChildProcess | undefined;
const output: string[] = [];
let url = '';

async function publish(id: string): Promise<number> {
  const body = JSON.stringify({ _id: id, _type: 'article', operation: 'update' });
  const response = await fetch(`${url}/webhooks/sanity`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `read-only-${id}`,
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret),
    },
    body,
  });
  return response.status;
}

const said = (text: string) => output.join('').includes(text);

describe.skipIf(!available)('a server rebuild in a read-only project folder', () => {
  beforeAll(async () => {
    const folder = makeTempDir('mca-read-only-');
    writable = { site: join(folder, 'site'), astro: join(folder, 'astro') };
    for (const path of [...Object.values(writable), siteFolder, join(root, '.astro')]) mkdirSync(path, { recursive: true });
    const script = [
      'set -e',
      `mount --bind -o ro ${root} ${root}`,
      `mount --bind ${writable.astro} ${root}/.astro`,
      `mount --bind ${writable.site} ${siteFolder}`,
      // Proof that the project really is read-only in here.
      `if touch ${root}/.read-only-probe 2>/dev/null; then echo "the project is writable"; exit 3; fi`,
      `exec ${process.execPath} scripts/server/server.ts`,
    ].join('\n');
    server = spawn('unshare', ['-m', 'sh', '-c', script], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        HOST: '127.0.0.1',
        PORT: '0',
        SANITY_WEBHOOK_SECRET: secret,
        BUILD_SETTLE_MS: '0',
        SERVE_LIVE: 'true',
        SITE_URL: 'https://mca.example',
        LIVE_LINK: join(siteFolder, 'live'),
        BUILD_CACHE_DIR: join(siteFolder, 'cache'),
        PENDING_REBUILDS_FILE: join(siteFolder, 'pending-rebuilds.json'),
      },
    });
    for (const stream of [server.stdout, server.stderr]) stream?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    await vi.waitFor(
      () => {
        const match = /listening on (http:\/\/\S+)/.exec(output.join(''));
        if (!match) throw new Error(`not listening yet:\n${output.join('')}`);
        url = match[1] as string;
      },
      { timeout: 60_000, interval: 100 },
    );
  });

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((done) => server?.once('exit', done));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
    rmSync(siteFolder, { recursive: true, force: true });
  });

  it('builds a release, then keeps it when nothing changed', async () => {
    expect(await publish('article-first')).toBe(202);
    await vi.waitFor(() => expect(said('Release ') || said('build failed')).toBe(true), { timeout: 240_000, interval: 200 });
    expect(said('build failed'), output.join('')).toBe(false);
    const live = readlinkSync(join(writable.site, 'live'));
    expect(live).toMatch(/^\.live-releases\/\d{8}T\d{9}Z$/);
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Massachusetts Center for Addiction');

    expect(await publish('article-second')).toBe(202);
    await vi.waitFor(() => expect(said('Kept the live release') || said('build failed')).toBe(true), { timeout: 120_000, interval: 200 });
    expect(said('build failed'), output.join('')).toBe(false);
    expect(readlinkSync(join(writable.site, 'live'))).toBe(live);
    expect(output.join('').match(/Release \S+ is live/g)).toHaveLength(1);
  });
});
