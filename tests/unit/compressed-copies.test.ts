import { mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressRelease } from '../../scripts/server/compressed-copies.ts';
import { createStaticHandler } from '../../scripts/server/static-files.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const page = (words: string) => `<!doctype html><html lang="en"><head><title>Page</title></head><body>${words.repeat(300)}</body></html>`;

/** A release folder with one page per entry of `pages`. */
function release(parent: string, name: string, pages: Record<string, string>): string {
  const root = join(parent, name);
  for (const [path, words] of Object.entries(pages)) {
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(join(root, path, 'index.html'), page(words));
  }
  return root;
}

describe('the compressed copies of a release', () => {
  it('takes the release before’s copies for a page it holds unchanged, and compresses a changed page anew', async () => {
    const folder = makeTempDir('mca-copies-');
    const before = release(folder, 'before', { same: 'unchanged words ', changed: 'old words ' });
    const after = release(folder, 'after', { same: 'unchanged words ', changed: 'new words ' });
    expect(await compressRelease(before)).toEqual({ files: 2, reused: 0 });
    expect(await compressRelease(after, { previous: before })).toEqual({ files: 2, reused: 1 });
    // The unchanged page's copy is the same file as the release before's; the changed page's holds its new text.
    expect(statSync(join(after, 'same', 'index.html.br')).ino).toBe(statSync(join(before, 'same', 'index.html.br')).ino);
    expect(brotliDecompressSync(readFileSync(join(after, 'changed', 'index.html.br'))).toString()).toBe(page('new words '));
    expect(gunzipSync(readFileSync(join(after, 'changed', 'index.html.gz'))).toString()).toBe(page('new words '));
    // A second pass finds nothing left to do.
    expect(await compressRelease(after, { previous: before })).toEqual({ files: 0, reused: 0 });
  });

  it('compresses a page whose copies the release before never finished, instead of leaving it without', async () => {
    const folder = makeTempDir('mca-copies-');
    const before = release(folder, 'before', { same: 'unchanged words ' });
    const after = release(folder, 'after', { same: 'unchanged words ' });
    const stopped = new AbortController();
    stopped.abort();
    await compressRelease(before, { signal: stopped.signal });
    expect(await compressRelease(after, { previous: before })).toEqual({ files: 1, reused: 0 });
    expect(brotliDecompressSync(readFileSync(join(after, 'same', 'index.html.br'))).toString()).toBe(page('unchanged words '));
  });

  it('are made for the release the live link points at, again after it flips to a new one', async () => {
    const folder = makeTempDir('mca-copies-');
    const live = join(folder, 'live');
    symlinkSync(release(folder, 'one', { a: 'first release ' }), live);
    const site = createStaticHandler(live);
    const brotliPage = async () =>
      site(new Request('http://127.0.0.1/a/', { headers: { 'accept-encoding': 'br' } })).then(async (response) => ({
        encoding: response.headers.get('content-encoding'),
        text: brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString(),
      }));
    await site.compressLive();
    expect(await brotliPage()).toEqual({ encoding: 'br', text: page('first release ') });
    const flipped = join(folder, 'flipped');
    symlinkSync(release(folder, 'two', { a: 'second release ' }), flipped);
    renameSync(flipped, live);
    await site.compressLive();
    expect(await brotliPage()).toEqual({ encoding: 'br', text: page('second release ') });
    await site.close();
  });
});
