import { buildShared } from './build-shared.ts';

/**
 * The paths of pages rendered with `noindex` (search engines asked to leave them out), so the sitemap
 * leaves them out too. On `globalThis`: pages and the sitemap's filter are separate module graphs.
 */
export function noIndexPaths(): Set<string> {
  return buildShared('noIndexPaths', () => new Set<string>());
}

/**
 * The translations of each page that has any, by the page's path: absolute URLs by language, as its
 * `hreflang` links give them, for the sitemap's alternates. On `globalThis` for the same reason.
 */
export function alternatePages(): Map<string, Record<string, string>> {
  return buildShared('alternatePages', () => new Map<string, Record<string, string>>());
}

/** The sitemap's filter: every page but those marked `noindex` (search pages among them). */
export function inSitemap(page: string): boolean {
  return !noIndexPaths().has(new URL(page).pathname);
}

/** The sitemap's entry for a page, with its translations as `xhtml:link` alternates (`@astrojs/sitemap`'s `links`). */
export function withAlternates<Item extends { url: string; links?: Array<{ url: string; lang: string }> | undefined }>(item: Item): Item {
  const alternates = alternatePages().get(new URL(item.url).pathname);
  if (!alternates) return item;
  return { ...item, links: Object.entries(alternates).map(([lang, url]) => ({ lang, url })) };
}
