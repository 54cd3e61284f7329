/**
 * Every setting the project reads from the environment, defined once: the build (content source, contact
 * endpoint, image host), the content commands, the centre's server. Each is parsed by `parseSettings`, so a
 * mistake is always said the same way, every problem at once, without a stack trace.
 */
import * as z from 'zod';
import { FriendlyError } from './friendly-error.ts';

/** The API version every live query uses; pinned so a Content Lake change cannot alter results silently. */
export const defaultApiVersion = '2025-02-19';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** An optional variable: unset and blank are the same. */
const optionalVar = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A setting with a default; the default is the parsed value (so a flag defaults to `false`, not to `"false"`). */
const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>) => z.preprocess(blankToUndefined, schema.default(value as never));

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));
const port = z.coerce.number().int().min(0).max(65_535);
const email = z.email({ error: 'must be an email address' });

/** A check of a parsed URL. zod runs it after a failed format check too, whose message already says what is wrong. */
const urlCheck = (check: (url: URL) => boolean) => (value: string) => !URL.canParse(value) || check(new URL(value));

/** An http(s) address. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://www.example.org/' });

/** The public address of the site: a path in it (a GitHub Pages project site) is the base path of every URL. */
const siteUrl = httpUrl.refine(
  urlCheck((url) => !url.search && !url.hash && !url.username && !url.password),
  { error: 'must be an address without a query, fragment or credentials' },
);

/** True for this machine's own names: `localhost`, `::1` and 127.0.0.0/8. */
export function hostIsLocal(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https anywhere; plain http only to this machine, where nothing crosses a network (trying out, tests). */
const httpsOrLocal = urlCheck((url) => url.protocol === 'https:' || (url.protocol === 'http:' && hostIsLocal(url.hostname)));

/** The variables the build and the content scripts read alike, each checked the same way. */
export const sanityVars = {
  projectId: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a Sanity project id (a-z, 0-9, -)' }),
  dataset: z.string().regex(/^[a-z0-9_-]{1,64}$/, { error: 'must be a dataset name (a-z, 0-9, _, -)' }),
  /** The pinned API version (YYYY-MM-DD). */
  apiVersion: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^v?\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as 2025-02-19' })
      .default(defaultApiVersion),
  ),
  /** Another API host, such as a local Content Lake stand-in in tests. */
  apiHost: z.url({ error: 'must be a URL such as https://api.sanity.io' }),
};

/** The environment variables that choose and configure the content source (`docs/content-model.md`). */
export const ContentEnvSchema = z.object({
  /** Live mode: the Sanity project to read. */
  SANITY_PROJECT_ID: optionalVar(sanityVars.projectId),
  /** Live mode: the dataset. */
  SANITY_DATASET: z.preprocess(blankToUndefined, sanityVars.dataset.default('production')),
  /** Live mode: the pinned API version. */
  SANITY_API_VERSION: sanityVars.apiVersion,
  /** Live mode: a read token for private datasets; never logged or written to the site. */
  SANITY_API_READ_TOKEN: optionalVar(z.string()),
  /** Live mode: another API host, such as a local Content Lake stand-in in tests. */
  SANITY_API_HOST: optionalVar(sanityVars.apiHost),
  /** File mode: a dataset export (`.tar.gz`, an unpacked folder, or `.ndjson`). */
  SANITY_EXPORT_FILE: optionalVar(z.string()),
  /** Live mode: another host for image files (a local stand-in); `SANITY_API_HOST` when unset, else Sanity's CDN. */
  SANITY_IMAGE_CDN_URL: optionalVar(z.url({ error: 'must be a URL such as http://127.0.0.1:4000' })),
});

