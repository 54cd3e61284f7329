import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/local-server.ts';
import { createStaticHandler, filePolicy, type StaticSite, scriptPolicy } from '../../scripts/server/static-files.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>${title}</title></head><body>${title}</body></html>`;

describe('the static file handler that serves a release', () => {
  let handle: StaticSite;
  const answered: Response[] = [];
  const get = async (path: string, method = 'GET', headers: Record<string, string> = {}) => {
    const response = await handle(new Request(`http://127.0.0.1${path}`, { method, headers }));
    answered.push(response);
    return response;
  };
  // A body no test read still holds its file open: the server's own answers are always sent or cancelled.
  afterEach(async () => {
    await Promise.all(answered.splice(0).map((response) => (response.bodyUsed ? undefined : response.body?.cancel())));
  });
  const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
  // Pagefind's page table as Pagefind writes it: gzip of its signature and the data.
  const pageTable = gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from('en_0123abc '.repeat(2000))]));

  beforeAll(async () => {
    const folder = makeTempDir('mca-static-');
    const site = join(folder, 'site');
    mkdirSync(join(site, 'articles'), { recursive: true });
    writeFileSync(join(site, 'index.html'), page('Home'));
    writeFileSync(join(site, 'articles', 'index.html'), page('Articles'));
    writeFileSync(join(site, '404.html'), page('Not found'));
    writeFileSync(join(site, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    writeFileSync(join(folder, 'secret.txt'), 'the raw dataset');
    mkdirSync(join(folder, 'private'));
    writeFileSync(join(folder, 'private', 'index.html'), 'private notes');
    symlinkSync(join(folder, 'secret.txt'), join(site, 'linked.txt'));
    symlinkSync(join(folder, 'private'), join(site, 'linked-folder'));
    writeFileSync(join(site, 'long.html'), page('Recovery '.repeat(500)));
    mkdirSync(join(site, '_astro'));
    writeFileSync(join(site, '_astro', 'BaseLayout.abc123.css'), 'main { margin: 0 auto; }\n'.repeat(100));
    mkdirSync(join(site, 'pagefind'));
    writeFileSync(join(site, 'pagefind', 'pagefind.en_1234567.pf_meta'), pageTable);
    writeFileSync(join(site, 'photo.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(site, 'redirects.json'), JSON.stringify({ '/articles/old-name/': '/articles/new-name/' }));
    mkdirSync(join(site, 'media'));
    writeFileSync(
      join(site, 'media', 'staff.xml'),
      '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(document.domain)</script></html>',
    );
    writeFileSync(join(site, '_astro', 'search.abc123.js'), 'console.log("search");\n'.repeat(100));
    handle = createStaticHandler(site);
    await handle.compressLive();
    // A text file added by hand once the release's copies were made: sent as it is.
    writeFileSync(join(site, 'late.txt'), 'written after the build '.repeat(200));
  });

  it('answers a directory URL with its index.html, with the page’s own policy and the security headers', async () => {
    const response = await get('/articles/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Articles');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('/', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('answers a missing page with the site’s 404 page and status 404', async () => {
    const response = await get('/no-such-page/');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Not found');
  });

  it('never serves a file outside the release, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e%2fsecret.txt', '/articles/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('the raw dataset');
    }
  });

  it('serves an SVG under a sandbox, so a script in it cannot run on the site’s origin', async () => {
    const response = await get('/logo.svg');
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy.split(/;\s*/)).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'"]));
  });

  it('answers an old article URL with 301 to the article’s current URL, with or without the slash', async () => {
    for (const path of ['/articles/old-name/', '/articles/old-name']) {
      const response = await get(path);
      expect(response.status, path).toBe(301);
      expect(response.headers.get('location'), path).toBe('/articles/new-name/');
    }
    expect((await get('/articles/')).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('sends pages Brotli-compressed to a browser that takes Brotli, gzipped to one that takes only gzip', async () => {
    const original = await bodyOf(await get('/long.html'));
    const brotli = await get('/long.html', 'GET', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toBe('accept-encoding');
    const brotliBody = await bodyOf(brotli);
    expect(brotliBody.length).toBeLessThan(original.length / 10);
    expect(brotliDecompressSync(brotliBody)).toEqual(original);
    const gzip = await get('/long.html', 'GET', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bodyOf(gzip))).toEqual(original);
    const plain = await get('/long.html', 'GET', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await bodyOf(plain)).toEqual(original);
  });

  it('sends Pagefind’s index decompressed under Brotli, which the browser unpacks for Pagefind, and its own gzip file otherwise', async () => {
    const path = '/pagefind/pagefind.en_1234567.pf_meta';
    const brotli = await get(path, 'GET', { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    const brotliBody = await bodyOf(brotli);
    expect(brotliBody.length).toBeLessThan(pageTable.length);
    expect(brotliDecompressSync(brotliBody)).toEqual(gunzipSync(pageTable));
    const gzipOnly = await get(path, 'GET', { 'accept-encoding': 'gzip' });
    expect(gzipOnly.headers.get('content-encoding')).toBeNull();
    expect(await bodyOf(gzipOnly)).toEqual(pageTable);
  });

  it('sends every file that is not a page under a sandbox with nosniff, so a script in it cannot run on the site’s origin', async () => {
    for (const path of ['/media/staff.xml', '/photo.png', '/_astro/BaseLayout.abc123.css', '/late.txt']) {
      const response = await get(path);
      expect(response.headers.get('content-security-policy'), path).toBe(filePolicy);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(filePolicy).toBe("default-src 'none'; sandbox");
    // A script's policy is its worker's (Pagefind's search worker): the site's own origin only.
    expect((await get('/_astro/search.abc123.js')).headers.get('content-security-policy')).toBe(scriptPolicy);
  });

  it('compresses nothing at request time: a text file added after the copies were made goes out as it is', async () => {
    const response = await get('/late.txt', 'GET', { 'accept-encoding': 'br, gzip' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await bodyOf(response)).toString()).toBe('written after the build '.repeat(200));
  });

  it('sends images as they are', async () => {
    const response = await get('/photo.png', 'GET', { 'accept-encoding': 'br, gzip' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await bodyOf(response)).length).toBe(4096);
  });

  it('lets the browser keep fingerprinted files and revalidate the rest with their ETag', async () => {
    expect((await get('/_astro/BaseLayout.abc123.css')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/pagefind/pagefind.en_1234567.pf_meta')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const first = await get('/articles/');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await get('/articles/', 'GET', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/', 'GET', { 'if-none-match': etag })).status).toBe(200);
  });

  it('does not follow a symbolic link in the release to a file or folder outside it', async () => {
    for (const path of ['/linked.txt', '/linked-folder/', '/linked-folder/index.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toMatch(/raw dataset|private notes/);
    }
  });
});

describe('old article URLs of a site built under a base path', () => {
  it('answer 301 to the current URL, base path included, when the site is served under its base path', async () => {
    // The listing as the build writes it for a GitHub Pages project site (`articleRedirects` with SITE_URL
    // under /mca-site/): the old path without the base path, the current URL with it.
    const listing = JSON.stringify({ '/es/articles/luces-de-puerto/': '/mca-site/es/articles/luces-del-puerto/' });
    const site = makeTempDir('mca-static-base-');
    writeFileSync(join(site, 'redirects.json'), listing);
    writeFileSync(join(site, '404.html'), page('Not found'));
    const served = await serveStatic(site, { basePath: '/mca-site/' });
    try {
      const response = await fetch(`${served.url}/mca-site/es/articles/luces-de-puerto/`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/mca-site/es/articles/luces-del-puerto/');
    } finally {
      await served.close();
    }
  });
});
