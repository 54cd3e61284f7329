import type { Stats } from 'node:fs';
import { type FileHandle, open, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { contentTypeOf } from '../../site/lib/mime-types.ts';
import { headerPolicyFromHtml } from '../../site/lib/csp.ts';
import { type Encoding, compressionKind, encodedSuffix, releaseCompressor } from './compressed-copies.ts';

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

/**
 * The encodings to try, best first, from the request's `Accept-Encoding`: Brotli, then gzip, unless the
 * client refuses one (`;q=0`); neither when it names neither (not even through `*`).
 */
export function acceptedEncodings(header: string | null): Encoding[] {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((name) => weightOf(name) > 0);
}

/** An SVG opened on its own cannot run script, load anything or reach the site's origin. */
const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * Any other file that is not a page (an image, a feed, a stray `.html` renamed `.xml`): opened on its own
 * it is a sandboxed document that may load nothing, so even a file with a script in it cannot act on the
 * site's origin.
 */
export const filePolicy = "default-src 'none'; sandbox";

/**
 * A script's policy is the policy of any worker it starts (Pagefind's search worker fetches its index
 * and compiles its WebAssembly): nothing but the site's own origin. A script opened on its own is shown as
 * text, never run.
 */
export const scriptPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/** A page's `<meta>` policy is in its `<head>`: this much of the page is read for it. */
const pageHeadBytes = 64 * 1024;

/** Reads the first `length` bytes of a file (fewer when it is shorter). */
async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The headers every file gets: no MIME sniffing, the same referrer policy as the pages' meta, and a CSP.
 * A page gets the policy of its own `<meta>` (the build's, so header and meta never disagree) plus
 * `frame-ancestors 'none'`, which only a header can say; every other file a sandbox (scripts: the policy
 * of their workers).
 */
async function securityHeaders(path: string, type: string): Promise<Record<string, string>> {
  let policy = filePolicy;
  if (type.startsWith('text/html')) {
    policy = headerPolicyFromHtml((await readStart(path, pageHeadBytes)).toString('utf8')) ?? "frame-ancestors 'none'";
  } else if (type.startsWith('image/svg+xml')) policy = svgPolicy;
  else if (type.startsWith('text/javascript')) policy = scriptPolicy;
  return { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'content-security-policy': policy };
}

/** How much of a file is read at a time: a client is sent a chunk only when it has taken the last one. */
export const fileChunkBytes = 64 * 1024;

/** An open file's bytes as a web stream, read a chunk at a time as the reader asks for them; closed at the end or when cancelled. */
function fileStream(handle: FileHandle): ReadableStream<Uint8Array> {
  return new ReadableStream(
    {
      async pull(controller) {
        try {
          const buffer = new Uint8Array(fileChunkBytes);
          const { bytesRead } = await handle.read(buffer, 0, fileChunkBytes, null);
          if (bytesRead > 0) return controller.enqueue(buffer.subarray(0, bytesRead));
          await handle.close();
          controller.close();
        } catch (error) {
          await handle.close().catch(() => {});
          controller.error(error);
        }
      },
      cancel: () => handle.close(),
    },
    { highWaterMark: 0 },
  );
}

/** The copy of `path` to send: its `.br` or `.gz` beside it when the client takes that encoding and the copy is made. */
async function representation(
  root: string,
  path: string,
  info: Stats,
  encodings: Encoding[],
): Promise<{ path: string; size: number; encoding?: Encoding }> {
  for (const encoding of encodings) {
    const copy = await fileAt(root, `${path}${encodedSuffix[encoding]}`);
    if (copy) return { path: copy.path, size: copy.info.size, encoding };
  }
  return { path, size: info.size };
}

/**
 * The old article URLs of a release and where they went (`redirects.json`, written by the build), read once
 * per release: a release never changes once live. Keyed by the path inside the release, as requests reach
 * this handler (a site built under a base path is served with the base taken off); the targets keep it.
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
 * release is seen at once and a request is served wholly from one release. Files are streamed, a chunk
 * at a time (HEAD and 304 answers read none); text and Pagefind's index go out as their compressed copies
 * when the browser takes them and the copies are made (`compressed-copies.ts`: the first request a release
 * serves, or `compressLive()`, starts making them). Every file has an `ETag`, and fingerprinted ones may be
 * cached for good.
 */
export interface StaticSite {
  (request: Request): Promise<Response>;
  /** Starts making the live release's compressed copies, if it has not; resolves once they are made. */
  compressLive(): Promise<void>;
  /** Stops making copies (the server is stopping). */
  close(): Promise<void>;
}

export function createStaticHandler(liveLink: string, log?: (line: string) => void): StaticSite {
  const redirects = redirectsOf();
  const compressor = releaseCompressor(log);
  const handler = async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed\n', { status: 405 });
    let root: string;
    try {
      root = await realpath(liveLink);
    } catch {
      return new Response('No release is live yet.\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    compressor.follow(root);
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
      'cache-control':
        file && fingerprinted.test(relative(root, found.path).split(sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      ...(kind ? { vary: 'accept-encoding' } : {}),
      ...(await securityHeaders(found.path, type)),
    };
    if (file && matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    const sent = kind
      ? await representation(root, found.path, found.info, acceptedEncodings(request.headers.get('accept-encoding')))
      : { path: found.path, size: found.info.size };
    if (sent.encoding) headers['content-encoding'] = sent.encoding;
    headers['content-length'] = String(sent.size);
    const status = file ? 200 : 404;
    if (request.method === 'HEAD') return new Response(null, { status, headers });
    return new Response(fileStream(await open(sent.path, 'r')), { status, headers });
  };
  return Object.assign(handler, {
    async compressLive() {
      compressor.follow(await realpath(liveLink));
      await compressor.settled();
    },
    close: () => compressor.stop(),
  });
}
