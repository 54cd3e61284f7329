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

/** An SVG opened on its own cannot run script, load anything or reach the site's origin. */
export const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** The `content` of a page's `<meta http-equiv="Content-Security-Policy">`, if it has one. */
export function metaPolicyOf(html: string): string | undefined {
  const end = html.search(/<\/head>/i);
  const head = end === -1 ? html.slice(0, 65_536) : html.slice(0, end);
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value !== undefined) {
      return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
  }
  return undefined;
}

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
    const policy = metaPolicyOf(bytes.toString('utf8'));
    headers['content-security-policy'] = policy ? `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'` : "frame-ancestors 'none'";
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
