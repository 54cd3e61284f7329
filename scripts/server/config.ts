import { isIP } from 'node:net';
import * as z from 'zod';
import { FriendlyError } from '../../schemas/friendly-error.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
/** A setting with a default; the default is the parsed value (so a flag defaults to `false`, not to `"false"`). */
const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>) =>
  z.preprocess(blankToUndefined, schema.default(value as never));
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));
const port = z.coerce.number().int().min(0).max(65_535);
const email = z.email({ error: 'must be an email address' });

/** Where local rebuilds keep their releases (shared by the server and `npm run rollback`). */
export const ReleasesEnvSchema = z.object({
  /** The folder holding one subfolder per release, named by build time. */
  RELEASES_DIR: withDefault(z.string(), '.releases'),
  /** The symlink that points at the live release: serve this path. */
  LIVE_LINK: withDefault(z.string(), 'live'),
  /** How many releases to keep for rollback, the live one included. */
  KEEP_RELEASES: withDefault(z.coerce.number().int().min(2, { error: 'must be at least 2, so that rollback has a release to go back to' }), 5),
});

/** Where contact messages are kept (shared by the server and `npm run messages`). */
export const ContactStoreEnvSchema = z.object({
  /** The SQLite file holding contact messages; created with mode 0600. */
  CONTACT_DB: withDefault(z.string(), '.data/contact.sqlite'),
  /** Days after which a delivered (or held) message's text and the visitor's details are deleted. */
  CONTACT_RETENTION_DAYS: withDefault(z.coerce.number().int().min(0).max(3650), 30),
});

const hostIsLocal = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
};

/** `smtps://…` anywhere, `smtp://…` (STARTTLS required) anywhere, plain `smtp://` only to this machine. */
const SmtpUrlSchema = z
  .url({ error: 'must be a URL such as smtps://user:password@mail.example.org:465' })
  .refine((value) => ['smtp:', 'smtps:'].includes(new URL(value).protocol), { error: 'must start with smtps:// or smtp://' });

/** The settings of the centre's server (`npm run server`), all in one schema. */
export const ServerEnvSchema = ReleasesEnvSchema.extend(ContactStoreEnvSchema.shape).extend({
  /** The address to listen on; 127.0.0.1 unless a proxy in front needs another. `WEBHOOK_HOST` is read when unset. */
  HOST: withDefault(z.string(), '127.0.0.1'),
  /** The port to listen on (0 picks a free one). `WEBHOOK_PORT` is read when unset. */
  PORT: withDefault(port, 8787),
  /** At most this many connections at once; more are refused until one closes. */
  MAX_CONNECTIONS: withDefault(z.coerce.number().int().min(1).max(100_000), 256),
  /** Take the client's address from the last `X-Forwarded-For` entry (set only behind a reverse proxy that sets it). */
  TRUST_PROXY: withDefault(flag, false),
  /** The public address of the site: the contact form's origin (CORS) and where `/contact/sent/` is. */
  SITE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://www.example.org' })),
  /** Also serve the live release as a static site on the same port. */
  SERVE_LIVE: withDefault(flag, false),

  /** Webhooks: the secret set on the Sanity webhook; setting it switches the webhook part on. */
  SANITY_WEBHOOK_SECRET: optional(
    z.string().min(16, { error: 'must be at least 16 characters (generate one with `openssl rand -hex 32`)' }),
  ),
  /** Webhooks: the path Sanity posts to. */
  WEBHOOK_PATH: withDefault(z.string().startsWith('/', { error: 'must start with /' }), '/webhooks/sanity'),
  /** Webhooks: `github` asks GitHub Actions to build and deploy; `local` builds here into a new release. */
  REBUILD_MODE: withDefault(z.enum(['github', 'local']), 'local'),
  /** GitHub mode: the repository whose publish workflow runs, as `owner/name`. */
  GITHUB_REPOSITORY: optional(z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'must be owner/name' })),
  /** GitHub mode: a token allowed to write the repository's contents (needed for repository_dispatch). */
  GITHUB_TOKEN: optional(z.string()),
  /** GitHub mode: the API base URL (another one in tests, or for GitHub Enterprise). */
  GITHUB_API_URL: withDefault(z.url({ error: 'must be a URL such as https://api.github.com' }), 'https://api.github.com'),
  /** GitHub mode: the `event_type` that `publish.yml` listens for. */
  GITHUB_EVENT_TYPE: withDefault(z.string().regex(/^[\w.-]{1,100}$/), 'sanity-publish'),
  /** How long a build waits for the rest of a burst of publishes before it starts. */
  BUILD_SETTLE_MS: withDefault(z.coerce.number().int().min(0).max(60_000), 1000),
  /** How long a failed dispatch or build is retried (with growing pauses) before it is given up. */
  REBUILD_RETRY_MINUTES: withDefault(z.coerce.number().min(0).max(24 * 60), 60),
  /**
   * Local mode: the content-layer cache every build shares, so that a rebuild fetches only the documents
   * that changed; Astro's own (`node_modules/.astro`) when unset.
   */
  BUILD_CACHE_DIR: optional(z.string()),

  /** Contact: where messages are sent; setting it switches the contact part on. */
  CONTACT_INBOX: optional(email),
  /** Contact: the SMTP server, `smtps://user:password@host:465` or `smtp://…` (STARTTLS); plain only to a local host. */
  SMTP_URL: optional(SmtpUrlSchema),
  /** Contact: the `From` address of the emails (default `CONTACT_INBOX`). */
  CONTACT_FROM: optional(email),
  /** Contact: signs proof-of-work challenges; at least 32 characters. */
  CONTACT_SECRET: optional(z.string().min(32, { error: 'must be at least 32 characters (generate one with `openssl rand -hex 32`)' })),
  /** Contact: unverified messages mailed per day (UTC) at most; the rest are stored and held. */
  CONTACT_UNVERIFIED_DAILY_LIMIT: withDefault(z.coerce.number().int().min(0), 50),
});

