import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { contentTypeOf } from '../../site/lib/content-types.ts';

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    // missing: answered as 404 below
  }
  return undefined;
}

/**
 * Serves the live release (or any built site folder) as a static site: directory URLs answer their `index.html`,
 * anything missing the site's `404.html`. The live link is resolved on every request, so a flip to a new
 * release is seen at once and a request is served wholly from one release.
 */
export function createStaticHandler(liveLink: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed\n', { status: 405 });
    let root: string;
    try {
      root = await realpath(liveLink);
    } catch {
      return new Response('No release is live yet.\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('Bad request\n', { status: 400 });
    }
    const requested = join(root, pathname);
    const inside = requested === root || requested.startsWith(root + sep);
    const file = inside ? await fileAt(requested) : undefined;
    const found = file ?? (await fileAt(join(root, '404.html')));
    if (!found) return new Response('Not found\n', { status: 404 });
    const body = request.method === 'HEAD' ? null : await readFile(found);
    return new Response(body, {
      status: file ? 200 : 404,
      headers: {
        'content-type': contentTypeOf(found),
        'cache-control': 'no-cache',
      },
    });
  };
}
