import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler, svgPolicy } from '../../scripts/server/static-files.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>${title}</title></head><body>${title}</body></html>`;

describe('the static file handler that serves a release', () => {
  let handle: (request: Request) => Promise<Response>;
  const get = (path: string, method = 'GET') => handle(new Request(`http://127.0.0.1${path}`, { method }));

  beforeAll(() => {
    const folder = makeTempDir('mca-static-');
    const site = join(folder, 'site');
    mkdirSync(join(site, 'articles'), { recursive: true });
    writeFileSync(join(site, 'index.html'), page('Home'));
    writeFileSync(join(site, 'articles', 'index.html'), page('Articles'));
    writeFileSync(join(site, '404.html'), page('Not found'));
    writeFileSync(join(site, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    writeFileSync(join(folder, 'secret.txt'), 'the raw dataset');
    handle = createStaticHandler(site);
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
    expect(response.headers.get('content-security-policy')).toBe(svgPolicy);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });
});
