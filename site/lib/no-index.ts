import { buildShared } from './build-shared.ts';

/**
 * The paths of pages rendered with `noindex` (search engines asked to leave them out), so the sitemap
 * leaves them out too. On `globalThis`: pages and the sitemap's filter are separate module graphs.
 */
export function noIndexPaths(): Set<string> {
  return buildShared('noIndexPaths', () => new Set<string>());
}

/** The sitemap's filter: every page but search results and those marked `noindex`. */
export function inSitemap(page: string): boolean {
  const path = new URL(page).pathname;
  return path !== '/search/' && !noIndexPaths().has(path);
}
