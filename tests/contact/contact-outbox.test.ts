/**
 * Nothing lost: messages are stored before they are mailed, wait while SMTP is down or unset, survive a
 * restart, and are delivered exactly once when the mail server is back. Unverified messages over the
 * day's limit are held; `npm run messages` shows, retries and purges them.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMessages } from '../../scripts/messages.ts';
import { readServerConfig } from '../../scripts/server/config.ts';
import { ContactStore } from '../../scripts/server/contact/store.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { send } from '../support/http-client.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { makeTempDir } from '../support/temp-dirs.ts';
import type { Clock } from '../../scripts/server/clock.ts';
import { handClock } from '../support/hand-clock.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const site = 'https://mca.example';

/** A port nothing listens on (taken, then freed). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function contactServer(env: Record<string, string>, log: string[] = [], clock?: Clock): Promise<RunningServer> {
  const config = readServerConfig({
    PORT: '0',
    CONTACT_INBOX: 'staff@mca.example',
    CONTACT_SECRET: 'outbox-test-secret-0123456789-0123456789',
    SITE_URL: site,
    ...env,
  });
  const server = await startServer(config, { contact: { retryDelayMs: 50, ...(clock ? { clock } : {}) }, log: (line) => log.push(line) });
  running.push(server);
  return server;
}

const post = (server: RunningServer, fields: Record<string, string>, from = '127.0.0.20') =>
  send(`${server.url}/contact`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site },
    body: new URLSearchParams(fields).toString(),
    from,
  });

describe('store, then forward', () => {
  it('keeps a message while SMTP is down, and after a restart with SMTP back delivers it exactly once', async () => {
    const database = join(makeTempDir('mca-outbox-'), 'contact.sqlite');
    const port = await freePort();
    const log: string[] = [];
    const first = await contactServer({ CONTACT_DB: database, SMTP_URL: `smtp://127.0.0.1:${port}` }, log);
    const response = await post(first, { name: 'Lee', email: 'lee@example.org', message: 'Please call back.' });
    expect(response.status).toBe(303);
    await first.contact.idle();
    expect(first.contact.health()).toMatchObject({ waiting: 1, delivered: 0 });
    expect(log.join('\n')).toMatch(/delivery of message [\da-f]{12} failed \(E[A-Z]+\); next attempt in/);
    await first.close();
    running.splice(running.indexOf(first), 1);

    const inbox: SmtpInbox = await startSmtpInbox(port);
    running.push(inbox);
    const clock = handClock('2031-03-01T12:00:00Z');
    const second = await contactServer({ CONTACT_DB: database, SMTP_URL: inbox.url }, [], clock);
    await inbox.received(1);
    await second.contact.idle();
    // Ten minutes of passes (retry time, polls) find nothing left to send.
    await clock.advance(10 * 60_000);
    await second.contact.idle();
    expect(inbox.mails).toHaveLength(1);
    expect(inbox.mails[0]?.text).toContain('Please call back.');
    expect(second.contact.health()).toMatchObject({ waiting: 0, delivered: 1, failing: 0 });
  });

  it('without SMTP_URL stores messages and says how many wait, naming no one', async () => {
    const database = join(makeTempDir('mca-outbox-'), 'contact.sqlite');
    const log: string[] = [];
    const server = await contactServer({ CONTACT_DB: database }, log);
    expect((await post(server, { name: 'Robin', phone: '617-555-0111', message: 'Any beds free?' })).status).toBe(303);
    await server.contact.idle();
    expect(log.join('\n')).toContain('contact: 1 message(s) waiting; set SMTP_URL to deliver them');
    expect(log.join('\n')).not.toMatch(/Robin|555-0111|beds/);
  });

  it('holds unverified messages over the daily limit; npm run messages lists, shows, retries and purges them', async () => {
    const database = join(makeTempDir('mca-outbox-'), 'contact.sqlite');
    const inbox = await startSmtpInbox();
    running.push(inbox);
    const server = await contactServer({ CONTACT_DB: database, SMTP_URL: inbox.url, CONTACT_UNVERIFIED_DAILY_LIMIT: '1' });
    expect((await post(server, { name: 'One', phone: '617-555-0001', message: 'first' }, '127.0.0.21')).status).toBe(303);
    expect((await post(server, { name: 'Two', phone: '617-555-0002', message: 'second' }, '127.0.0.22')).status).toBe(303);
    await inbox.received(1);
    await server.contact.idle();
    expect(server.contact.health()).toMatchObject({ held: 1, delivered: 1 });

    const env = { CONTACT_DB: database };
    const listing = runMessages([], env);
    expect(listing).toMatch(/^waiting: 0\nheld: 1\n {2}[\da-f]{12} {2}received .* \(unverified\)\ndelivered: 1\n/);
    const heldId = /held: 1\n {2}([\da-f]{12})/.exec(listing)?.[1] ?? '';
    expect(runMessages(['show', heldId], env)).toContain('name:      Two');
    expect(runMessages(['retry', heldId], env)).toContain('1 message(s)');
    const store = new ContactStore(database);
    expect(store.get(heldId)?.state).toBe('waiting');
    store.close();

    // The same through npm's entry point, as staff run it; an unknown id is a message and exit code 1.
    const cli = spawnSync(process.execPath, ['scripts/messages.ts', 'show', 'ffffffffffff'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('No message ffffffffffff');

    expect(runMessages(['purge', '--days', '0'], env, Date.now() + 1000)).toMatch(/Deleted the text of 1 message\(s\)/);
    const deliveredId = /delivered: 1\n {2}([\da-f]{12})/.exec(listing)?.[1] ?? '';
    expect(runMessages(['show', deliveredId], env)).toContain('(deleted after the retention time)');
  });

  it('refuses to start with neither part configured, naming the three settings', () => {
    expect(() => readServerConfig({})).toThrow(/SANITY_WEBHOOK_SECRET, CONTACT_INBOX or SERVE_LIVE: set at least one/);
    expect(() => readServerConfig({ CONTACT_INBOX: 'staff@mca.example', CONTACT_SECRET: 'short' })).toThrow(
      /CONTACT_SECRET: must be at least 32 characters/,
    );
    expect(() => readServerConfig({ CONTACT_INBOX: 'staff@mca.example', CONTACT_SECRET: 'x'.repeat(32) })).toThrow(
      /SITE_URL: is required with CONTACT_INBOX/,
    );
    const cli = spawnSync(process.execPath, ['scripts/server/server.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('SANITY_WEBHOOK_SECRET, CONTACT_INBOX or SERVE_LIVE');
    // Serving alone needs a built site: without one, the server says how to make it instead of answering 503.
    const nothingBuilt = spawnSync(process.execPath, ['scripts/server/server.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'], SERVE_LIVE: 'true', PORT: '0', LIVE_LINK: join(makeTempDir('mca-unbuilt-'), 'dist') },
      encoding: 'utf8',
    });
    expect(nothingBuilt.status).toBe(1);
    expect(nothingBuilt.stderr).toContain('there is no site at');
    expect(nothingBuilt.stderr).toContain('npm run build');
  });
});
