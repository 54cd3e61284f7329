/**
 * The site's built contact page, fetched from the site (`SITE_URL`) and kept for a while: the problem
 * page a visitor without JavaScript gets is made from it (`pages.ts`), so it looks like the site and
 * carries its header, crisis line and phone, whichever host serves the site. A failed fetch keeps the
 * copy it has (or none: the problem page is then a bare one) and is tried again after a minute; a fetch
 * is never made twice at once.
 */
export interface SiteTemplate {
  /** The page as last fetched, if any; starts a new fetch when it is missing or old. */
  current(): string | undefined;
  /** The page, fetched first if missing or old (waiting at most `timeoutMs`). */
  fresh(): Promise<string | undefined>;
}

export function createSiteTemplate(
  pageUrl: string,
  options: { now?: () => number; maxAgeMs?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
): SiteTemplate {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 3000;
  const get = options.fetch ?? fetch;
  const retryMs = 60_000;
  let kept: { html: string; at: number } | undefined;
  let triedAt: number | undefined;
  let loading: Promise<string | undefined> | undefined;

  const stale = () => (triedAt === undefined || now() - triedAt >= retryMs) && (!kept || now() - kept.at >= maxAgeMs);
  const load = () => {
    loading ??= (async () => {
      triedAt = now();
      try {
        const response = await get(pageUrl, {
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
          headers: { accept: 'text/html' },
        });
        if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html'))
          kept = { html: await response.text(), at: now() };
      } catch {
        // Unreachable for now: the copy kept (or the bare page) serves until the next try.
      } finally {
        loading = undefined;
      }
      return kept?.html;
    })();
    return loading;
  };

  return {
    current() {
      if (stale()) void load();
      return kept?.html;
    },
    fresh() {
      return stale() ? load() : Promise.resolve(kept?.html);
    },
  };
}
