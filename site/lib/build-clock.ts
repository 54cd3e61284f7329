import * as z from 'zod';

const BuildNowSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00Z' });

/**
 * The build's "now", which decides which scheduled articles are due: `BUILD_NOW` (an ISO 8601 date and
 * time, for tests and for rehearsing a future build) or the real time.
 */
export function buildNow(env: NodeJS.ProcessEnv = process.env): Date {
  const value = env['BUILD_NOW']?.trim();
  if (!value) return new Date();
  const result = BuildNowSchema.safeParse(value);
  if (!result.success) throw new Error(`Invalid BUILD_NOW "${value}": ${result.error.issues[0]?.message}`);
  return new Date(result.data);
}
