import { urls } from '../../../site/lib/urls.ts';
import type { ServerConfig } from '../config.ts';
import type { Route } from '../routes.ts';
import { contactBodyLimit, type FieldError, honeypotField, parseFormBody, proofField, validateForm } from './form.ts';
import { createSmtpSender, type SendMail } from './mail.ts';
import { createOutbox } from './outbox.ts';
import { problemPage } from './pages.ts';
import { createProofChecker, type ProofDifficulty } from './proof.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { ContactStore } from './store.ts';

/** Limits per client; the defaults suit a centre's form, tests pass tighter or looser ones. */
export interface ContactLimits {
  /** Every `POST /contact`, whatever its outcome. */
  posts: RateLimit;
  /** Accepted messages without a valid proof of work. */
  unverified: RateLimit;
}

export const defaultContactLimits: ContactLimits = {
  posts: { limit: 20, windowMs: 10 * 60_000 },
  unverified: { limit: 3, windowMs: 60 * 60_000 },
};

export interface ContactPartOptions {
  /** Replaces SMTP (tests, the benchmark); by default `SMTP_URL`'s server, or none. */
  send?: SendMail;
  limits?: ContactLimits;
  difficulty?: ProofDifficulty;
  /** The outbox's first retry pause (doubling after each failure). */
  retryDelayMs?: number;
  now?: () => number;
  log: (line: string) => void;
}

const dayMs = 24 * 60 * 60_000;

/**
 * The contact form's server side: `GET /contact/challenge` and `POST /contact` (see the README). A
 * message is checked, stored, and only then answered and handed to the outbox, so an accepted message is
 * never lost; nothing a visitor wrote, nor their address, is ever logged.
 */
