/**
 * `POST /contact` and `GET /contact/challenge` over HTTP on 127.0.0.1, with a real SMTP server receiving
 * the emails. Several clients are several local addresses (127.0.0.x).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { send } from '../support/http-client.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const site = 'https://mca.example';
const easy = { cost: 50, counterMin: 50, counterMax: 100 };
const visitor = {
  name: 'Dana Whitlock',
  email: 'dana@example.org',
  phone: '(617) 555-0199',
  message: 'Is there a family group on Tuesdays?\nThank you.',
};
const json = { 'content-type': 'application/json', accept: 'application/json', origin: site };
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: site };

let inbox: SmtpInbox;
let server: RunningServer;
let database: string;
const log: string[] = [];

beforeAll(async () => {
  inbox = await startSmtpInbox();
  database = join(makeTempDir('mca-contact-'), 'data', 'contact.sqlite');
  const config = readServerConfig({
    PORT: '0',
    CONTACT_INBOX: 'staff@mca.example',
    CONTACT_FROM: 'website@mca.example',
    CONTACT_SECRET: 'contact-test-secret-0123456789-0123456789',
    SITE_URL: site,
    SMTP_URL: inbox.url,
    CONTACT_DB: database,
  });
  server = await startServer(config, { contact: { difficulty: easy }, log: (line) => log.push(line) });
});
afterAll(async () => {
  await server?.close();
  await inbox?.close();
});

/** Fetches a challenge as the widget does, and solves it. */
async function solvedProof(): Promise<string> {
  const response = await send(`${server.url}/contact/challenge`, { headers: { origin: site } });
  const challenge = JSON.parse(response.text) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  ).toString('base64');
}

const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Waits for the outbox to deliver what was stored. */
async function delivered(count: number) {
  await inbox.received(count);
  return inbox.mails.slice(-1)[0];
}

