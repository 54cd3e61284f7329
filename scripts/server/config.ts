/**
 * Reads the centre's server settings (defined in `schemas/settings.ts`) and checks the ones that depend on
 * each other.
 */
import {
  type ContactStoreConfig,
  ContactStoreEnvSchema,
  hostIsLocal,
  parseSettings,
  type ReleasesConfig,
  ReleasesEnvSchema,
  type ServerConfig,
  ServerEnvSchema,
} from '../../schemas/settings.ts';

export type { ContactStoreConfig, ReleasesConfig, ServerConfig };

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
  return parseSettings(ServerEnvSchema, merged, 'server', crossChecks);
}

export function readReleasesConfig(env: NodeJS.ProcessEnv = process.env): ReleasesConfig {
  return parseSettings(ReleasesEnvSchema, env, 'release');
}

export function readContactStoreConfig(env: NodeJS.ProcessEnv = process.env): ContactStoreConfig {
  return parseSettings(ContactStoreEnvSchema, env, 'contact store');
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
