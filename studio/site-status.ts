import { useSyncExternalStore } from 'react';
import { isScheduled } from '../schemas/scheduling.ts';
import { formatCentreDateTime } from '../schemas/time-zone.ts';
import { type BuildInfo, buildInfoPath } from '../site/lib/build-info.ts';

/**
 * Whether the public site shows a published document yet. Every build writes `/build.json`
 * (`site/integrations/build-info.ts`): `contentUpdatedAt` is the newest `_updatedAt` of the content it was
 * built from, so a published document not newer than that is on the site. The Studio reads the file from
 * the site's address (the centre's server and GitHub Pages allow it), again and again while a document waits.
 */

/** The site's state as the Studio last read it. */
export type SiteState = { kind: 'loading' } | { kind: 'unreachable'; reason: string } | { kind: 'built'; info: BuildInfo };

/** How a published document stands: on the site, or waiting for a rebuild (or unknown). */
export type SiteStatus =
  | { kind: 'on-site'; builtAt: string }
  | { kind: 'waiting'; builtAt: string | undefined }
  | { kind: 'unknown'; reason: string };

interface PublishedVersion {
  _updatedAt?: string | undefined;
  publishedAt?: unknown;
}

/**
 * The status of `published` against the site's last build, or `undefined` when there is nothing to say:
 * no published version, or an article scheduled for later (its "Scheduled for …" badge says when).
 */
export function siteStatusOf(published: PublishedVersion | null | undefined, site: SiteState, now: Date): SiteStatus | undefined {
  if (!published?._updatedAt) return undefined;
  if (typeof published.publishedAt === 'string' && isScheduled(published.publishedAt, now)) return undefined;
  if (site.kind === 'loading') return { kind: 'waiting', builtAt: undefined };
  if (site.kind === 'unreachable') return { kind: 'unknown', reason: site.reason };
  const { builtAt, contentUpdatedAt } = site.info;
  const live = contentUpdatedAt !== null && Date.parse(published._updatedAt) <= Date.parse(contentUpdatedAt);
  return live ? { kind: 'on-site', builtAt } : { kind: 'waiting', builtAt };
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

/** How often the Studio reads `/build.json` while a document is shown. */
const pollMs = 10_000;

function siteStore(siteUrl: string) {
  let state: SiteState = { kind: 'loading' };
  const subscribers = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function read(): Promise<void> {
    try {
      const address = `${siteUrl}/${buildInfoPath}`;
      const response = await fetch(address, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${address} answered ${response.status}`);
      const info = (await response.json()) as Partial<BuildInfo>;
      if (typeof info.builtAt !== 'string') throw new Error(`${address} has no builtAt`);
      state = {
        kind: 'built',
        info: { builtAt: info.builtAt, contentUpdatedAt: typeof info.contentUpdatedAt === 'string' ? info.contentUpdatedAt : null },
      };
    } catch (error) {
      state = { kind: 'unreachable', reason: (error as Error).message };
    }
    for (const notify of subscribers) notify();
    if (subscribers.size > 0) timer = setTimeout(() => void read(), pollMs);
  }

  return {
    subscribe(notify: () => void) {
      subscribers.add(notify);
      if (subscribers.size === 1) void read();
      return () => {
        subscribers.delete(notify);
        if (subscribers.size === 0) clearTimeout(timer);
      };
    },
    get: () => state,
  };
}

const stores = new Map<string, ReturnType<typeof siteStore>>();

/** The site's last build, read from `siteUrl` and read again every few seconds while a component shows it. */
export function useSiteState(siteUrl: string | undefined): SiteState | undefined {
  const store = siteUrl ? (stores.get(siteUrl) ?? stores.set(siteUrl, siteStore(siteUrl)).get(siteUrl)) : undefined;
  return useSyncExternalStore(store?.subscribe ?? (() => () => {}), store?.get ?? (() => undefined));
}
