/**
 * The built Studio in headless Chromium, talking to the Content Lake stand-in. The Studio's own
 * account endpoints (who is signed in, the project, access grants, features, announcements) are answered here
 * with a signed-in administrator (or editor); its data requests (`/data/query`, `/data/doc`,
 * `/data/mutate`, `/data/actions`) go to the stand-in; image requests go to the stand-in's image files.
 * Nothing leaves the machine. The listener and image uploads go to the stand-in straight from the page
 * (`directToStandIn`), signed in with the `sanitySession` cookie a Sanity login leaves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { contentTypeOf } from '../../../site/lib/mime-types.ts';
import { launchBrowser } from '../../../scripts/chromium.ts';
import { buildCacheFolder, withBuildLock } from '../../support/build-cache.ts';
import type { ContentLakeStandIn } from '../../support/content-lake-stand-in.ts';
import { listenOnLoopback } from '../../../scripts/local-server.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds the Studio into `outDir` with the given `SANITY_STUDIO_*` settings, as `npm run studio:build` does.
 * `NODE_ENV` is set because Vitest sets it to `test`, and a build that inherits it bundles React's
 * development build: its checks made the Studio's scripts in Chromium take 1.6 times as long as in the
 * Studio editors get.
 */
export function buildStudio(outDir: string, settings: Record<string, string>): void {
  execFileSync(process.execPath, [join(root, 'node_modules/sanity/bin/sanity'), 'build', outDir, '--yes'], {
    cwd: join(root, 'studio'),
    stdio: 'pipe',
    env: { ...process.env, ...settings, NODE_ENV: 'production', DO_NOT_TRACK: '1', NO_COLOR: '1' },
  });
}

/**
 * The addresses the shared test Studio is built with; `openStudio` serves it with the addresses of the
 * servers a test started in their place, so one build serves every Studio test.
 */
const placeholders = {
  SANITY_STUDIO_PROJECT_ID: 'standin',
  SANITY_STUDIO_SITE_URL: 'https://site.studio-test.invalid',
  SANITY_STUDIO_PREVIEW_URL: 'https://preview.studio-test.invalid',
} as const;

/**
 * The Studio built for tests (project `standin`, with a site and a preview address to fill in when served),
 * built once for each version of the Studio's sources, its schemas and this file (which says how it is built), and
 * kept in `node_modules/.cache`.
 */
export async function testStudio(): Promise<string> {
  const dist = buildCacheFolder('mca-test-studio', ['studio', 'schemas', 'package-lock.json', 'tests/studio/support/studio-browser.ts']);
  const built = () => existsSync(join(dist, 'index.html'));
  if (built()) return dist;
  await withBuildLock('test-studio', () => {
    if (built()) return;
    const building = `${dist}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    buildStudio(building, placeholders);
    rmSync(dist, { recursive: true, force: true });
    renameSync(building, dist);
  });
  return dist;
}

/** The addresses a served test Studio uses for the site and the preview server. */
export interface StudioAddresses {
  siteUrl?: string;
  previewUrl?: string;
}

/**
 * Serves a built Studio: a file when there is one, else `index.html` (the Studio routes in the browser).
 * `addresses` is read on each request, so servers that need the Studio's own address can start after it.
 */
async function serveStudio(dist: string, addresses: () => StudioAddresses) {
  const server = createServer((request, response) => {
    const { siteUrl = 'https://www.example.org', previewUrl = 'http://127.0.0.1:9' } = addresses();
    const replacements: [string, string][] = [
      [placeholders.SANITY_STUDIO_SITE_URL, siteUrl],
      [placeholders.SANITY_STUDIO_PREVIEW_URL, previewUrl],
    ];
    const path = normalize(join(dist, decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)));
    const file = path.startsWith(dist) && existsSync(path) && extname(path) !== '' ? path : join(dist, 'index.html');
    const type = contentTypeOf(file);
    let body = readFileSync(file);
    if (/javascript|html/.test(type)) {
      let text = body.toString('utf8');
      for (const [placeholder, address] of replacements) text = text.replaceAll(placeholder, address);
      body = Buffer.from(text);
    }
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  });
  return listenOnLoopback(server);
}

/** The signed-in user: an administrator, or an editor (who does not get the Vision tool). */
export type StudioRole = 'administrator' | 'editor';

const userWith = (role: StudioRole, id: string) => ({
  id,
  name: 'Dana Editor',
  email: 'editor@example.org',
  role,
  roles: [{ name: role, title: role === 'administrator' ? 'Administrator' : 'Editor' }],
  provider: 'sanity',
});

const ok = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

async function answer(route: Route, lake: ContentLakeStandIn, role: StudioRole): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const path = url.pathname;
  if (url.host === `${lake.projectId}.api.sanity.io`) {
    if (path.endsWith('/check/cors')) return route.fulfill(ok({ result: { allowed: true, withCredentials: true } }));
    if (path.endsWith('/users/me')) return route.fulfill(ok(userWith(role, lake.identity)));
    if (/\/data\/(query|doc|mutate|actions)\//.test(path)) {
      const body = request.postDataBuffer();
      const response = await route.fetch({
        url: `${lake.url}${path}${url.search}`,
        ...(body ? { postData: body } : {}),
        headers: { ...request.headers(), authorization: `Bearer ${lake.writeToken}`, 'x-sanity-project-id': lake.projectId },
      });
      return route.fulfill({ response });
    }
    if (path.endsWith('/acl')) {
      return route.fulfill(ok([{ filter: '_id in path("**")', permissions: ['read', 'update', 'create', 'history'] }]));
    }
    if (path.includes('/schedules/')) return route.fulfill(ok({ schedules: [] }));
    if (path.endsWith('/user-applications') || path.includes('/keyvalue/') || path.endsWith('/datasets')) return route.fulfill(ok([]));
    if (/\/projects\/[^/]+$/.test(path)) {
      return route.fulfill(
        ok({
          id: lake.projectId,
          displayName: 'MCA',
          metadata: {},
          isBlocked: false,
          isDisabled: false,
          isDisabledByUser: false,
          members: [],
        }),
      );
    }
    if (path.includes('/journey/') || path.endsWith('/ping')) return route.fulfill(ok({}));
    // A project on no paid plan, with no add-on features; a refusal here the Studio would ask again on
    // every form it opens.
    if (path.endsWith('/features')) return route.fulfill(ok([]));
    if (path.endsWith('/intake/telemetry-status')) return route.fulfill(ok({ status: 'denied' }));
  }
  if (url.host === 'cdn.sanity.io' && path.startsWith('/images/')) {
    return route.fulfill({ response: await route.fetch({ url: `${lake.url}${path}` }) });
  }
  return route.abort();
}

export interface OpenStudio {
  /** Where the Studio is served: its origin. */
  url: string;
  page: Page;
  /**
   * Opens a Studio path such as `/structure/staff` and waits for `text` to show: the first time by loading
   * the page, then by moving the loaded Studio there, as an editor clicking through it does.
   */
  goto(path: string, text: string): Promise<void>;
  /** Opens a Studio path as `goto` does, without waiting for anything to show. */
  visit(path: string): Promise<void>;
  /** Uncaught errors in the page so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Sends the page's listener connections (`https://<project>.api.sanity.io/…/data/listen/…`) and image uploads
 * (`…/assets/images/…`) to the stand-in directly: Chromium's request interception can neither stream a
 * response nor read a file body. Listeners use the browser's `EventSource`, or a polyfill that streams
 * through `fetch` when `@sanity/client` sends headers; uploads use `XMLHttpRequest`.
 */
function directToStandIn({ apiOrigin, standIn }: { apiOrigin: string; standIn: readonly string[] }): void {
  let next = 0;
  const redirect = (address: string) => {
    if (!address.startsWith(apiOrigin) || !/\/(data\/listen|assets\/images)\//.test(address)) return address;
    // Spread over the stand-in's ports: a browser opens at most six connections to each.
    next = (next + 1) % standIn.length;
    return standIn[next] + address.slice(apiOrigin.length);
  };
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(redirect(String(url)), init);
    }
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init) =>
    typeof input === 'string' || input instanceof URL ? nativeFetch(redirect(String(input)), init) : nativeFetch(input, init);
  const open = XMLHttpRequest.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    open.call(this, method, redirect(String(url)), ...rest);
  } as typeof XMLHttpRequest.prototype.open;
}

/**
 * Moves the loaded Studio to `path` as its own links do: a history entry in the shape of the `history`
 * package the Studio's router listens to, then the `popstate` event it reacts to. Loading the page again
 * would parse the whole Studio again (megabytes of JavaScript, Chromium's cache being off while requests
 * are intercepted) and redo its sign-in and setup requests.
 */
function navigateInStudio(path: string): void {
  const idx = ((window.history.state as { idx?: number } | null)?.idx ?? 0) + 1;
  const state = { usr: null, key: Math.random().toString(36).slice(2, 10), idx };
  window.history.pushState(state, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state }));
}