export function createContactPart(config: ServerConfig & { CONTACT_INBOX: string; CONTACT_SECRET: string; SITE_URL: string }, options: ContactPartOptions) {
  const now = options.now ?? Date.now;
  const { log } = options;
  const limits = options.limits ?? defaultContactLimits;
  const siteOrigin = new URL(config.SITE_URL).origin;
  const siteBase = config.SITE_URL.replace(/\/+$/, '');
  const formUrl = `${siteBase}${urls.contact}`;
  const sentUrl = `${siteBase}${urls.contactSent}`;
  const store = new ContactStore(config.CONTACT_DB);
  const smtp = options.send || !config.SMTP_URL ? undefined : createSmtpSender(config.SMTP_URL);
  const outbox = createOutbox({
    store,
    send: options.send ?? smtp?.send,
    addresses: { from: config.CONTACT_FROM ?? config.CONTACT_INBOX, to: config.CONTACT_INBOX },
    retentionMs: config.CONTACT_RETENTION_DAYS * dayMs,
    ...(options.retryDelayMs !== undefined ? { firstDelayMs: options.retryDelayMs } : {}),
    now,
    log,
  });
  const proof = createProofChecker(config.CONTACT_SECRET, { ...(options.difficulty ? { difficulty: options.difficulty } : {}), now });
  const postLimiter = new RateLimiter(limits.posts, now);
  const unverifiedLimiter = new RateLimiter(limits.unverified, now);

  /** CORS for the site's own origin only: other sites' pages cannot read the answers. */
  const corsHeaders = (request: Request): Record<string, string> =>
    request.headers.get('origin') === siteOrigin ? { 'access-control-allow-origin': siteOrigin, vary: 'origin' } : { vary: 'origin' };
  const wantsJson = (request: Request) => /\bapplication\/json\b/i.test(request.headers.get('accept') ?? '');

  /** An error answer in the form the sender reads: JSON for the page's script, a page for a browser without it. */
  const problem = (request: Request, status: number, errors: FieldError[], headers: Record<string, string> = {}): Response => {
    const all = { ...corsHeaders(request), ...headers };
    if (wantsJson(request)) return Response.json({ errors }, { status, headers: { ...all, 'cache-control': 'no-store' } });
    const titles: Record<number, string> = {
      400: 'Your message was not sent yet',
      403: 'Your message was not sent',
      413: 'Your message is too long',
      415: 'Your message was not sent',
      429: 'Please wait before sending another message',
    };
    const intros: Record<number, string> = {
      400: 'Please correct the following and send it again:',
      429: 'Too many messages came from your connection. Please try again later, or call us.',
    };
    return problemPage({
      status,
      title: titles[status] ?? 'Your message was not sent',
      intro: intros[status] ?? 'Please go back and try again, or call us.',
      errors,
      formUrl,
      headers: all,
    });
  };

  const accepted = (request: Request): Response =>
    wantsJson(request)
      ? Response.json({ ok: true }, { status: 202, headers: { ...corsHeaders(request), 'cache-control': 'no-store' } })
      : new Response(null, { status: 303, headers: { location: sentUrl, 'cache-control': 'no-store' } });

  const preflight = (methods: string) => (request: Request) =>
    request.headers.get('origin') === siteOrigin
      ? new Response(null, {
          status: 204,
          headers: {
            ...corsHeaders(request),
            'access-control-allow-methods': methods,
            'access-control-allow-headers': 'content-type, accept',
            'access-control-max-age': '600',
          },
        })
      : new Response(null, { status: 403, headers: corsHeaders(request) });

  const startOfDay = (time: number) => time - (time % dayMs);

  async function receive(request: Request, client: string): Promise<Response> {
    const parsed = parseFormBody(request.headers.get('content-type'), new Uint8Array(await request.arrayBuffer()));
    if (!parsed.ok) return problem(request, parsed.status, parsed.errors);
    const validated = validateForm(parsed.values);
    if (!validated.ok) return problem(request, 400, validated.errors);
    const { form } = validated;
    if (form[honeypotField]) {
      log('contact: dropped a message that filled the honeypot field');
      return accepted(request);
    }
    const result = await proof.verify(form[proofField]);
    const fresh = result.verified && store.claimChallenge(result.nonce, result.expiresAt, now());
    const verified = result.verified && fresh;
    if (!verified) {
      const limited = unverifiedLimiter.hit(client);
      if (!limited.allowed) {
        return problem(request, 429, [{ field: 'form', message: 'Too many messages were sent from your connection. Please try again later, or call us.' }], {
          'retry-after': String(limited.retryAfterSeconds),
        });
      }
    }
    const overCap = !verified && store.unverifiedMailedSince(startOfDay(now())) >= config.CONTACT_UNVERIFIED_DAILY_LIMIT;
    const id = store.add(
      { name: form.name, email: form.email, phone: form.phone, message: form.message, verified, state: overCap ? 'held' : 'waiting' },
      now(),
    );
    const why = verified ? 'verified' : result.verified ? 'unverified: proof already used' : `unverified: proof ${result.reason}`;
    log(`contact: message ${id} stored (${why}${overCap ? '; held: over the daily limit for unverified messages' : ''})`);
    if (!overCap) outbox.kick();
    return accepted(request);
  }

  const routes: Record<string, Route> = {
    '/contact/challenge': {
      bodyLimit: 0,
      async handle(request) {
        if (request.method === 'OPTIONS') return preflight('GET')(request);
        if (request.method !== 'GET') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET, OPTIONS' } });
        return Response.json(await proof.challenge(), { headers: { ...corsHeaders(request), 'cache-control': 'no-store' } });
      },
    },
    '/contact': {
      bodyLimit: contactBodyLimit,
      precheck(request, client) {
        if (request.method === 'OPTIONS') return preflight('POST')(request);
        if (request.method !== 'POST') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'POST, OPTIONS' } });
        const limited = postLimiter.hit(client);
        if (!limited.allowed) {
          return problem(request, 429, [{ field: 'form', message: 'Too many messages were sent from your connection. Please try again later, or call us.' }], {
            'retry-after': String(limited.retryAfterSeconds),
          });
        }
        const origin = request.headers.get('origin');
        if (origin !== null && origin !== siteOrigin) {
          return problem(request, 403, [{ field: 'form', message: 'This form only accepts messages from the centre’s own website.' }]);
        }
        return undefined;
      },
      tooLarge: (request) =>
        problem(request, 413, [{ field: 'form', message: 'The message is too long: keep it under 32 KiB (about 5,000 characters are allowed).' }]),
      handle: receive,
    },
  };

  return {
    routes,
    health: () => store.counts(),
    start: () => outbox.start(),
    /** Resolves once no delivery pass runs. */
    idle: () => outbox.idle(),
    async close() {
      await outbox.close();
      smtp?.close();
      store.close();
    },
  };
}

export type ContactPart = ReturnType<typeof createContactPart>;
