/**
 * How the static site is compressed on the way out: Brotli where the browser takes it, else gzip, for text
 * and for Pagefind's index files. Each result is kept (by file and version), so a file is compressed once
 * per release, not once per visitor.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The encoding to answer with, from the request's `Accept-Encoding`: Brotli, then gzip, unless the client
 * refuses it (`;q=0`); none when it names neither (not even through `*`).
 */
export function acceptedEncoding(header: string | null): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((name) => weightOf(name) > 0);
}

/** What a file is, for compression: text, or one of Pagefind's own gzip files. Anything else is sent as it is. */
export type Compressible = 'text' | 'pagefind';

const textType = /^(text\/|application\/(javascript|json|xml|rss\+xml|manifest\+json)|image\/svg\+xml)/;
/** Pagefind's index (`.pf_meta`, `.pf_index`, `.pf_fragment`, `.pf_filter`) and its WebAssembly (`wasm.<lang>.pagefind`). */
const pagefindFile = /\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/;

export function compressionKind(fileName: string, contentType: string): Compressible | undefined {
  if (textType.test(contentType)) return 'text';
  if (pagefindFile.test(fileName)) return 'pagefind';
  return undefined;
}

/** Pagefind's decompressed files start with this; its script takes them as they are (`decompress` in `pagefind.js`). */
const pagefindSignature = Buffer.from('pagefind_dcd');

/**
 * Pagefind writes its files gzipped (level 9) and decompresses them in the browser itself. Decompressed and
 * sent with Brotli instead, they are a third smaller (the page table of a 10,000-article site: 99 kB → 65 kB),
 * and the browser hands Pagefind the decompressed bytes, which it reads by their signature. Anything that is
 * not such a file is left alone.
 */
async function pagefindPayload(bytes: Buffer): Promise<Buffer | undefined> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return undefined;
  try {
    const payload = await gunzipAsync(bytes);
    return payload.subarray(0, pagefindSignature.length).equals(pagefindSignature) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brotli's best quality for Pagefind's files: every search fetches them, the same for every visitor, and it
 * makes the page table a fifth smaller than quality 6 does, for about 0.2 s per 200 kB, once per file and
 * release. Pages, styles and scripts get quality 6: within 15 % of the best at a thirtieth of the time
 * (0.4 ms for an article page against 15 ms), so a crawler walking every page costs the server little.
 */
const bestQualityBytes = 512 * 1024;
const quality = (bytes: Buffer, kind: Compressible) =>
  kind === 'pagefind' && bytes.length <= bestQualityBytes ? constants.BROTLI_MAX_QUALITY : 6;

async function encode(bytes: Buffer, kind: Compressible, encoding: Encoding): Promise<Buffer | undefined> {
  if (kind === 'pagefind') {
    // A client without Brotli gets Pagefind's own gzip file, which Pagefind unpacks itself.
    if (encoding === 'gzip') return undefined;
    const payload = await pagefindPayload(bytes);
    if (!payload) return undefined;
    bytes = payload;
  }
  const encoded =
    encoding === 'br'
      ? await brotli(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: quality(bytes, kind),
            [constants.BROTLI_PARAM_MODE]: kind === 'text' ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        })
      : await gzipAsync(bytes, { level: 9 });
  return encoded.length < bytes.length ? encoded : undefined;
}

export interface Compressor {
  /**
   * `bytes` (the file at `key`, in the version `version`) encoded with `encoding`, or `undefined` when it is
   * better sent as it is. Concurrent requests for the same file share one compression.
   */
  compress(key: string, version: string, bytes: Buffer, kind: Compressible, encoding: Encoding): Promise<Buffer | undefined>;
}

/** A compressor that keeps up to `maxBytes` of results, dropping the least recently used first. */
export function createCompressor(maxBytes = 64 * 1024 * 1024): Compressor {
  const kept = new Map<string, { version: string; body: Promise<Buffer | undefined>; bytes: number }>();
  let keptBytes = 0;
  const forget = (entryKey: string) => {
    const entry = kept.get(entryKey);
    if (!entry) return;
    keptBytes -= entry.bytes;
    kept.delete(entryKey);
  };
  return {
    compress(key, version, bytes, kind, encoding) {
      const entryKey = `${encoding}\0${key}`;
      const entry = kept.get(entryKey);
      if (entry?.version === version) {
        // Most recently used goes last.
        kept.delete(entryKey);
        kept.set(entryKey, entry);
        return entry.body;
      }
      forget(entryKey);
      const body = encode(bytes, kind, encoding);
      const added = { version, body, bytes: 0 };
      kept.set(entryKey, added);
      body.then(
        (encoded) => {
          if (kept.get(entryKey) !== added) return;
          added.bytes = encoded?.length ?? 0;
          keptBytes += added.bytes;
          for (const oldest of kept.keys()) {
            if (keptBytes <= maxBytes) break;
            forget(oldest);
          }
        },
        () => forget(entryKey),
      );
      return body;
    },
  };
}