/**
 * Opens a built Studio (`await testStudio()`) against `lake` in Chromium, signed in as an administrator unless
 * `role` says otherwise, with the site and the preview server at `addresses`.
 */
export async function openStudio(
  dist: string,
  lake: ContentLakeStandIn,
  role: StudioRole = 'administrator',
  addresses: StudioAddresses | (() => StudioAddresses) = {},
): Promise<OpenStudio> {
  const server = await serveStudio(dist, typeof addresses === 'function' ? addresses : () => addresses);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'sanitySession', value: lake.writeToken, url: lake.url }]);
    await context.addInitScript(directToStandIn, { apiOrigin: `https://${lake.projectId}.api.sanity.io`, standIn: lake.urls });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // A request the stand-in drops (a reset connection on a loaded machine) fails in the page, as it would
    // on the network, instead of failing the test run as an unhandled rejection.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
      answer(route, lake, role).catch(() => route.abort('connectionreset').catch(() => {})),
    );
    let loaded = false;
    const visit = async (path: string) => {
      if (loaded) await page.evaluate(navigateInStudio, path);
      else await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      loaded = true;
    };
    const opened = browser;
    return {
      url: server.url,
      page,
      errors,
      visit,
      async goto(path, text) {
        await visit(path);
        await page.getByText(text, { exact: false }).first().waitFor({ timeout: 120_000 });
      },
      async close() {
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

/**
 * Types `text` into a form field once the form shows what is stored (`saved()`), and waits until the
 * Content Lake has it. On a busy machine the Studio may still be setting up the form when typing starts
 * and put the loaded value back; an editor would see that and type again, and so does this.
 */
export async function typeUntilSaved(input: Locator, text: string, saved: () => unknown): Promise<void> {
  await expect.poll(() => input.inputValue()).toBe(String(saved() ?? ''));
  await expect
    .poll(
      async () => {
        if ((await input.inputValue()) !== text) await input.fill(text);
        return saved();
      },
      { timeout: 120_000, interval: 250 },
    )
    .toBe(text);
}

/** The heading of the page the Presentation tool shows from the preview server at `previewUrl` (`null` while none). */
export function previewHeading(page: Page, previewUrl: string): () => Promise<string | null> {
  const frame = page.frameLocator(`iframe[src^="${previewUrl}"]`);
  return () =>
    frame
      .locator('h1')
      .first()
      .textContent({ timeout: 5_000 })
      .catch(() => null);
}
