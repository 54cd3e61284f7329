import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadLiveImages } from '../../site/integrations/live-images.ts';
import { liveImageDownloads, resolveImage } from '../../site/lib/images.ts';

beforeEach(() => liveImageDownloads().clear());
afterEach(() => {
  delete process.env['SANITY_PROJECT_ID'];
  delete process.env['SANITY_DATASET'];
  delete process.env['SANITY_IMAGE_CDN_URL'];
});

describe('resolving images', () => {
  it('serves an exported image from /media/ with its size from the file name', () => {
    const image = resolveImage({ _sanityAsset: 'image@file://./images/0123abcd-640x480.jpg', alt: 'A garden' });
    expect(image).toEqual({ src: '/media/0123abcd-640x480.jpg', width: 640, height: 480, alt: 'A garden' });
  });

  it('serves a live image from the site itself, in widths rendered by the Sanity CDN', () => {
    process.env['SANITY_PROJECT_ID'] = 'abc123';
    process.env['SANITY_DATASET'] = 'production';
    const image = resolveImage({ asset: { _ref: 'image-f00dfeed-2400x1600-jpg' }, alt: 'A group meeting' }, 1200);
    expect(image?.alt).toBe('A group meeting');
    expect(image?.width).toBe(1200);
    expect(image?.height).toBe(800);
    expect(image?.src).toMatch(/^\/media\/sanity\/f00dfeed-2400x1600-[a-f0-9]{10}\.webp$/);
    const candidates = image?.srcset?.split(', ').map((candidate) => candidate.split(' ')) ?? [];
    expect(candidates.map(([, width]) => width)).toEqual(['320w', '640w', '960w', '1280w', '1920w', '2400w']);
    const downloads = liveImageDownloads();
    for (const [path, width] of candidates) {
      expect(downloads.get(path as string)).toBe(
        `https://cdn.sanity.io/images/abc123/production/f00dfeed-2400x1600.jpg?w=${(width as string).slice(0, -1)}&fm=webp&fit=max`,
      );
    }
  });

  it('never asks for a rendition wider than the original, and keeps SVGs as they are', () => {
    process.env['SANITY_PROJECT_ID'] = 'abc123';
    const photo = resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'Portrait' }, 320);
    expect(photo?.width).toBe(320);
    expect(photo?.srcset?.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '500w']);
    const drawing = resolveImage({ asset: { _ref: 'image-beef-800x400-svg' }, alt: 'Map' });
    expect(drawing?.srcset).toBeUndefined();
    expect(liveImageDownloads().get(drawing?.src as string)).toBe('https://cdn.sanity.io/images/abc123/production/beef-800x400.svg?w=800&fit=max');
  });

  it('returns nothing for an image whose file cannot be located', () => {
    expect(resolveImage({ _sanityAsset: 'image@https://example.org/x.jpg', alt: 'x' })).toBeUndefined();
    expect(resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'x' })).toBeUndefined();
  });
});

describe('downloading live images at build time', () => {
  it('writes every rendition into the site and names every one that failed', async () => {
    let requests = 0;
    const server = createServer((request, response) => {
      requests++;
      if (request.url?.includes('missing')) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'image/webp' }).end(`image bytes for ${request.url}`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const cdn = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const outDir = mkdtempSync(join(tmpdir(), 'mca-live-images-'));
      const cacheDir = join(outDir, '..', `${outDir.split('/').pop()}-cache`);
      const ok = new Map([['/media/sanity/a-1.webp', `${cdn}/images/p/d/a.jpg?w=320`]]);
      await expect(downloadLiveImages(ok, outDir, cacheDir)).resolves.toEqual({ downloaded: 1, cached: 0 });
      expect(readFileSync(join(outDir, 'media/sanity/a-1.webp'), 'utf8')).toBe('image bytes for /images/p/d/a.jpg?w=320');
      const nextBuild = mkdtempSync(join(tmpdir(), 'mca-live-images-'));
      await expect(downloadLiveImages(ok, nextBuild, cacheDir)).resolves.toEqual({ downloaded: 0, cached: 1 });
      expect(requests).toBe(1);
      expect(readFileSync(join(nextBuild, 'media/sanity/a-1.webp'), 'utf8')).toBe('image bytes for /images/p/d/a.jpg?w=320');
      const broken = new Map([
        ['/media/sanity/b.webp', `${cdn}/images/p/d/missing.jpg`],
        ['/media/sanity/c.webp', `${cdn}/images/p/d/c.jpg`],
      ]);
      await expect(downloadLiveImages(broken, outDir, cacheDir)).rejects.toThrow(
        `Cannot download 1 image(s) for the site:\n  ${cdn}/images/p/d/missing.jpg: HTTP 404`,
      );
    } finally {
      server.close();
    }
  });
});
