/**
 * The Studio's own validation, run in Node the way `sanity documents validate` runs it: the Studio
 * config (`studio/sanity.config.ts`) resolved into a workspace with authentication stubbed out, then
 * sanity's `validateDocument` with `environment: "cli"` on each document. Where the CLI asks the
 * Content Lake (slug uniqueness, whether a referenced document exists), this asks the dataset under
 * test instead, with `groq-js`.
 */
import { createClient } from '@sanity/client';
import { evaluate, parse } from 'groq-js';
import { firstValueFrom, of } from 'rxjs';
import {
  type ConfigContext,
  resolveConfig,
  type SanityClient,
  type SanityDocument,
  type SchemaValidationProblemGroup,
  validateDocument,
  type Workspace,
} from 'sanity';
import studioConfig from '../../../studio/sanity.config.ts';

// Sanity's validator yields to the browser between fields; Node has no idle callbacks.
globalThis.requestIdleCallback ??= (callback) =>
  setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number;
globalThis.cancelIdleCallback ??= (handle) => clearTimeout(handle);

/** One finding of the Studio's validation, as an editor sees it beside a field. */
export interface StudioMarker {
  level: 'error' | 'warning' | 'info';
  message: string;
  /** The field path in the format of `validateDataset`: `body[2].markDefs[0].href`. */
  path: string;
}

let workspacePromise: Promise<Workspace> | undefined;

/** The Studio's workspace, resolved once, as `getStudioWorkspaces` in `@sanity/cli-core` does it. */
export function loadStudioWorkspace(): Promise<Workspace> {
  workspacePromise ??= firstValueFrom(
    resolveConfig({
      ...studioConfig,
      basePath: '/',
      // As the CLI: no signed-in user, and a client that is never called.
      auth: { state: of({ authenticated: false, client: unusedClient(), currentUser: null }) },
    } as Parameters<typeof resolveConfig>[0]),
  ).then((workspaces) => {
    const [workspace] = workspaces;
    if (!workspace || workspaces.length !== 1) throw new Error(`Expected one workspace, got ${workspaces.length}`);
    return workspace;
  });
  return workspacePromise;
}

/** The schema problems (errors and warnings) Sanity found while compiling the Studio's schema. */
export async function schemaProblems(): Promise<SchemaValidationProblemGroup[]> {
  const workspace = await loadStudioWorkspace();
  const validation = (workspace.schema as { _validation?: SchemaValidationProblemGroup[] })._validation ?? [];
  return validation.filter((group) => group.problems.length > 0);
}

/** The client of `getEmptyAuth` in `@sanity/cli-core`: configured, never sent a request here. */
function unusedClient(): SanityClient {
  return createClient({
    apiHost: 'http://localhost',
    apiVersion: '2025-02-01',
    projectId: 'unused',
    useCdn: false,
  }) as unknown as SanityClient;
}

interface Documentish {
  _id: string;
  _type: string;
}

/**
 * A client that answers GROQ from `documents` (what Sanity's slug uniqueness check sends), in the
 * raw perspective the check asks for.
 */
function datasetClient(documents: readonly Documentish[]): SanityClient {
  const client = {
    withConfig: () => client,
    config: () => ({}),
    fetch: async (query: string, params: Record<string, unknown> = {}) => {
      const result = await evaluate(parse(query, { params }), { dataset: documents, params });
      return result.get();
    },
  };
  return client as unknown as SanityClient;
}

type PathSegment = string | number | { _key: string } | [number | '', number | ''];

/** `['body', {_key: 'b2'}, 'markDefs', {_key: 'l1'}, 'href']` as `body[2].markDefs[0].href`. */
export function formatStudioPath(document: unknown, path: readonly PathSegment[]): string {
  let value: unknown = document;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'string') {
      out = out === '' ? segment : `${out}.${segment}`;
      value = (value as Record<string, unknown> | undefined)?.[segment];
      continue;
    }
    let index: number;
    if (typeof segment === 'number') index = segment;
    else if (Array.isArray(segment)) index = Number(segment[0]);
    else {
      const list = Array.isArray(value) ? value : [];
      index = list.findIndex((item: { _key?: unknown }) => item?._key === segment._key);
    }
    out = `${out}[${index}]`;
    value = Array.isArray(value) ? value[index] : undefined;
  }
  return out || 'document';
}

/**
 * Validates each of `targets` with the Studio's rules, in the context of `dataset` (the documents that
 * exist: references resolve and slugs must be unique against them). `targets` must be in `dataset`.
 * `environment` "studio" gives the levels an editor sees beside a field; "cli" those of
 * `sanity documents validate`, which reports every rule of an object field (slug, image, address) as
 * a warning.
 */
export async function validateWithStudio(
  targets: readonly Documentish[],
  dataset: readonly Documentish[],
  environment: 'studio' | 'cli' = 'studio',
): Promise<Map<string, StudioMarker[]>> {
  const workspace = await loadStudioWorkspace();
  const ids = new Set(dataset.map((doc) => doc._id));
  const client = datasetClient(dataset);
  const results = new Map<string, StudioMarker[]>();
  for (const document of targets) {
    const markers = await validateDocument({
      document: document as SanityDocument,
      workspace,
      environment,
      getClient: () => client,
      getDocumentExists: async ({ id }) => ids.has(id),
    });
    results.set(
      document._id,
      markers.map((marker) => ({
        level: marker.level,
        message: marker.message,
        path: formatStudioPath(document, marker.path as PathSegment[]),
      })),
    );
  }
  return results;
}

export type { ConfigContext };
