/**
 * Reads the centre's server settings (defined in `schemas/settings.ts`) and checks the ones that depend on
 * each other.
 */
import {
  type ContactStoreConfig,
  ContactStoreEnvSchema,
  parseSettings,
  type ServerConfig,
  ServerEnvSchema,
} from '../../schemas/settings.ts';

export type { ContactStoreConfig, ServerConfig };

/** The problems that depend on more than one setting. */
function crossChecks(config: ServerConfig): string[] {
  const problems: string[] = [];
  if (!config.SANITY_WEBHOOK_SECRET && !config.CONTACT_INBOX && !config.SERVE_LIVE) {
    problems.push(
      'SANITY_WEBHOOK_SECRET, CONTACT_INBOX or SERVE_LIVE: set at least one (Sanity webhooks, the contact form, serving the built site)',
    );
  }
  if (config.SANITY_WEBHOOK_SECRET && config.REBUILD_MODE === 'github') {
    for (const key of ['GITHUB_REPOSITORY', 'GITHUB_TOKEN'] as const) {
      if (!config[key]) problems.push(`${key}: is required when REBUILD_MODE=github`);
    }
  }
  if (config.CONTACT_INBOX) {
    if (!config.CONTACT_SECRET) problems.push('CONTACT_SECRET: is required with CONTACT_INBOX (generate one with `openssl rand -hex 32`)');
    if (!config.SITE_URL)
      problems.push('SITE_URL: is required with CONTACT_INBOX (the site whose form posts here, e.g. https://www.example.org)');
  }
  return problems;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return parseSettings(ServerEnvSchema, env, 'server', crossChecks);
}

export function readContactStoreConfig(env: NodeJS.ProcessEnv = process.env): ContactStoreConfig {
  return parseSettings(ContactStoreEnvSchema, env, 'contact store');
}
