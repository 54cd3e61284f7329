import { type Language, languageIds } from '../../../schemas/languages.ts';
import { translations } from '../../../site/i18n/index.ts';
import { localizedUrls } from '../../../site/lib/urls.ts';
import type { ServerConfig } from '../config.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Route } from '../routes.ts';
import { answerLanguage, contactBodyLimit, type FieldError, honeypotField, parseFormBody, proofField, validateForm } from './form.ts';
import { createSmtpSender, type SendMail } from './mail.ts';
import { createOutbox } from './outbox.ts';
import { problemPage } from './pages.ts';
import { createProofChecker, type ProofDifficulty } from './proof.ts';
import { createSiteTemplate, type SiteTemplate } from './site-template.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { ContactStore } from './store.ts';

/** Limits per client; the defaults suit a centre's form, tests pass tighter or looser ones. */
export interface ContactLimits {
  /** Every `POST /contact`, whatever its outcome. */
  posts: RateLimit;
  /** Accepted messages without a valid proof of work. */
  unverified: RateLimit;
  /** `GET /contact/challenge`: each makes the server derive a key, and a page asks for one per visit. */
  challenges: RateLimit;
}

export const defaultContactLimits: ContactLimits = {
  posts: { limit: 20, windowMs: 10 * 60_000 },
  unverified: { limit: 3, windowMs: 60 * 60_000 },
  challenges: { limit: 30, windowMs: 10 * 60_000 },
};

/** Foreign origins logged at most: each once, so that a misconfigured `SITE_URL` shows in the log without a flood filling it. */
const maxLoggedOrigins = 100;

export interface ContactPartOptions {
  /** Replaces SMTP (tests, the benchmark); by default `SMTP_URL`'s server, or none. */
  send?: SendMail;
  limits?: ContactLimits;
  difficulty?: ProofDifficulty;
  /** The outbox's first retry pause (doubling after each failure). */
  retryDelayMs?: number;
  /** Time for challenges, limits and the outbox's passes; tests pass a virtual one. */
  clock?: Clock;
  log: (line: string) => void;
}

const dayMs = 24 * 60 * 60_000;

/**
 * The contact form's server side: `GET /contact/challenge` and `POST /contact` (`docs/operating.md`, "The
 * contact form"). A message is checked, stored, and only then answered and handed to the outbox, so an
 * accepted message is never lost; nothing a visitor wrote, nor their address, is ever logged.
 */
