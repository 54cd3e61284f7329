/**
 * The contact form end to end on 127.0.0.1: the fixture site is built once with CONTACT_FORM_ACTION
 * pointing at the centre's server, served locally, and driven in Chromium with and without JavaScript;
 * a real SMTP server receives the emails. The page runs under its own Content-Security-Policy.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { contactEndpoint } from '../../site/lib/contact-form.ts';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';
import { launchBrowser } from '../../scripts/chromium.ts';
import { buildSite } from '../support/build-site.ts';
import { axeSource, axeViolations } from '../support/site-gates.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { serveStatic } from '../../scripts/local-server.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

let site: Awaited<ReturnType<typeof serveStatic>>;
let server: RunningServer;
let inbox: SmtpInbox;
let browser: Browser;
let exportFile: string;

beforeAll(async () => {
  // The site's address must be known to the server (CORS, the 303) and the server's to the build: serve
  // the output folder first, start the server, then build into that folder.
  const outDir = join(makeTempDir('mca-contact-site-'), 'dist');
  site = await serveStatic(outDir);
  inbox = await startSmtpInbox();
  const config = readServerConfig({
    PORT: '0',
    CONTACT_INBOX: 'staff@mca.example',
    CONTACT_SECRET: 'contact-page-secret-0123456789-0123456789',
    SITE_URL: site.url,
    SMTP_URL: inbox.url,
    CONTACT_DB: join(makeTempDir('mca-contact-db-'), 'contact.sqlite'),
  });
  server = await startServer(config, { contact: { difficulty: { cost: 100, counterMin: 100, counterMax: 200 } }, log: () => {} });
  exportFile = await writeExport(fixtureDocuments(), 'tarball');
  // Chromium starts while the site builds.
  const launching = launchBrowser();
  const result = await buildSite({ SANITY_EXPORT_FILE: exportFile, CONTACT_FORM_ACTION: `${server.url}/contact` }, outDir);
  browser = await launching;
  if (result.status !== 0) throw new Error(`The fixture build failed:\n${result.output}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await inbox?.close();
  await site?.close();
});

/** Opens /contact/, recording requests and every CSP violation from the first script on. */
async function openContact(javaScript: boolean, path = '/contact/'): Promise<{ page: Page; requests: string[]; violations: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const requests: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  if (javaScript) {
    await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(directive: string): void }).reportViolation(event.effectiveDirective),
      );
    });
  }
  await page.goto(`${site.url}${path}`);
  return { page, requests, violations };
}

async function fill(page: Page, fields: { name: string; email?: string; phone?: string; message: string }) {
  await page.getByLabel('Name (required)').fill(fields.name);
  if (fields.email) await page.getByLabel('Email').fill(fields.email);
  if (fields.phone) await page.getByLabel('Phone').fill(fields.phone);
  await page.getByLabel('How can we help? (required)').fill(fields.message);
}

