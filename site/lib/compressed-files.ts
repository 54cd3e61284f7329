/**
 * Which files of a built site are sent compressed, and where their compressed copies are: `<file>.br` and
 * `<file>.gz` beside each text file, written by the build (`site/integrations/precompress.ts`) and served by
 * the centre's server (`scripts/server/static-files.ts`) to a browser that takes them.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

export type Encoding = 'br' | 'gzip';

/** The name of a file's copy in an encoding. */
export const encodedSuffix: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * What a file is, for compression: `text` (pages, styles, scripts, feeds, SVG) gets a Brotli and a gzip
 * copy; `pagefind`, one of Pagefind's own gzip files, a Brotli copy of what it holds (a client without
 * Brotli is sent Pagefind's file, which Pagefind unpacks itself). Anything else is sent as it is.
 */
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
const gunzipAsync = promisify(gunzip);

/** What one of Pagefind's gzip files holds, or `undefined` for a file that is not one. */
export async function pagefindPayload(bytes: Buffer): Promise<Buffer | undefined> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return undefined;
  try {
    const payload = await gunzipAsync(bytes);
    return payload.subarray(0, pagefindSignature.length).equals(pagefindSignature) ? payload : undefined;
  } catch {
    return undefined;
  }
}