export function createContactPart(
  config: ServerConfig & { CONTACT_INBOX: string; CONTACT_SECRET: string; SITE_URL: string },
  options: ContactPartOptions,
) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const { log } = options;
  const limits = options.limits ?? defaultContactLimits;
  const siteOrigin = new URL(config.SITE_URL).origin;
  const siteBase = config.SITE_URL.replace(/\/+$/, '');
  const formUrl = (language: Language) => `${siteBase}${localizedUrls[language].contact}`;
  const sentUrl = (language: Language) => `${siteBase}${localizedUrls[language].contactSent}`;
  const store = new ContactStore(config.CONTACT_DB);
  const smtp = options.send || !config.SMTP_URL ? undefined : createSmtpSender(config.SMTP_URL);
  const outbox = createOutbox({
    store,
    send: options.send ?? smtp?.send,
    addresses: { from: config.CONTACT_FROM ?? config.CONTACT_INBOX, to: config.CONTACT_INBOX },
    retentionMs: config.CONTACT_RETENTION_DAYS * dayMs,
    unverifiedDailyLimit: config.CONTACT_UNVERIFIED_DAILY_LIMIT,
    ...(options.retryDelayMs !== undefined ? { firstDelayMs: options.retryDelayMs } : {}),
    clock,
    log,
  });
  const proof = createProofChecker(config.CONTACT_SECRET, { ...(options.difficulty ? { difficulty: options.difficulty } : {}), now });
  /** Each language's contact page, the template of its problem page. */
  const siteTemplates = Object.fromEntries(
    languageIds.map((language) => [language, createSiteTemplate(formUrl(language), { now })]),
  ) as Record<Language, SiteTemplate>;
  const postLimiter = new RateLimiter(limits.posts, now);
  const unverifiedLimiter = new RateLimiter(limits.unverified, now);
  const challengeLimiter = new RateLimiter(limits.challenges, now);
  const loggedOrigins = new Set<string>();

  /** CORS for the site's own origin only: other sites' pages cannot read the answers. */
  const corsHeaders = (request: Request): Record<string, string> =>
    request.headers.get('origin') === siteOrigin ? { 'access-control-allow-origin': siteOrigin, vary: 'origin' } : { vary: 'origin' };
  const wantsJson = (request: Request) => /\bapplication\/json\b/i.test(request.headers.get('accept') ?? '');

  /** The language to answer in: the form's, else the browser's (see `answerLanguage`). */
  const languageOf = (request: Request, values?: Record<string, unknown>) => answerLanguage(values, request.headers.get('accept-language'));

  /**
   * An error answer in the form and language the sender reads: JSON for the page's script, a page for a
   * browser without it. `errors` gets the visitor's texts (`site/i18n/`) to say; `values`, what they typed.
   */
  const problem = (
    request: Request,
    status: number,
    language: Language,
    errors: FieldError[],
    headers: Record<string, string> = {},
    values?: Record<string, unknown>,
  ): Response => {
    const all = { ...corsHeaders(request), ...headers };
    if (wantsJson(request)) return Response.json({ errors }, { status, headers: { ...all, 'cache-control': 'no-store' } });
    const t = translations[language].contactServer;
    const titles: Record<number, string> = { 400: t.titleInvalid, 413: t.titleTooLong, 429: t.titleTooMany };
    const intros: Record<number, string> = { 400: t.introInvalid, 429: t.introTooMany };
    return problemPage({
      status,
      language,
      title: titles[status] ?? t.titleNotSent,
      intro: intros[status] ?? t.introOther,
      errors,
      formUrl: formUrl(language),
      values,
      template: siteTemplates[language].current(),
      headers: all,
    });
  };

  const accepted = (request: Request, language: Language): Response =>
    wantsJson(request)
      ? Response.json({ ok: true }, { status: 202, headers: { ...corsHeaders(request), 'cache-control': 'no-store' } })
      : new Response(null, { status: 303, headers: { location: sentUrl(language), 'cache-control': 'no-store' } });

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

  const tooMany = (request: Request, language: Language, retryAfterSeconds: number, values?: Record<string, unknown>) =>
    problem(
      request,
      429,
      language,
      [{ field: 'form', message: translations[language].contactServer.tooMany }],
      { 'retry-after': String(retryAfterSeconds) },
      values,
    );

  /** Says once per origin why posts from it are refused: a `SITE_URL` that is not the address visitors use looks just like this. */
  function logRefusedOrigin(origin: string): void {
    if (loggedOrigins.has(origin) || loggedOrigins.size >= maxLoggedOrigins) return;
    loggedOrigins.add(origin);
    log(
      `contact: refused a post from the origin ${JSON.stringify(origin.slice(0, 200))}: the form takes posts only from ${siteOrigin} ` +
        '(SITE_URL); if visitors reach the site at that address, set SITE_URL to it exactly',
    );
  }

  async function receive(request: Request, client: string): Promise<Response> {
    const parsed = parseFormBody(request.headers.get('content-type'), new Uint8Array(await request.arrayBuffer()));
    if (!parsed.ok) return problem(request, parsed.status, languageOf(request), parsed.errors);
    const language = languageOf(request, parsed.values);
    const validated = validateForm(parsed.values, language);
    if (!validated.ok) {
      if (!wantsJson(request)) await siteTemplates[language].fresh();
      return problem(request, 400, language, validated.errors, {}, parsed.values);
    }
    const { form } = validated;
    if (form[honeypotField]) {
      log('contact: dropped a message that filled the honeypot field');
      return accepted(request, language);
    }
    const result = await proof.verify(form[proofField]);
    const fresh = result.verified && store.claimChallenge(result.nonce, result.expiresAt, now());
    const verified = result.verified && fresh;
    if (!verified) {
      const limited = unverifiedLimiter.hit(client);
      if (!limited.allowed) return tooMany(request, language, limited.retryAfterSeconds, parsed.values);
    }
    const overCap = !verified && store.unverifiedMailedSince(startOfDay(now())) >= config.CONTACT_UNVERIFIED_DAILY_LIMIT;
    const id = store.add(
      {
        name: form.name,
        email: form.email,
        phone: form.phone,
        message: form.message,
        language: form.language,
        verified,
        state: overCap ? 'held' : 'waiting',
      },
      now(),
    );
    const why = verified ? 'verified' : result.verified ? 'unverified: proof already used' : `unverified: proof ${result.reason}`;
    log(`contact: message ${id} stored (${why}${overCap ? '; held: over the daily limit for unverified messages' : ''})`);
    // The first message held on a day asks the outbox to tell the inbox, once.
    const firstHeld = overCap && store.noteDailyLimitReached(startOfDay(now()));
    if (firstHeld) log('contact: the daily limit for unverified messages is reached; further ones today are held, and the inbox is told');
    if (!overCap || firstHeld) outbox.kick();
    return accepted(request, language);
  }

  const routes: Record<string, Route> = {
    '/contact/challenge': {
      bodyLimit: 0,
      precheck(request, client) {
        if (request.method !== 'GET') return undefined;
        const limited = challengeLimiter.hit(client);
        return limited.allowed ? undefined : tooMany(request, languageOf(request), limited.retryAfterSeconds);
      },
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
        const language = languageOf(request);
        if (!limited.allowed) return tooMany(request, language, limited.retryAfterSeconds);
        const origin = request.headers.get('origin');
        // The site's pages post here, and so does the problem page this server answers with (its own host).
        const ownHost = origin !== null && URL.canParse(origin) && new URL(origin).host === request.headers.get('host');
        if (origin !== null && origin !== siteOrigin && !ownHost) {
          logRefusedOrigin(origin);
          return problem(request, 403, language, [{ field: 'form', message: translations[language].contactServer.otherSite }]);
        }
        return undefined;
      },
      tooLarge: (request) => {
        const language = languageOf(request);
        return problem(request, 413, language, [{ field: 'form', message: translations[language].contactServer.tooLong }]);
      },
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
