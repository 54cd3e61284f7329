/**
 * The contact part under floods and odd input: an IPv6 client counts as its /64, challenges are rate
 * limited, the inbox hears once a day that unverified messages are being held, a post from a foreign
 * origin is logged once per origin, and a name or address with bidirectional controls is refused. The
 * server sits behind a proxy here (`TRUST_PROXY`), so each request names its client in `X-Forwarded-For`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { RateLimiter } from '../../scripts/server/contact/rate-limit.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { send } from '../support/http-client.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const site = 'https://mca.example';
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: site };
const visitor = { name: 'Ari', phone: '617 555 0100', message: 'Please call me back.' };

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function contactServer(env: Record<string, string> = {}): Promise<{ server: RunningServer; inbox: SmtpInbox; log: string[] }> {
  const inbox = await startSmtpInbox();
  running.push(inbox);
  const log: string[] = [];
  const config = readServerConfig({
    PORT: '0',
    CONTACT_INBOX: 'staff@mca.example',
    CONTACT_SECRET: 'abuse-test-secret-0123456789-0123456789',
    SITE_URL: site,
    SMTP_URL: inbox.url,
    CONTACT_DB: `${makeTempDir('mca-abuse-')}/contact.sqlite`,
    TRUST_PROXY: 'true',
    ...env,
  });
  const server = await startServer(config, { log: (line) => log.push(line) });
  running.push(server);
  return { server, inbox, log };
}

const post = (server: RunningServer, client: string, fields: Record<string, string> = visitor, headers: Record<string, string> = form) =>
  send(`${server.url}/contact`, { headers: { ...headers, 'x-forwarded-for': client }, body: new URLSearchParams(fields).toString() });

const stored = (server: RunningServer) => {
  const { waiting, held, delivered } = server.contact.health();
  return waiting + held + delivered;
};

describe('rate limits', () => {
  it('counts an IPv6 client by its /64: 80 posts from one /64 get 429 after the first few, while the next /64 is heard', async () => {
    const { server } = await contactServer();
    const answers = [];
    for (let n = 1; n <= 80; n++) answers.push(await post(server, `2001:db8:1234:5678::${n}`));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(77);
    expect(stored(server)).toBeLessThanOrEqual(3);
    expect((await post(server, '2001:db8:1234:5679::1')).status).toBe(303);
  });

  it('forgets the oldest clients past its size, so that memory and each look-up stay bounded', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000 }, () => now, 100);
    for (let n = 0; n < 1000; n++) {
      now++;
      limiter.hit(`198.51.100.${n % 250}-${n}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
    // A client still remembered keeps its count: its one event in the window is used.
    expect(limiter.hit('198.51.100.249-999')).toMatchObject({ allowed: false });
    expect(limiter.hit('198.51.100.0-0')).toEqual({ allowed: true });
  });

  it('answers 429 with Retry-After to the 31st challenge in ten minutes from one client, and serves another', async () => {
    const { server } = await contactServer();
    const challenge = (client: string) => send(`${server.url}/contact/challenge`, { headers: { origin: site, 'x-forwarded-for': client } });
    for (let n = 0; n < 30; n++) expect((await challenge('203.0.113.7')).status).toBe(200);
    const refused = await challenge('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await challenge('203.0.113.8')).status).toBe(200);
  });
});

describe('the daily limit for unverified messages', () => {
  it('tells the inbox once when it is reached, and not again that day', async () => {
    const { server, inbox, log } = await contactServer({ CONTACT_UNVERIFIED_DAILY_LIMIT: '1' });
    for (const client of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) expect((await post(server, client)).status).toBe(303);
    await inbox.received(2);
    await server.contact.idle();
    expect(server.contact.health()).toMatchObject({ delivered: 1, held: 2 });
    const notices = () => inbox.mails.filter((mail) => mail.headers['subject']?.startsWith('Website contact form: daily limit'));
    expect(notices()).toHaveLength(1);
    const [notice] = notices();
    expect(notice?.to).toEqual(['staff@mca.example']);
    expect(notice?.text).toContain('npm run messages');
    expect(notice?.text).not.toContain('Ari');

    // Another held message, then a pass of the outbox (mailing a message sent with a valid proof would do the same).
    expect((await post(server, '203.0.113.24')).status).toBe(303);
    await server.contact.idle();
    expect(notices()).toHaveLength(1);
    expect(log.filter((line) => line.includes('daily limit for unverified messages is reached'))).toHaveLength(1);
  });
});

describe('odd input', () => {
  it('logs a refused origin once, and what to do about it', async () => {
    const { server, log } = await contactServer();
    const foreign = { ...form, origin: 'http://127.0.0.1:4321' };
    expect((await post(server, '203.0.113.31', visitor, foreign)).status).toBe(403);
    expect((await post(server, '203.0.113.32', visitor, foreign)).status).toBe(403);
    const lines = log.filter((line) => line.includes('refused a post from the origin'));
    expect(lines).toEqual([
      `contact: refused a post from the origin "http://127.0.0.1:4321": the form takes posts only from ${site} (SITE_URL); if visitors reach the site at that address, set SITE_URL to it exactly`,
    ]);
  });

  it('refuses bidirectional control characters in the name and the email address', async () => {
    const { server } = await contactServer();
    const json = { 'content-type': 'application/json', accept: 'application/json', origin: site };
    const fieldsOf = async (fields: Record<string, string>) => {
      const answer = await send(`${server.url}/contact`, {
        headers: { ...json, 'x-forwarded-for': '203.0.113.41' },
        body: JSON.stringify(fields),
      });
      expect(answer.status).toBe(400);
      return (JSON.parse(answer.text) as { errors: { field: string; message: string }[] }).errors;
    };
    expect(await fieldsOf({ ...visitor, name: 'Ari \u202egnp.exe' })).toEqual([
      { field: 'name', message: 'Remove the invisible text-direction characters from your name.' },
    ]);
    expect(await fieldsOf({ ...visitor, email: 'ari@exa\u2066mple.org' })).toEqual([
      { field: 'email', message: 'Remove the invisible text-direction characters from your email address.' },
    ]);
    expect(stored(server)).toBe(0);
  });
});
