import { parseSettings, SiteEnvSchema } from '../../schemas/settings.ts';

/**
 * The build's "now", which decides which scheduled articles are due: `BUILD_NOW` (an ISO 8601 date and
 * time, for tests and for rehearsing a future build) or the real time.
 */
export function buildNow(env: Record<string, string | undefined> = process.env): Date {
  const { BUILD_NOW } = parseSettings(SiteEnvSchema.pick({ BUILD_NOW: true }), env, 'build');
  return BUILD_NOW ? new Date(BUILD_NOW) : new Date();
}