export type ReleasesConfig = z.infer<typeof ReleasesEnvSchema>;
export type ContactStoreConfig = z.infer<typeof ContactStoreEnvSchema>;
export type ServerConfig = z.infer<typeof ServerEnvSchema>;

/** A setting that is missing or wrong, with every problem named. */
export class ConfigError extends FriendlyError {
  override name = 'ConfigError';
}

/** Names every problem at once: those of the schema and any `extra` ones, which depend on other settings. */
function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv, what: string, extra: (value: T) => string[] = () => []): T {
  const result = schema.safeParse(env);
  const lines = result.success ? extra(result.data) : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (result.success && lines.length === 0) return result.data;
  throw new ConfigError(`Invalid ${what} settings in the environment:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

/** The problems that depend on more than one setting. */
function crossChecks(config: ServerConfig): string[] {
  const problems: string[] = [];
  if (!config.SANITY_WEBHOOK_SECRET && !config.CONTACT_INBOX) {
    problems.push('SANITY_WEBHOOK_SECRET or CONTACT_INBOX: set at least one (the first switches on Sanity webhooks, the second the contact form)');
  }
  if (config.SANITY_WEBHOOK_SECRET && config.REBUILD_MODE === 'github') {
    for (const key of ['GITHUB_REPOSITORY', 'GITHUB_TOKEN'] as const) {
      if (!config[key]) problems.push(`${key}: is required when REBUILD_MODE=github`);
    }
  }
  if (config.CONTACT_INBOX) {
    if (!config.CONTACT_SECRET) problems.push('CONTACT_SECRET: is required with CONTACT_INBOX (generate one with `openssl rand -hex 32`)');
    if (!config.SITE_URL) problems.push('SITE_URL: is required with CONTACT_INBOX (the site whose form posts here, e.g. https://www.example.org)');
  }
  return problems;
}

/** Reads the server's settings; `HOST` and `PORT` fall back to the older `WEBHOOK_HOST` and `WEBHOOK_PORT`. */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const merged = { ...env, HOST: env['HOST'] || env['WEBHOOK_HOST'], PORT: env['PORT'] || env['WEBHOOK_PORT'] };
  return parseEnv(ServerEnvSchema, merged, 'server', crossChecks);
}

export function readReleasesConfig(env: NodeJS.ProcessEnv = process.env): ReleasesConfig {
  return parseEnv(ReleasesEnvSchema, env, 'release');
}

export function readContactStoreConfig(env: NodeJS.ProcessEnv = process.env): ContactStoreConfig {
  return parseEnv(ContactStoreEnvSchema, env, 'contact store');
}

/** How to reach the SMTP server: TLS from the start (`smtps:`), STARTTLS required, or plain to this machine. */
export function smtpTransportOptions(smtpUrl: string): {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  auth?: { user: string; pass: string };
} {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const local = hostIsLocal(url.hostname);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !local,
    ignoreTLS: !secure && local,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}
