/**
 * The built Studio in headless Chromium, talking to the Content Lake stand-in. The Studio's own
 * account endpoints (who is signed in, the project, access grants, announcements) are answered here
 * with a signed-in administrator (or editor); its data requests (`/data/query`, `/data/doc`, `/data/mutate`,
 * `/data/actions`) go to the stand-in; image requests go to the stand-in's image folder. Nothing
 * leaves the machine. The live listener only says welcome and hangs up, so the Studio shows "Trying
 * to connect…" and keeps document actions disabled; everything else an editor sees renders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Route } from 'playwright-core';
import { contentTypeOf } from '../../../site/lib/mime-types.ts';
import { launchBrowser } from '../../../scripts/chromium.ts';
import type { ContentLakeStandIn } from '../../support/content-lake-stand-in.ts';
import { listenOnLoopback } from '../../../scripts/local-server.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the Studio into `outDir` with the given `SANITY_STUDIO_*` settings. */
export function buildStudio(outDir: string, settings: Record<string, string>): void {
  execFileSync(process.execPath, [join(root, 'node_modules/sanity/bin/sanity'), 'build', outDir, '--yes'], {
    cwd: join(root, 'studio'),
    stdio: 'pipe',
    env: { ...process.env, ...settings, DO_NOT_TRACK: '1', NO_COLOR: '1' },
  });
}

/** Serves a built Studio: a file when there is one, else `index.html` (the Studio routes in the browser). */
async function serveStudio(dist: string) {
  const server = createServer((request, response) => {
    const path = normalize(join(dist, decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)));
    const file = path.startsWith(dist) && existsSync(path) && extname(path) !== '' ? path : join(dist, 'index.html');
    response.writeHead(200, { 'content-type': contentTypeOf(file) });
    response.end(readFileSync(file));
  });
  return listenOnLoopback(server);
}

/** The signed-in user: an administrator, or an editor (who does not get the Vision tool). */
export type StudioRole = 'administrator' | 'editor';

const userWith = (role: StudioRole) => ({
  id: 'p-editor',
  name: 'Dana Editor',
  email: 'editor@example.org',
  role,
  roles: [{ name: role, title: role === 'administrator' ? 'Administrator' : 'Editor' }],
  provider: 'sanity',
});

const ok = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

/** groq-js has no `text::query()`; an empty list search matches every document anyway. */
const withoutTextSearch = (query: string) =>
  query.replace(/\(\[@, _id\] match text::query\(\$__query\) \|\| references\(\$__rawQuery\)\)/g, 'true');

async function answer(route: Route, lake: ContentLakeStandIn, role: StudioRole): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const path = url.pathname;
  if (url.host === `${lake.projectId}.api.sanity.io`) {
    if (path.endsWith('/check/cors')) return route.fulfill(ok({ result: { allowed: true, withCredentials: true } }));
    if (path.endsWith('/users/me')) return route.fulfill(ok(userWith(role)));
    if (/\/data\/(query|doc|mutate|actions)\//.test(path)) {
      const search = new URLSearchParams(url.search);
      const query = search.get('query');
      if (query !== null) search.set('query', withoutTextSearch(query));
      const body = request.postData();
      const response = await route.fetch({
        url: `${lake.url}${path}?${search}`,
        ...(body ? { postData: withoutTextSearch(body) } : {}),
        headers: { ...request.headers(), authorization: `Bearer ${lake.writeToken}`, 'x-sanity-project-id': lake.projectId },
      });
      return route.fulfill({ response });
    }
    if (path.includes('/data/listen/')) {
      // One welcome, then the stream ends: lists load; the Studio keeps trying to reconnect.
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'event: welcome\ndata: {"listenerName":"stand-in"}\n\n' });
    }
    if (path.endsWith('/acl')) {
      return route.fulfill(ok([{ filter: '_id in path("**")', permissions: ['read', 'update', 'create', 'history'] }]));
    }
    if (path.includes('/schedules/')) return route.fulfill(ok({ schedules: [] }));
    if (path.endsWith('/user-applications') || path.includes('/keyvalue/') || path.endsWith('/datasets')) return route.fulfill(ok([]));
    if (/\/projects\/[^/]+$/.test(path)) {
      return route.fulfill(
        ok({ id: lake.projectId, displayName: 'MCA', metadata: {}, isBlocked: false, isDisabled: false, isDisabledByUser: false, members: [] }),
      );
    }
    if (path.includes('/journey/') || path.endsWith('/ping')) return route.fulfill(ok({}));
  }
  if (url.host === 'cdn.sanity.io' && path.startsWith('/images/')) {
    return route.fulfill({ response: await route.fetch({ url: `${lake.url}${path}` }) });
  }
  return route.abort();
}

export interface OpenStudio {
  page: Page;
  /** Opens a Studio path such as `/structure/staff` and waits for `text` to show. */
  goto(path: string, text: string): Promise<void>;
  /** Uncaught errors in the page so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the Studio built in `dist` against `lake`, signed in as an administrator unless `role` says otherwise. */
export async function openStudio(dist: string, lake: ContentLakeStandIn, role: StudioRole = 'administrator'): Promise<OpenStudio> {
  const server = await serveStudio(dist);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => answer(route, lake, role));
    const opened = browser;
    return {
      page,
      errors,
      async goto(path, text) {
        await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
        await page.getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 });
      },
      async close() {
        // Requests still being answered when the browser closes must not fail the run.
        await page.unrouteAll({ behavior: 'ignoreErrors' });
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
