/**
 * The draft preview server's only client script (injected by `site/preview/integration.ts`, so the
 * public build never has it): it connects the page to the Studio's Presentation tool through
 * `@sanity/visual-editing`, so the tool stops reporting "Unable to connect" and the page follows the
 * editor's changes.
 *
 * A page opened on its own, or framed or opened by any page but the Studio's (`studio-origin.ts`), is not
 * connected: the connection answers whoever asks, and would tell another site what the editor sees.
 */
import type { HistoryAdapter, HistoryRefresh } from '@sanity/visual-editing';
import { enableVisualEditing } from '@sanity/visual-editing';
import { isStudioOrigin, studioOriginsMeta } from './studio-origin.ts';

/**
 * Renders the page again on the server (the request carries the draft-mode cookie) and swaps in its
 * title and body. The overlay lives after `<body>`, so the swap keeps the connection to the Studio,
 * and Presentation's second refresh a second after each mutation (for a draft still being saved when
 * the first arrives) can run too; a full reload would drop it.
 */
let renders = 0;

async function rerender(): Promise<void> {
  const render = ++renders;
  const response = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The preview page answered ${response.status}.`);
  const html = await response.text();
  // Re-renders overlap while the editor types; an older one answering last would put back an older draft.
  if (render !== renders) return;
  const fresh = new DOMParser().parseFromString(html, 'text/html');
  document.title = fresh.title;
  document.body.replaceWith(document.adoptNode(fresh.body));
}

async function rerenderOrReload(): Promise<void> {
  try {
    await rerender();
  } catch (error) {
    console.error('Could not refresh the preview; reloading.', error);
    location.reload();
  }
}

/**
 * The Studio reports a mutation as soon as the editor types, but sends it to the Content Lake at most
 * once a second (a throttled commit), and later still from a busy machine or over a slow connection, so
 * both of Presentation's refreshes can still read the previous draft. More re-renders after the typing
 * stops, spaced out more and more, show what was saved last even when the save took a minute or two.
 */
const settleMs = [2_500, 6_000, 15_000, 30_000, 60_000, 120_000];
let settles: number[] = [];

function settleLater(): void {
  for (const settle of settles) clearTimeout(settle);
  settles = settleMs.map((ms) => window.setTimeout(() => void rerenderOrReload(), ms));
}

/** Mutations re-render in place; the tool's Refresh button keeps the library's default, a full reload. */
function refresh(payload: HistoryRefresh): false | Promise<void> {
  if (payload.source !== 'mutation') return false;
  settleLater();
  return rerenderOrReload();
}

/**
 * Every page of the preview is a page load of its own, so the page tells the tool where it is as soon as
 * it connects: the tool's address and its "Documents on this page" follow the editor's clicks. A page the
 * tool asks for (a location the editor picked) is loaded the same way.
 */
const history: HistoryAdapter = {
  subscribe(navigate) {
    navigate({ type: 'push', url: `${location.pathname}${location.search}`, title: document.title });
    return () => {};
  },
  update(update) {
    if (update.type === 'pop') window.history.back();
    else if (update.url !== `${location.pathname}${location.search}`) {
      if (update.type === 'replace') location.replace(update.url);
      else location.assign(update.url);
    }
  },
};

const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : undefined);

/** The origin of the page that frames this one (or opened it), as far as the browser tells. */
function embedderOrigin(): string | undefined {
  if (window.self !== window.top) return location.ancestorOrigins?.[0] ?? originOf(document.referrer);
  return window.opener ? originOf(document.referrer) : undefined;
}

// Visual editing answers whoever frames or opens the page: connect it only to the Studio the server names.
const studioOrigins = document.querySelector<HTMLMetaElement>(`meta[name="${studioOriginsMeta}"]`)?.content.split(' ') ?? [];
const embedder = embedderOrigin();
if (embedder !== undefined && isStudioOrigin(embedder, studioOrigins)) {
  enableVisualEditing({ refresh, history });
  // The tool also reloads the page when the editor moves into a field. A save still on its way lands
  // after that reload, and the mutation it belongs to was reported to the page before: no refresh follows.
  settleLater();
}
