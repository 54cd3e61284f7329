import { useEffect, useState, useSyncExternalStore } from 'react';
import { type SanityClient, useClient } from 'sanity';
import type { Clock } from '../scripts/server/clock.ts';
import { isScheduled } from '../schemas/scheduling.ts';
import { defaultApiVersion } from '../schemas/settings.ts';
import { formatCentreDateTime } from '../schemas/time-zone.ts';
import { type BuildInfo, buildInfoPath } from '../site/lib/build-info.ts';

/**
 * Whether the public site shows a published document yet. Every build writes `/build.json`
 * (`site/integrations/build-info.ts`): `contentUpdatedAt` is the newest `_updatedAt` of the content it was
 * built from, so a published document not newer than that is on the site. The Studio reads the file from
 * the site's address (the centre's server and GitHub Pages allow it), again while a document waits (`rereadDelays`).
 */

/** The site's state as the Studio last read it. */
export type SiteState = { kind: 'loading' } | { kind: 'unreachable'; reason: string } | { kind: 'built'; info: BuildInfo };

/** How a published document stands: on the site, or waiting for a rebuild (or unknown). */
export type SiteStatus =
  | { kind: 'on-site'; builtAt: string }
  | { kind: 'waiting'; builtAt: string | undefined }
  | { kind: 'unknown'; reason: string };

/** A published document as the Studio holds it. */
interface PublishedVersion {
  _id?: string | undefined;
  _rev?: string | undefined;
  _updatedAt?: string | undefined;
  publishedAt?: unknown;
}

/**
 * The status of the published version updated at `updatedAt` (the Content Lake's time) against the site's
 * last build, or `undefined` when there is nothing to say: no published version, or an article scheduled
 * for later (its "Scheduled for …" badge says when).
 */
export function siteStatusOf(
  published: { updatedAt?: string | undefined; publishedAt?: unknown } | null | undefined,
  site: SiteState,
  now: Date,
): SiteStatus | undefined {
  if (!published?.updatedAt) return undefined;
  if (typeof published.publishedAt === 'string' && isScheduled(published.publishedAt, now)) return undefined;
  if (site.kind === 'loading') return { kind: 'waiting', builtAt: undefined };
  if (site.kind === 'unreachable') return { kind: 'unknown', reason: site.reason };
  const { builtAt, contentUpdatedAt } = site.info;
  const live = contentUpdatedAt !== null && Date.parse(published.updatedAt) <= Date.parse(contentUpdatedAt);
  return live ? { kind: 'on-site', builtAt } : { kind: 'waiting', builtAt };
}

/**
 * The Content Lake's `_updatedAt` of a published revision, read once per revision. The Studio's own copy
 * cannot be compared with the build's: once the Studio has seen a document change, its `_updatedAt` is the
 * time the browser applied the change (Sanity's buffered document stamps `new Date()`), which falls after
 * the Lake's on a computer whose clock runs ahead or that was slow to apply it, and the document would
 * wait for the site for good. `getDocument` reads `/doc`, which is never behind the listener; a failed
 * read falls back on the Studio's copy and is tried again at the next revision.
 */
const lakeUpdates = new Map<string, { rev: string; updatedAt: Promise<string | undefined> }>();

function lakeUpdatedAt(client: SanityClient, id: string, rev: string, studioCopy: string | undefined): Promise<string | undefined> {
  const known = lakeUpdates.get(id);
  if (known?.rev === rev) return known.updatedAt;
  const updatedAt = client.getDocument(id, { tag: 'site-status' }).then(
    (document) => document?._updatedAt,
    () => {
      lakeUpdates.delete(id);
      return studioCopy;
    },
  );
  lakeUpdates.set(id, { rev, updatedAt });
  return updatedAt;
}

/** Later than any build: the time of a revision published since the last read, until it is read. */
const newerThanAnyBuild = new Date(8.64e15).toISOString();

/**
 * `published`'s `_updatedAt` as the Content Lake has it (`lakeUpdatedAt`); `undefined` until the first read.
 * A revision published while the document is open waits for the site from the moment it appears, not from
 * when its time has been read.
 */
function usePublishedUpdatedAt(published: PublishedVersion | null | undefined): string | undefined {
  const client = useClient({ apiVersion: defaultApiVersion });
  const id = published?._id;
  const rev = published?._rev;
  const studioCopy = published?._updatedAt;
  const [read, setRead] = useState<{ id: string; rev: string; updatedAt: string | undefined }>();
  useEffect(() => {
    if (!id || !rev) return;
    let current = true;
    void lakeUpdatedAt(client, id, rev, studioCopy).then((updatedAt) => {
      if (current) setRead({ id, rev, updatedAt });
    });
    return () => {
      current = false;
    };
  }, [client, id, rev, studioCopy]);
  if (!read || read.id !== id) return undefined;
  return read.rev === rev ? read.updatedAt : newerThanAnyBuild;
}

/** The words an editor sees for a status, and the longer explanation behind them. */
export function describeSiteStatus(status: SiteStatus): { label: string; title: string } {
  if (status.kind === 'on-site') {
    return { label: 'On the site', title: `The site shows this version (rebuilt ${formatCentreDateTime(status.builtAt)}).` };
  }
  if (status.kind === 'waiting') {
    const last = status.builtAt ? ` (last rebuild ${formatCentreDateTime(status.builtAt)})` : '';
    return {
      label: `Waiting for the site${last}`,
      title:
        'Published. The site is rebuilt after each publish, usually within a few minutes; this changes to "On the site" when it is live.',
    };
  }
  return { label: 'Site status unknown', title: `Could not read the site's build information: ${status.reason}` };
}