describe('the contact page with CONTACT_FORM_ACTION', () => {
  it('lets the form post and fetch only its endpoint, in its Content-Security-Policy', async () => {
    const page = await (await fetch(`${site.url}/contact/`)).text();
    const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(page)?.[1]?.replaceAll('&#39;', "'") ?? '';
    expect(policy).toContain(`form-action 'self' ${server.url}`);
    expect(policy).toContain(`connect-src 'self' ${server.url}`);
    expect(policy).toContain("worker-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('sends a message with JavaScript: ALTCHA solves, the page moves to /contact/sent/, the email arrives verified', async () => {
    const before = inbox.mails.length;
    const { page, requests, violations } = await openContact(true);
    await fill(page, { name: 'Jordan Avery', email: 'jordan@example.org', message: 'What are your intake hours?' });
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(`${site.url}/contact/sent/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you: your message was sent');
    await expect(page.locator('main a[href="tel:988"]').count()).resolves.toBe(1);
    await inbox.received(before + 1);
    const mail = inbox.mails.at(-1);
    expect(mail?.headers['subject']).toMatch(/^Website contact message [\da-f]{12}$/);
    expect(mail?.headers['reply-to']).toBe('jordan@example.org');
    expect(mail?.text).toContain('What are your intake hours?');
    expect(violations).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(site.url) && !url.startsWith(server.url) && !url.startsWith('blob:'))).toEqual([]);
    await page.context().close();
  });

  it('shows the server’s problems next to their fields, and keeps what was typed', async () => {
    const { page } = await openContact(true);
    await fill(page, { name: 'Jordan Avery', phone: '12', message: 'Please call me.' });
    await page.getByRole('button', { name: 'Send message' }).click();
    const phone = page.getByLabel('Phone');
    await expect.poll(() => phone.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
    const error = page.locator('#contact-phone-error');
    expect(describedBy.split(' ')).toContain('contact-phone-error');
    await expect(error.textContent()).resolves.toBe('Enter a phone number such as (617) 555-0142.');
    await expect(error.isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('How can we help? (required)').inputValue()).resolves.toBe('Please call me.');
    await expect(page.getByLabel('Name (required)').inputValue()).resolves.toBe('Jordan Avery');
    await page.context().close();
  });

  it('sends a message without JavaScript: 303 to /contact/sent/, the email arrives marked unverified', async () => {
    const before = inbox.mails.length;
    const { page, requests } = await openContact(false);
    await fill(page, { name: 'Casey Morgan', phone: '(617) 555-0123', message: 'I have no JavaScript.' });
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(`${site.url}/contact/sent/`);
    await inbox.received(before + 1);
    const mail = inbox.mails.at(-1);
    expect(mail?.headers['subject']).toMatch(/^\[Unverified\] Website contact message [\da-f]{12}$/);
    expect(mail?.text).toContain('I have no JavaScript.');
    expect(requests.some((url) => url.startsWith(`${server.url}/contact/challenge`))).toBe(false);
    await page.context().close();
  });

  it('answers a form posted without JavaScript with the site’s own page: its styles, header, crisis help and phone, every problem, and what was typed', async () => {
    const { page, requests } = await openContact(false);
    const typed = { name: 'Jo <b>"Ann"</b> & Co', phone: '12', message: 'First line\n</textarea><script>alert(1)</script> & more' };
    await fill(page, typed);
    const answer = page.waitForResponse((response) => response.url() === `${server.url}/contact`);
    await page.getByRole('button', { name: 'Send message' }).click();
    expect((await answer).status()).toBe(400);
    await page.locator('h1').filter({ hasText: 'Your message was not sent yet' }).waitFor();
    await expect(page.title()).resolves.toBe('Your message was not sent yet | Massachusetts Center for Addiction');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Phone: Enter a phone number such as (617) 555-0142.');
    // The site's own stylesheet, from the site: the page is not in the browser's default serif.
    await page.waitForLoadState('load');
    expect(requests.some((url) => url.startsWith(`${site.url}/_astro/`) && url.endsWith('.css'))).toBe(true);
    await expect(page.locator('body').evaluate((body) => getComputedStyle(body).fontFamily)).resolves.toMatch(/^system-ui/);
    await expect(page.locator('header .site-name').getAttribute('href')).resolves.toBe(`${site.url}/`);
    const crisis = page.getByRole('complementary', { name: 'Crisis help' });
    await expect(crisis.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).resolves.toEqual([
      'tel:988',
      'sms:988',
      'tel:911',
    ]);
    await expect(page.locator('main a[href="tel:+16175550142"]').count()).resolves.toBeGreaterThan(0);
    // What they typed is back in the form, as text.
    await expect(page.getByLabel('Name (required)').inputValue()).resolves.toBe(typed.name);
    await expect(page.getByLabel('Phone').inputValue()).resolves.toBe(typed.phone);
    await expect(page.getByLabel('How can we help? (required)').inputValue()).resolves.toBe(typed.message);
    await expect(page.locator('main b, main script').count()).resolves.toBe(0);
    await expect(page.getByLabel('Phone').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#contact-phone-error').textContent()).resolves.toBe('Enter a phone number such as (617) 555-0142.');
    // Sent again, corrected, it goes through.
    await page.getByLabel('Phone').fill('(617) 555-0123');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(`${site.url}/contact/sent/`);
    await page.context().close();
  });

  it('has no WCAG 2.1 AA violations that axe can find, form and errors included', async () => {
    const { page } = await openContact(true);
    await fill(page, { name: 'A', phone: '1', message: 'x' });
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => page.getByLabel('Phone').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    for (const path of ['/contact/', '/contact/sent/']) {
      if (path !== '/contact/') await page.goto(`${site.url}${path}`);
      await page.evaluate(axeSource);
      const violations = await axeViolations(page);
      expect(violations, path).toEqual([]);
    }
    await page.context().close();
  });
});

describe('the Spanish contact page', () => {
  async function fillSpanish(page: Page, fields: { name: string; phone: string; message: string }) {
    await page.getByLabel('Nombre (obligatorio)').fill(fields.name);
    await page.getByLabel('Teléfono').fill(fields.phone);
    await page.getByLabel('¿Cómo podemos ayudarle? (obligatorio)').fill(fields.message);
  }

  it('sends the form with its language: /es/contact/sent/, and the staff email says it came from the Spanish page', async () => {
    const before = inbox.mails.length;
    const { page, violations } = await openContact(true, '/es/contact/');
    await fillSpanish(page, { name: 'Lucía Ramos', phone: '(617) 555-0124', message: '¿Tienen grupos en español?' });
    await page.getByRole('button', { name: 'Enviar mensaje' }).click();
    await page.waitForURL(`${site.url}/es/contact/sent/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Gracias: su mensaje fue enviado');
    await inbox.received(before + 1);
    const mail = inbox.mails.at(-1);
    expect(mail?.text).toContain('¿Tienen grupos en español?');
    expect(mail?.text).toContain('sent from the Spanish page');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('shows the server’s problems in Spanish next to their fields', async () => {
    const { page } = await openContact(true, '/es/contact/');
    await fillSpanish(page, { name: 'Lucía Ramos', phone: '12', message: 'Llámenme, por favor.' });
    await page.getByRole('button', { name: 'Enviar mensaje' }).click();
    await expect.poll(() => page.getByLabel('Teléfono').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    await expect(page.locator('#contact-phone-error').textContent()).resolves.toBe('Escriba un número de teléfono como (617) 555-0142.');
    await page.context().close();
  });

  it('answers without JavaScript in Spanish with the site’s own Spanish page, then /es/contact/sent/', async () => {
    const { page } = await openContact(false, '/es/contact/');
    await page.getByLabel('Nombre (obligatorio)').fill('Lucía Ramos');
    await page.getByLabel('¿Cómo podemos ayudarle? (obligatorio)').fill('Sin JavaScript.');
    await page.getByRole('button', { name: 'Enviar mensaje' }).click();
    await page.locator('h1').filter({ hasText: 'Su mensaje todavía no se envió' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.getByRole('alert').getByRole('listitem').first().textContent()).resolves.toBe(
      'Correo electrónico: Déjenos un correo electrónico o un número de teléfono para poder responderle.',
    );
    await expect(page.getByRole('alert').getByRole('link', { name: 'Ir al formulario' }).getAttribute('href')).resolves.toBe(
      '#contact-name',
    );
    await expect(page.getByRole('complementary', { name: 'Ayuda en crisis' }).textContent()).resolves.toContain('¿En crisis?');
    // What they typed is back in the Spanish form; corrected, it goes through.
    await expect(page.getByLabel('Nombre (obligatorio)').inputValue()).resolves.toBe('Lucía Ramos');
    await page.getByLabel('Teléfono').fill('(617) 555-0125');
    await page.getByRole('button', { name: 'Enviar mensaje' }).click();
    await page.waitForURL(`${site.url}/es/contact/sent/`);
    await page.context().close();
  });

  it('has no WCAG 2.1 AA violations that axe can find', async () => {
    const { page } = await openContact(true, '/es/contact/');
    await page.evaluate(axeSource);
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

describe('CONTACT_FORM_ACTION', () => {
  // A build with any other address fails before it starts (build-failure.test.ts).
  it('must be https, or http only to this machine', () => {
    expect(contactEndpoint({ CONTACT_FORM_ACTION: 'https://forms.mca.example/contact' })).toEqual({
      action: 'https://forms.mca.example/contact',
      challenge: 'https://forms.mca.example/contact/challenge',
      origin: 'https://forms.mca.example',
    });
    expect(contactEndpoint({ CONTACT_FORM_ACTION: 'http://127.0.0.1:8787/contact' })?.origin).toBe('http://127.0.0.1:8787');
    expect(contactEndpoint({})).toBeUndefined();
    expect(() => contactEndpoint({ CONTACT_FORM_ACTION: 'mailto:staff@mca.example' })).toThrow(
      /CONTACT_FORM_ACTION: must be an https:\/\/ URL/,
    );
    expect(() => contactEndpoint({ CONTACT_FORM_ACTION: 'http://forms.mca.example/contact' })).toThrow(
      /CONTACT_FORM_ACTION: must be an https:\/\/ URL \(http:\/\/ only to localhost or 127\.0\.0\.1\)/,
    );
  });
});
