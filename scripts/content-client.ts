/**
 * What `npm run content:import` and `npm run content:export` share: the project they talk to (from
 * the environment, checked once), the `@sanity/client` they talk through, and one friendly message
 * when something fails.
 */
import { type ClientConfig, createClient, type SanityClient } from '@sanity/client';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ContentTargetEnvSchema, parseSettings } from '../schemas/settings.ts';
import { describeFailure, FriendlyError } from '../schemas/friendly-error.ts';

/** A problem the user can fix, said in one message; the command exits with status 1. */
export class ContentCommandError extends FriendlyError {
  override name = 'ContentCommandError';
}

/** Which token a command needs: import writes, export reads (a public dataset needs none). */
export type TokenNeed = 'write' | 'read';

/** The project, dataset and credentials a content command works on. */
export interface ContentTarget {
  projectId: string;
  dataset: string;
  apiVersion: string;
  token: string | undefined;
  /** Another API host, such as a local Content Lake stand-in in tests; image files are read from it too. */
  apiHost: string | undefined;
}

/** Reads the target from the environment, naming every missing or malformed variable at once. */
export function readContentTarget(env: Record<string, string | undefined>, need: TokenNeed): ContentTarget {
  const vars = parseSettings(ContentTargetEnvSchema, env, 'content command', (vars) => [
    ...((vars.SANITY_PROJECT_ID ?? vars.SANITY_STUDIO_PROJECT_ID)
      ? []
      : ['SANITY_PROJECT_ID: is not set (the project id is on https://www.sanity.io/manage)']),
    ...(need === 'write' && !vars.SANITY_API_WRITE_TOKEN
      ? ['SANITY_API_WRITE_TOKEN: is not set: create an API token with Editor rights under API > Tokens on https://www.sanity.io/manage']
      : []),
  ]);
  return {
    projectId: (vars.SANITY_PROJECT_ID ?? vars.SANITY_STUDIO_PROJECT_ID) as string,
    dataset: vars.SANITY_DATASET ?? vars.SANITY_STUDIO_DATASET ?? 'production',
    apiVersion: vars.SANITY_API_VERSION,
    token: need === 'write' ? vars.SANITY_API_WRITE_TOKEN : vars.SANITY_API_READ_TOKEN,
    apiHost: vars.SANITY_API_HOST,
  };
}

/** `project abc123, dataset production`, for messages (never the token). */
export function describeTarget(target: ContentTarget): string {
  return `project ${target.projectId}, dataset ${target.dataset}${target.apiHost ? ` at ${target.apiHost}` : ''}`;
}

/** The client options for a target: no CDN (commands must see what was just written), no retries of ours. */
export function clientConfigFor(target: ContentTarget): ClientConfig {
  return {
    projectId: target.projectId,
    dataset: target.dataset,
    apiVersion: target.apiVersion,
    useCdn: false,
    ...(target.token ? { token: target.token } : {}),
    // A custom host (a stand-in on 127.0.0.1) cannot take the project as a subdomain.
    ...(target.apiHost ? { apiHost: target.apiHost, useProjectHostname: false } : {}),
  };
}

/** Creates the client for a target; `create` is injectable so tests can see or replace it. */
export function createContentClient(target: ContentTarget, create: (config: ClientConfig) => SanityClient = createClient): SanityClient {
  return create(clientConfigFor(target));
}

/** One sentence for an error from the Content Lake, with what to do about it. */
export function describeRequestError(error: unknown, target: ContentTarget): string {
  const status = (error as { statusCode?: unknown }).statusCode;
  const where = describeTarget(target);
  if (status === 401 || status === 403) {
    return `The Content Lake refused the request (HTTP ${status}) for ${where}: check the token and that it may access this project.`;
  }
  if (status === 404) return `The Content Lake does not know ${where} (HTTP 404): check SANITY_PROJECT_ID and SANITY_DATASET.`;
  const reason = typeof status === 'number' ? `HTTP ${status}` : (error as Error).message;
  return `Cannot reach the Content Lake for ${where}: ${reason}. Check the network and try again.`;
}

/** Parses a command's arguments; a wrong one is said with the command's usage line. */
export function parseCommandArgs<T extends ParseArgsConfig>(argv: readonly string[], config: T, usage: string) {
  try {
    return parseArgs({ ...config, args: [...argv] });
  } catch (error) {
    throw new ContentCommandError(`${(error as Error).message}\n${usage}`);
  }
}

/** A failed request as one message saying what to check; a command's own errors pass through. */
export function asCommandError(error: unknown, target: ContentTarget): ContentCommandError {
  return error instanceof ContentCommandError ? error : new ContentCommandError(describeRequestError(error, target));
}

/** `13 article, 7 staffMember`: how many documents of each type, for a command's last line. */
export function countByType(documents: readonly { _type: string }[]): string {
  const counts = new Map<string, number>();
  for (const doc of documents) counts.set(doc._type, (counts.get(doc._type) ?? 0) + 1);
  return [...counts].map(([type, count]) => `${count} ${type}`).join(', ') || 'none';
}

/** Runs a command's `main`, turning a failure into one message and exit status 1. */
export async function runContentCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}