/** What the static build reads besides its content. */
export const SiteEnvSchema = z.object({
  /** The public address, for canonical URLs, feeds, the sitemap, and the base path of every link. */
  SITE_URL: withDefault(siteUrl, 'http://localhost:4321/'),
  /** The build's "now" (ISO 8601), which decides which scheduled articles are due; the real time when unset. */
  BUILD_NOW: optionalVar(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00Z' })),
  /** Where the contact form posts; https, or http to this machine (for trying it out). Unset: no form. */
  CONTACT_FORM_ACTION: optionalVar(
    z.url({ error: 'must be a URL such as https://forms.example.org/contact' }).refine(httpsOrLocal, {
      error: 'must be an https:// URL (http:// only to localhost or 127.0.0.1): the form carries personal messages',
    }),
  ),
});

/** The variables of `npm run content:import` and `content:export`: the build's, or the Studio's names. */
export const ContentTargetEnvSchema = z.object({
  /** The project; the Studio's `SANITY_STUDIO_PROJECT_ID` is used when this is not set. */
  SANITY_PROJECT_ID: optionalVar(sanityVars.projectId),
  SANITY_STUDIO_PROJECT_ID: optionalVar(sanityVars.projectId),
  /** The dataset; then `SANITY_STUDIO_DATASET`; then `production`. */
  SANITY_DATASET: optionalVar(sanityVars.dataset),
  SANITY_STUDIO_DATASET: optionalVar(sanityVars.dataset),
  SANITY_API_VERSION: sanityVars.apiVersion,
  /** Import: a token with write access (an "Editor" API token). */
  SANITY_API_WRITE_TOKEN: optionalVar(z.string()),
  /** Export: a token with read access, for a private dataset. */
  SANITY_API_READ_TOKEN: optionalVar(z.string()),
  SANITY_API_HOST: optionalVar(sanityVars.apiHost),
});

/** Where a build writes, besides `<root>/.astro/` (`npm run build`, the server's rebuilds, `npm run rollback`). */
export const ReleasesEnvSchema = z.object({
  /** The published site: a symbolic link to the live release. `npm run build` builds into it; serve this path. */
  LIVE_LINK: withDefault(z.string(), 'dist'),
  /** The folder holding one subfolder per release, named by the time it went live; `.<name>-releases` beside `LIVE_LINK` when unset. */
  RELEASES_DIR: optionalVar(z.string()),
  /** How many releases to keep for rollback, the live one included. */
  KEEP_RELEASES: withDefault(
    z.coerce.number().int().min(2, { error: 'must be at least 2, so that rollback has a release to go back to' }),
    5,
  ),
  /**
   * The content-layer cache and Astro's image cache, shared by every build so that a rebuild fetches only
   * the documents that changed; Astro's own (`node_modules/.astro`) when unset.
   */
  BUILD_CACHE_DIR: optionalVar(z.string()),
});

/**
 * Every setting `npm run build` reads: its own, the content source's and the site's. It reads them once
 * before Astro starts, so that wrong settings fail it in a second and each is named, not only the first a
 * later step happens to read.
 */
export const BuildEnvSchema = z.object({ ...ReleasesEnvSchema.shape, ...ContentEnvSchema.shape, ...SiteEnvSchema.shape });

/** Where contact messages are kept (shared by the server and `npm run messages`). */
export const ContactStoreEnvSchema = z.object({
  /** The SQLite file holding contact messages; created with mode 0600. */
  CONTACT_DB: withDefault(z.string(), '.data/contact.sqlite'),
  /** Days after which a delivered (or held) message's text and the visitor's details are deleted. */
  CONTACT_RETENTION_DAYS: withDefault(z.coerce.number().int().min(0).max(3650), 30),
});

/** `smtps://…` anywhere, `smtp://…` (STARTTLS required) anywhere, plain `smtp://` only to this machine. */
const SmtpUrlSchema = z.url({ error: 'must be a URL such as smtps://user:password@mail.example.org:465' }).refine(
  urlCheck((url) => ['smtp:', 'smtps:'].includes(url.protocol)),
  { error: 'must start with smtps:// or smtp://' },
);

/** The settings of the centre's server (`npm run server`), all in one schema. */
export const ServerEnvSchema = ReleasesEnvSchema.extend(ContactStoreEnvSchema.shape).extend({
  /** The address to listen on; 127.0.0.1 unless a proxy in front needs another. */
  HOST: withDefault(z.string(), '127.0.0.1'),
  /** The port to listen on (0 picks a free one). */
  PORT: withDefault(port, 8787),
  /** At most this many connections at once; more are refused until one closes. */
  MAX_CONNECTIONS: withDefault(z.coerce.number().int().min(1).max(100_000), 256),
  /** Take the client's address from the last `X-Forwarded-For` entry (set only behind a reverse proxy that sets it). */
  TRUST_PROXY: withDefault(flag, false),
  /** The public address of the site: the contact form's origin (CORS) and where `/contact/sent/` is. */
  SITE_URL: optionalVar(siteUrl),
  /**
   * A bearer token that lets a monitor read `/healthz`'s counts (what waits, what failed) from elsewhere;
   * without it only requests made on this machine see them. Everyone else learns only that the server is up.
   */
  HEALTHZ_TOKEN: optionalVar(z.string().min(16, { error: 'must be at least 16 characters (generate one with `openssl rand -hex 32`)' })),
  /** Also serve the live release (`LIVE_LINK`) as a static site on the same port. */
  SERVE_LIVE: withDefault(flag, false),
  /**
   * The Studio's address (e.g. `https://mca.sanity.studio`): it may read `/build.json` from the live release
   * (CORS), to tell editors whether the site shows what they published.
   */
  STUDIO_ORIGIN: optionalVar(httpUrl.transform((value) => new URL(value).origin)),

  /** Webhooks: the secret set on the Sanity webhook; setting it switches the webhook part on. */
  SANITY_WEBHOOK_SECRET: optionalVar(
    z.string().min(16, { error: 'must be at least 16 characters (generate one with `openssl rand -hex 32`)' }),
  ),
  /** Webhooks: the path Sanity posts to. */
  WEBHOOK_PATH: withDefault(z.string().startsWith('/', { error: 'must start with /' }), '/webhooks/sanity'),
  /** Webhooks: `github` asks GitHub Actions to build and deploy; `local` builds here into `LIVE_LINK`. */
  REBUILD_MODE: withDefault(z.enum(['github', 'local']), 'local'),
  /** GitHub mode: the repository whose publish workflow runs, as `owner/name`. */
  GITHUB_REPOSITORY: optionalVar(z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'must be owner/name' })),
  /** GitHub mode: a token allowed to write the repository's contents (needed for repository_dispatch). */
  GITHUB_TOKEN: optionalVar(z.string()),
  /** GitHub mode: the API base URL (another one in tests, or for GitHub Enterprise). */
  GITHUB_API_URL: withDefault(
    z.url({ error: 'must be a URL such as https://api.github.com' }).refine(httpsOrLocal, {
      error: 'must be an https:// URL (http:// only to localhost or 127.0.0.1): the token goes with every request',
    }),
    'https://api.github.com',
  ),
  /** GitHub mode: the `event_type` that `publish.yml` listens for. */
  GITHUB_EVENT_TYPE: withDefault(z.string().regex(/^[\w.-]{1,100}$/), 'sanity-publish'),
  /** How long a build waits for the rest of a burst of publishes before it starts. */
  BUILD_SETTLE_MS: withDefault(z.coerce.number().int().min(0).max(60_000), 1000),
  /** Where changes not yet built are kept while the server is stopped; the next start builds them. */
  PENDING_REBUILDS_FILE: withDefault(z.string(), '.data/pending-rebuilds.json'),
  /** How long a failed dispatch or build is retried (with growing pauses) before it is given up. */
  REBUILD_RETRY_MINUTES: withDefault(
    z.coerce
      .number()
      .min(0)
      .max(24 * 60),
    60,
  ),

  /** Contact: where messages are sent; setting it switches the contact part on. */
  CONTACT_INBOX: optionalVar(email),
  /** Contact: the SMTP server, `smtps://user:password@host:465` or `smtp://…` (STARTTLS); plain only to a local host. */
  SMTP_URL: optionalVar(SmtpUrlSchema),
  /** Contact: the `From` address of the emails (default `CONTACT_INBOX`). */
  CONTACT_FROM: optionalVar(email),
  /** Contact: signs proof-of-work challenges; at least 32 characters. */
  CONTACT_SECRET: optionalVar(z.string().min(32, { error: 'must be at least 32 characters (generate one with `openssl rand -hex 32`)' })),
  /** Contact: unverified messages mailed per day (UTC) at most; the rest are stored and held. */
  CONTACT_UNVERIFIED_DAILY_LIMIT: withDefault(z.coerce.number().int().min(0), 50),
});

export type ContentEnv = z.infer<typeof ContentEnvSchema>;
export type ContactStoreConfig = z.infer<typeof ContactStoreEnvSchema>;
export type ServerConfig = z.infer<typeof ServerEnvSchema>;

/** A setting that is missing or wrong, with every problem named. */
export class SettingsError extends FriendlyError {
  override name = 'SettingsError';
}

/**
 * Parses `env` with `schema`, naming every problem at once: those of the schema, then any `extra` ones that
 * depend on more than one setting. `what` names the settings in the message ("server", "content").
 */
export function parseSettings<T>(
  schema: z.ZodType<T>,
  env: Record<string, string | undefined>,
  what: string,
  extra: (value: T) => string[] = () => [],
): T {
  const result = schema.safeParse(env);
  const lines = result.success ? extra(result.data) : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (result.success && lines.length === 0) return result.data;
  throw new SettingsError(`Invalid ${what} settings in the environment:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

/** The content source's settings (`docs/content-model.md`, "Where content comes from"). */
export function readContentEnv(env: Record<string, string | undefined> = process.env): ContentEnv {
  return parseSettings(ContentEnvSchema, env, 'content');
}
