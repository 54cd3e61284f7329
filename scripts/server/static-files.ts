import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { contentTypeOf } from '../../site/lib/mime-types.ts';
import { headerPolicyFromHtml } from '../../site/lib/csp.ts';
import { acceptedEncoding, compressionKind, createCompressor } from './compression.ts';

/** The file at `path`, only when its real path is inside `root`: a symbolic link out of the release is not followed. */
async function fileAt(root: string, path: string): Promise<{ path: string; info: Stats } | undefined> {
  try {
    const real = await realpath(path);
    if (real !== root && !real.startsWith(root + sep)) return undefined;
    const info = await stat(real);
    if (info.isFile()) return { path: real, info };
    if (info.isDirectory()) return fileAt(root, join(real, 'index.html'));
  } catch {
    // missing: answered as 404 below
  }
  return undefined;
}

/**
 * Files whose name changes with their content (Astro's bundles, Pagefind's index, its page table): a
 * browser may keep them for a year without asking again. Everything else is checked on each use (`ETag`).
 */
const fingerprinted = /^(_astro\/|pagefind\/(fragment|index|filter)\/|pagefind\/pagefind\.[^/]+\.pf_meta$)/;

/** Changes whenever the file does: a release is a new folder of new files. */
const etagOf = (info: Stats) => `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}-${info.ino.toString(16)}"`;

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
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
 * The old article URLs of a release and where they went (`redirects.json`, written by the build), read once
 * per release: a release never changes once live.
 */
function redirectsOf(): (root: string) => Promise<Map<string, string>> {
  let cached: { root: string; map: Promise<Map<string, string>> } | undefined;
  return (root) => {
    if (cached?.root !== root) {
      const map = readFile(join(root, 'redirects.json'), 'utf8').then(
        (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
        () => new Map<string, string>(),
      );
      cached = { root, map };
    }
    return cached.map;
  };
}

/**
 * Serves the live release (or any built site folder) as a static site: directory URLs answer their `index.html`,
 * anything missing the site's `404.html`. The live link is resolved on every request, so a flip to a new
 * release is seen at once and a request is served wholly from one release. Text and Pagefind's index go out
 * compressed (`compression.ts`); every file has an `ETag`, and fingerprinted ones may be cached for good.
 */
export function createStaticHandler(liveLink: string): (request: Request) => Promise<Response> {
  const compressor = createCompressor();
  const redirects = redirectsOf();
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
    const movedTo = (await redirects(root)).get(pathname.endsWith('/') ? pathname : `${pathname}/`);
    if (movedTo) {
      return new Response(null, { status: 301, headers: { location: movedTo, 'cache-control': 'no-cache' } });
    }
    const requested = join(root, pathname);
    const inside = requested === root || requested.startsWith(root + sep);
    const file = inside ? await fileAt(root, requested) : undefined;
    const found = file ?? (await fileAt(root, join(root, '404.html')));
    if (!found) return new Response('Not found\n', { status: 404 });
    const type = contentTypeOf(found.path);
    const kind = compressionKind(found.path, type);
    const etag = etagOf(found.info);
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': file && fingerprinted.test(relative(root, found.path).split(sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      ...(kind ? { vary: 'accept-encoding' } : {}),
    };
    const bytes = await readFile(found.path);
    Object.assign(headers, securityHeaders(found.path, bytes));
    if (file && matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    const encoding = kind ? acceptedEncoding(request.headers.get('accept-encoding')) : undefined;
    const encoded = kind && encoding ? await compressor.compress(found.path, etag, bytes, kind, encoding) : undefined;
    if (encoded && encoding) headers['content-encoding'] = encoding;
    const body = encoded ?? bytes;
    headers['content-length'] = String(body.length);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: file ? 200 : 404, headers });
  };
}
