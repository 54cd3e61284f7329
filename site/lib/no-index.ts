/**
 * The paths of pages rendered with `noindex` (search engines asked to leave them out), so the sitemap
 * leaves them out too. On `globalThis`: pages and the sitemap's filter are separate module graphs.
 */
export function noIndexPaths(): Set<string> {
  const key = Symbol.for('mca.noIndexPaths');
  const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  holder[key] ??= new Set();
  return holder[key];
}

/** The sitemap's filter: every page but search results and those marked `noindex`. */
export function inSitemap(page: string): boolean {
  const path = new URL(page).pathname;
  return path !== '/search/' && !noIndexPaths().has(path);
}
