import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { contentTypeOf } from '../../site/lib/content-types.ts';
import { headerPolicyFromHtml } from '../../site/lib/csp.ts';

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

/** An SVG opened on its own cannot run script, load anything or reach the site's origin. */
export const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * The headers every file gets: no MIME sniffing, the same referrer policy as the pages' meta, and a CSP.
 * A page gets the policy of its own `<meta>` (the build's, so header and meta never disagree) plus
 * `frame-ancestors 'none'`, which only a header can say; an SVG gets a sandbox.
 */
function securityHeaders(file: string, bytes: Buffer): Record<string, string> {
  const type = contentTypeOf(file);
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = headerPolicyFromHtml(bytes.toString('utf8')) ?? "frame-ancestors 'none'";
  } else if (type.startsWith('image/svg+xml')) {
    headers['content-security-policy'] = svgPolicy;
  }
  return headers;
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
    const bytes = await readFile(found);
    return new Response(request.method === 'HEAD' ? null : bytes, {
      status: file ? 200 : 404,
      headers: { 'content-type': contentTypeOf(found), 'cache-control': 'no-cache', ...securityHeaders(found, bytes) },
    });
  };
}
