import * as z from 'zod';
import { FriendlyError } from '../../schemas/friendly-error.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.default(value as never));
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));

/** Where local rebuilds keep their releases (shared by the receiver and `npm run rollback`). */
export const ReleasesEnvSchema = z.object({
  /** The folder holding one subfolder per release, named by build time. */
  RELEASES_DIR: withDefault(z.string(), '.releases'),
  /** The symlink that points at the live release: serve this path. */
  LIVE_LINK: withDefault(z.string(), 'live'),
  /** How many releases to keep for rollback, the live one included. */
  KEEP_RELEASES: withDefault(z.coerce.number().int().min(2, { error: 'must be at least 2, so that rollback has a release to go back to' }), 5),
});

/** The settings of the webhook receiver (`npm run webhooks`). */
export const WebhookServerEnvSchema = ReleasesEnvSchema.extend({
  /** The secret set on the Sanity webhook; every request must be signed with it. */
  SANITY_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required: the secret of the Sanity webhook (generate one with `openssl rand -hex 32`)' })
      .min(16, { error: 'must be at least 16 characters (generate one with `openssl rand -hex 32`)' }),
  ),
  /** The address to listen on; 127.0.0.1 unless a proxy in front needs another. */
  WEBHOOK_HOST: withDefault(z.string(), '127.0.0.1'),
  /** The port to listen on (0 picks a free one). */
  WEBHOOK_PORT: withDefault(z.coerce.number().int().min(0).max(65_535), 8787),
  /** The path Sanity posts to. */
  WEBHOOK_PATH: withDefault(z.string().startsWith('/', { error: 'must start with /' }), '/webhooks/sanity'),
  /** `github`: ask GitHub Actions to build and deploy; `local`: build here into a new release. */
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
  /**
   * Local mode: the content-layer cache every build shares, so that a rebuild fetches only the documents
   * that changed; Astro's own (`node_modules/.astro`) when unset.
   */
  BUILD_CACHE_DIR: optional(z.string()),
  /** Local mode: also serve the live release as a static site on the same port. */
  SERVE_LIVE: withDefault(flag, 'false'),
});

export type ReleasesConfig = z.infer<typeof ReleasesEnvSchema>;
export type WebhookServerConfig = z.infer<typeof WebhookServerEnvSchema>;

/** A setting that is missing or wrong, with every problem named. */
export class ConfigError extends FriendlyError {
  override name = 'ConfigError';
}

/** Names every problem at once: those of the schema and any `extra` ones, which depend on other settings. */
function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv, what: string, extra: string[] = []): T {
  const result = schema.safeParse(env);
  const lines = [...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)), ...extra];
  if (result.success && lines.length === 0) return result.data;
  throw new ConfigError(`Invalid ${what} settings in the environment:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

export function readWebhookServerConfig(env: NodeJS.ProcessEnv = process.env): WebhookServerConfig {
  const github = env['REBUILD_MODE']?.trim() === 'github';
  const missing = github ? ['GITHUB_REPOSITORY', 'GITHUB_TOKEN'].filter((key) => !env[key]?.trim()) : [];
  return parseEnv(
    WebhookServerEnvSchema,
    env,
    'webhook receiver',
    missing.map((key) => `${key}: is required when REBUILD_MODE=github`),
  );
}

export function readReleasesConfig(env: NodeJS.ProcessEnv = process.env): ReleasesConfig {
  return parseEnv(ReleasesEnvSchema, env, 'release');
}
