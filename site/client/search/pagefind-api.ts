/**
 * The part of Pagefind's browser API (`/pagefind/pagefind.js`, written by the build) the search page
 * uses. The file exists only in a built site, so it is loaded at run time, never bundled.
 */

/** What a result's `data()` loads: one page's fragment. */
export interface PagefindPage {
  url: string;
  /** Text with the matched words in `<mark>`; Pagefind escapes the page text. */
  excerpt: string;
  meta: { title?: string; date?: string } & Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindPage>;
}

export interface PagefindResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
}

/** Filter values per key: a page matches when it has any of the values of every key. */
export type PagefindFilters = Record<string, { any: string[] }>;

export interface PagefindSearchOptions {
  filters?: PagefindFilters;
}

export interface Pagefind {
  options(options: { excerptLength?: number; baseUrl?: string; ranking?: Record<string, number> }): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: PagefindSearchOptions): Promise<PagefindResponse>;
  /** `null` when a later call superseded this one during the wait. */
  debouncedSearch(term: string, options: PagefindSearchOptions, waitMs: number): Promise<PagefindResponse | null>;
}

let loading: Promise<Pagefind> | undefined;

/**
 * Loads and starts Pagefind once, on first need. `base` is the site's base path (`/`, or `/mca-site/`
 * for a site served under a path): the bundle is loaded from under it and result URLs are given under it.
 */
export function loadPagefind(base = '/'): Promise<Pagefind> {
  loading ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
    await pagefind.options({ excerptLength: 24, baseUrl: base });
    await pagefind.init();
    return pagefind;
  })();
  // A failed load (offline, say) may be retried by the next search.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