describe('the contact part', () => {
  it('answers a challenge with CORS for the site only, never cached', async () => {
    const ours = await send(`${server.url}/contact/challenge`, { headers: { origin: site } });
    expect(ours.status).toBe(200);
    expect(ours.headers['access-control-allow-origin']).toBe(site);
    expect(ours.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(ours.text)).toMatchObject({
      parameters: { algorithm: 'PBKDF2/SHA-256', expiresAt: expect.any(Number) },
      signature: expect.any(String),
    });
    const theirs = await send(`${server.url}/contact/challenge`, { headers: { origin: 'https://evil.example' } });
    expect(theirs.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send(`${server.url}/contact`, {
      method: 'OPTIONS',
      headers: { origin: site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(site);
  });

  it('stores a verified message, answers 202, and mails it as plain text with Reply-To the visitor', async () => {
    const before = inbox.mails.length;
    const response = await send(`${server.url}/contact`, {
      headers: json,
      body: JSON.stringify({ ...visitor, altcha: await solvedProof() }),
      from: '127.0.0.2',
    });
    expect(response.status).toBe(202);
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    const mail = await delivered(before + 1);
    expect(mail?.from).toBe('website@mca.example');
    expect(mail?.to).toEqual(['staff@mca.example']);
    expect(mail?.headers).toMatchObject({
      from: 'website@mca.example',
      to: 'staff@mca.example',
      'reply-to': 'dana@example.org',
      subject: expect.stringMatching(/^Website contact message [\da-f]{12}$/),
      'content-type': expect.stringMatching(/^text\/plain; charset=utf-8/),
    });
    expect(mail?.text).toContain('Name:     Dana Whitlock');
    expect(mail?.text).toContain('Phone:    (617) 555-0199');
    expect(mail?.text).toContain('Is there a family group on Tuesdays?\nThank you.');
    expect(mail?.text).not.toContain('UNVERIFIED');
    expect(statSync(database).mode & 0o777).toBe(0o600);
  });

  it('counts a proof used twice as no proof: the second message is kept but marked unverified', async () => {
    const proof = await solvedProof();
    const before = inbox.mails.length;
    const first = await send(`${server.url}/contact`, {
      headers: json,
      body: JSON.stringify({ ...visitor, altcha: proof }),
      from: '127.0.0.3',
    });
    const replay = await send(`${server.url}/contact`, {
      headers: json,
      body: JSON.stringify({ ...visitor, altcha: proof }),
      from: '127.0.0.3',
    });
    expect([first.status, replay.status]).toEqual([202, 202]);
    await delivered(before + 2);
    const subjects = inbox.mails.slice(before).map((mail) => mail.headers['subject']);
    expect(subjects.filter((subject) => subject?.startsWith('[Unverified] '))).toHaveLength(1);
  });

  it('takes a form posted without JavaScript: 303 to /contact/sent/, mailed as unverified', async () => {
    const before = inbox.mails.length;
    const response = await send(`${server.url}/contact`, {
      headers: form,
      body: urlencoded({ name: 'Sam', phone: '617 555 0100', message: 'Call me, please.', website: '' }),
      from: '127.0.0.4',
    });
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`${site}/contact/sent/`);
    const mail = await delivered(before + 1);
    expect(mail?.headers['subject']).toMatch(/^\[Unverified\] Website contact message [\da-f]{12}$/);
    expect(mail?.headers['reply-to']).toBeUndefined();
    expect(mail?.text).toContain('UNVERIFIED');
    expect(mail?.text).toContain('The visitor left no email address: call them back.');
  });

  it('drops a message that filled the honeypot, with the same 303', async () => {
    const stored = () => {
      const { waiting, held, delivered } = server.contact.health();
      return waiting + held + delivered;
    };
    const before = stored();
    const response = await send(`${server.url}/contact`, {
      headers: form,
      body: urlencoded({ ...visitor, website: 'http://spam.example' }),
      from: '127.0.0.5',
    });
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`${site}/contact/sent/`);
    expect(stored()).toBe(before);
  });

  it('refuses bad input with every problem named, and never lets a line break into a header', async () => {
    const post = (body: string | Uint8Array, headers: Record<string, string> = json) =>
      send(`${server.url}/contact`, { headers, body, from: '127.0.0.6' });
    const errorsOf = (text: string) => (JSON.parse(text) as { errors: { field: string }[] }).errors.map((error) => error.field).sort();

    const missing = await post(JSON.stringify({}));
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.text)).toEqual(['email', 'message', 'name']);

    const long = await post(JSON.stringify({ ...visitor, name: 'n'.repeat(101), message: 'm'.repeat(5001) }));
    expect(long.status).toBe(400);
    expect(errorsOf(long.text)).toEqual(['message', 'name']);

    const injected = await post(
      JSON.stringify({ ...visitor, name: 'Eve\r\nBcc: all@example.org', email: 'eve@example.org\r\nBcc: all@example.org' }),
    );
    expect(injected.status).toBe(400);
    expect(errorsOf(injected.text)).toEqual(['email', 'name']);

    expect((await post(new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).status).toBe(400);
    expect((await post('name=%FF%FE&message=hi&phone=6175550100', form)).status).toBe(400);
    expect((await post(JSON.stringify([visitor]))).status).toBe(400);
    expect((await post(JSON.stringify({ ...visitor, name: 42 }))).status).toBe(400);
    expect((await post('name=a&name=b&message=hi&phone=6175550100', form)).status).toBe(400);
    expect((await post('hello', { 'content-type': 'text/plain', origin: site })).status).toBe(415);
    expect((await post('--x--', { 'content-type': 'multipart/form-data; boundary=x', origin: site })).status).toBe(415);
    expect((await post(urlencoded({ ...visitor, message: 'm'.repeat(200 * 1024) }), form)).status).toBe(413);

    const page = await post(urlencoded({ name: '', email: 'not an address', message: '' }), form);
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<h1>Your message was not sent yet</h1>');
    expect(page.text).toContain('<li>Name: Enter your name.</li>');
    expect(page.text).toContain('<li>Email: Enter an email address such as name@example.org.</li>');
    expect(page.text).toContain('<li>Message: Enter your message.</li>');
    expect(page.text).toContain(`<a href="${site}/contact/">Go back to the contact form</a>`);

    const foreign = await send(`${server.url}/contact`, {
      headers: { ...json, origin: 'https://evil.example' },
      body: JSON.stringify(visitor),
      from: '127.0.0.7',
    });
    expect(foreign.status).toBe(403);
    expect((await send(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers a form from the Spanish page in Spanish, lands it on /es/contact/sent/ and tells the staff where it came from', async () => {
    const before = inbox.mails.length;
    const spanish = {
      name: 'Lucía Ramos',
      phone: '617 555 0123',
      message: '¿Tienen grupos en español los martes?',
      website: '',
      language: 'es',
    };
    const sent = await send(`${server.url}/contact`, { headers: form, body: urlencoded(spanish), from: '127.0.0.8' });
    expect(sent.status).toBe(303);
    expect(sent.headers['location']).toBe(`${site}/es/contact/sent/`);
    const mail = await delivered(before + 1);
    expect(mail?.text).toContain('Language: sent from the Spanish page (/es/contact/): reply in Spanish.');
    expect(mail?.text).toContain('¿Tienen grupos en español los martes?');

    const page = await send(`${server.url}/contact`, {
      headers: form,
      body: urlencoded({ name: '', email: 'no es un correo', message: '', language: 'es' }),
      from: '127.0.0.8',
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('<html lang="es">');
    expect(page.text).toContain('<h1>Su mensaje todavía no se envió</h1>');
    expect(page.text).toContain('<li>Nombre: Escriba su nombre.</li>');
    expect(page.text).toContain('<li>Correo electrónico: Escriba un correo electrónico como nombre@ejemplo.org.</li>');
    expect(page.text).toContain(`<a href="${site}/es/contact/">Volver al formulario de contacto</a>`);

    const errors = await send(`${server.url}/contact`, {
      headers: json,
      body: JSON.stringify({ name: 'Lucía', message: 'Hola', language: 'es' }),
      from: '127.0.0.8',
    });
    expect(JSON.parse(errors.text)).toEqual({
      errors: [{ field: 'email', message: 'Déjenos un correo electrónico o un número de teléfono para poder responderle.' }],
    });

    const unknown = await send(`${server.url}/contact`, {
      headers: json,
      body: JSON.stringify({ ...visitor, language: 'fr' }),
      from: '127.0.0.8',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toEqual({
      errors: [{ field: 'language', message: 'The form was sent in a language this site does not have.' }],
    });

    const tooLong = await send(`${server.url}/contact`, {
      headers: { ...form, 'accept-language': 'es-US,es;q=0.9,en;q=0.5' },
      body: urlencoded({ ...spanish, message: 'm'.repeat(200 * 1024) }),
      from: '127.0.0.8',
    });
    expect(tooLong.status).toBe(413);
    expect(tooLong.text).toContain('<h1>Su mensaje es demasiado largo</h1>');
  });

  it('answers 429 with Retry-After to 300 posts in a minute from one client, while other clients are still heard', async () => {
    const before = inbox.mails.length;
    const flood = Array.from({ length: 300 }, () =>
      send(`${server.url}/contact`, { headers: form, body: urlencoded(visitor), from: '127.0.0.8' }),
    );
    const others = await Promise.all(
      [9, 10, 11, 12].map(async (n) =>
        send(`${server.url}/contact`, {
          headers: json,
          body: JSON.stringify({ ...visitor, name: `Client ${n}`, altcha: await solvedProof() }),
          from: `127.0.0.${n}`,
        }),
      ),
    );
    const answers = await Promise.all(flood);
    expect(others.map((response) => response.status)).toEqual([202, 202, 202, 202]);
    const limited = answers.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(280);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);
    // The flood's first few were accepted (as unverified) until the stricter limit for those.
    const accepted = answers.filter((response) => response.status === 303).length;
    await delivered(before + 4 + accepted);
    const names = inbox.mails.slice(before).map((mail) => /Name: +(.*)/.exec(mail.text)?.[1]);
    for (const n of [9, 10, 11, 12]) expect(names).toContain(`Client ${n}`);
  });

  it('logs ids and counts, never what a visitor wrote or who they are', () => {
    const all = log.join('\n');
    expect(all).toMatch(/message [\da-f]{12} stored/);
    for (const secret of ['Dana', 'dana@example.org', '555-0199', 'Tuesdays', 'Sam', 'Call me', '127.0.0.'])
      expect(all).not.toContain(secret);
  });
});