/**
 * When `/build.json` is read again. At once when a document starts waiting (it was just published), then
 * every `firstMs` for `steadyMs`: a rebuild on the centre's server takes seconds and one on GitHub Pages a
 * minute or two, and the editor is told within seconds of it. After that, ever longer apart while one still
 * waits: twice `firstMs`, and so on up to `waitingMaxMs`. While the site cannot be read, ever longer apart
 * from the start, up to `unreachableMaxMs`. Never while nothing waits: a document on the site stays there
 * until it is published again.
 */
export const rereadDelays = { firstMs: 5_000, steadyMs: 120_000, waitingMaxMs: 60_000, unreachableMaxMs: 300_000 } as const;

/** Whether a status keeps `/build.json` being read: the site may yet change it. */
export function keepsReading(status: SiteStatus | undefined): boolean {
  return status?.kind === 'waiting' || status?.kind === 'unknown';
}

/** The browser's timers, as a `Clock` (`systemClock` unrefs its timers, which only Node can). */
const browserClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((done) => {
      if (signal?.aborted) return done();
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        done();
      }
      signal?.addEventListener('abort', finish, { once: true });
    }),
};

/** Reads the site's `/build.json`. */
export async function readSiteState(siteUrl: string): Promise<SiteState> {
  const address = `${siteUrl}/${buildInfoPath}`;
  try {
    const response = await fetch(address, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${address} answered ${response.status}`);
    const info = (await response.json()) as Partial<BuildInfo>;
    if (typeof info.builtAt !== 'string') throw new Error(`${address} has no builtAt`);
    const contentUpdatedAt = typeof info.contentUpdatedAt === 'string' ? info.contentUpdatedAt : null;
    return { kind: 'built', info: { builtAt: info.builtAt, contentUpdatedAt } };
  } catch (error) {
    return { kind: 'unreachable', reason: (error as Error).message };
  }
}

/** The site's state, shared by every component that shows it, and the one loop that reads it again. */
export interface SiteStore {
  subscribe(notify: () => void): () => void;
  get(): SiteState;
  /**
   * A document waits for the site: read `/build.json` now and keep reading it until every hold is released
   * (the returned function). Each new hold starts over at the shortest delay.
   */
  hold(): () => void;
}

export function siteStore(read: () => Promise<SiteState>, clock: Clock = browserClock): SiteStore {
  let state: SiteState = { kind: 'loading' };
  const subscribers = new Set<() => void>();
  let holds = 0;
  let looping = false;
  let delay: number = rereadDelays.firstMs;
  let heldSince = 0;
  let pause: AbortController | undefined;

  async function loop(): Promise<void> {
    looping = true;
    try {
      while (holds > 0) {
        state = await read();
        for (const notify of subscribers) notify();
        if (holds === 0) break;
        const cap = state.kind === 'unreachable' ? rereadDelays.unreachableMaxMs : rereadDelays.waitingMaxMs;
        const steady = state.kind === 'built' && clock.now() - heldSince < rereadDelays.steadyMs;
        const ms = steady ? rereadDelays.firstMs : Math.min(delay, cap);
        if (!steady) delay = Math.min(delay * 2, cap);
        pause = new AbortController();
        await clock.sleep(ms, pause.signal);
      }
    } finally {
      looping = false;
      pause = undefined;
    }
  }

  return {
    subscribe(notify) {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    get: () => state,
    hold() {
      holds++;
      delay = rereadDelays.firstMs;
      heldSince = clock.now();
      // A pause in progress ends at once, so the loop reads now; otherwise a loop starts.
      if (looping) pause?.abort();
      else void loop();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0) pause?.abort();
      };
    },
  };
}

const stores = new Map<string, SiteStore>();

function storeFor(siteUrl: string): SiteStore {
  const store = stores.get(siteUrl) ?? siteStore(() => readSiteState(siteUrl));
  stores.set(siteUrl, store);
  return store;
}

/**
 * How `published` stands on the site at `siteUrl` (`undefined`: nothing to say, or no site address). While
 * it waits (or the site cannot be read), `/build.json` is read again (`rereadDelays`); publishing again
 * (a new `_updatedAt`) reads it at once.
 */
export function useSiteStatus(siteUrl: string | undefined, published: PublishedVersion | null | undefined): SiteStatus | undefined {
  const store = siteUrl ? storeFor(siteUrl) : undefined;
  const site = useSyncExternalStore(store?.subscribe ?? (() => () => {}), store?.get ?? (() => undefined));
  const updatedAt = usePublishedUpdatedAt(published);
  const status = site && siteStatusOf(published && { updatedAt, publishedAt: published.publishedAt }, site, new Date());
  const reading = keepsReading(status);
  // biome-ignore lint/correctness/useExhaustiveDependencies: publishing again (a new `updatedAt`) takes a new hold, which reads at once.
  useEffect(() => (store && reading ? store.hold() : undefined), [store, reading, updatedAt]);
  return status;
}
