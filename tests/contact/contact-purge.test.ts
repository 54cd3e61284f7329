/**
 * A purged message is gone from the disk, not only from the table: after `npm run messages -- purge
 * --days 0`, no byte of the visitor's name, address or text is left in the database file, its write-ahead
 * log or its shared-memory file, while the server that stored it still has the database open.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { send } from '../support/http-client.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const site = 'https://mca.example';
const visitor = {
  name: 'Quillon Marchetti',
  email: 'quillon.marchetti@example.org',
  message: 'Zephyrine asked about the evening group for her brother.',
};

let inbox: SmtpInbox;
let server: RunningServer;
let database: string;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  database = join(makeTempDir('mca-purge-'), 'contact.sqlite');
  const config = readServerConfig({
    PORT: '0',
    CONTACT_INBOX: 'staff@mca.example',
    CONTACT_SECRET: 'purge-test-secret-0123456789-0123456789',
    SITE_URL: site,
    SMTP_URL: inbox.url,
    CONTACT_DB: database,
  });
  server = await startServer(config, { log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await inbox?.close();
});

/** Which of the database's files (`contact.sqlite`, `-wal`, `-shm`) hold `text`, as UTF-8 bytes. */
const filesHolding = (text: string) =>
  readdirSync(dirname(database))
    .filter((file) => readFileSync(join(dirname(database), file)).includes(Buffer.from(text, 'utf8')))
    .sort();

it('leaves no byte of a purged message in any of the database files', async () => {
  const response = await send(`${server.url}/contact`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site },
    body: new URLSearchParams(visitor).toString(),
    from: '127.0.0.30',
  });
  expect(response.status).toBe(303);
  await inbox.received(1);
  await server.contact.idle();
  expect(server.contact.health()).toMatchObject({ delivered: 1 });
  // Stored, so the search finds it before the purge.
  expect(filesHolding(visitor.message).length).toBeGreaterThan(0);

  const purge = spawnSync(process.execPath, ['scripts/messages.ts', 'purge', '--days', '0'], {
    cwd: repoRoot,
    env: { ...process.env, CONTACT_DB: database },
    encoding: 'utf8',
  });
  expect(purge.stdout).toContain('Deleted the text of 1 message(s)');
  for (const text of Object.values(visitor)) expect(filesHolding(text), text).toEqual([]);
});
