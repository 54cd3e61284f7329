import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRenditions } from '../../site/integrations/image-files.ts';
import { makeTempDir } from '../support/temp-dirs.ts';
import { imageFiles, resolveImage } from '../../site/lib/images.ts';
import { listenOnLoopback } from '../../scripts/local-server.ts';

const imageRenditions = () => imageFiles().renditions;

beforeEach(() => imageRenditions().clear());
afterEach(() => {
  imageFiles().origin = undefined;
});

/** What a live-mode content source registers when the loader opens it. */
const liveOrigin = () => {
  imageFiles().origin = { kind: 'cdn', projectId: 'abc123', dataset: 'production' };
};

const widthsOf = (srcset: string | undefined) => srcset?.split(', ').map((candidate) => candidate.split(' ')[1]);

describe('resolving images', () => {
  it('serves an exported SVG from /media/ as PNG pictures of it in a srcset, with its size from the file name', () => {
    const image = resolveImage({ _sanityAsset: 'image@file://./images/0123abcd-640x480.svg', alt: 'A garden' });
    expect(image).toEqual({
      src: '/media/0123abcd-640x480.png',
      srcset: '/media/0123abcd-640x480-w320.png 320w, /media/0123abcd-640x480.png 640w',
      width: 640,
      height: 480,
      alt: 'A garden',
    });
    expect([...imageRenditions()].sort()).toEqual([
      ['/media/0123abcd-640x480-w320.png', { kind: 'export', file: '0123abcd-640x480.svg', rasterise: true, width: 320 }],
      ['/media/0123abcd-640x480.png', { kind: 'export', file: '0123abcd-640x480.svg', rasterise: true }],
    ]);
  });

  it('serves an exported GIF as it is', () => {
    const image = resolveImage({ _sanityAsset: 'image@file://./images/0123abcd-64x48.gif', alt: 'A wave' });
    expect(image).toEqual({ src: '/media/0123abcd-64x48.gif', width: 64, height: 48, alt: 'A wave' });
  });

  it('offers an exported photo in smaller WebP widths, with the original as the widest', () => {
    const image = resolveImage({ _sanityAsset: 'image@file://./images/0123abcd-1500x1000.jpg', alt: 'A garden' }, 1200);
    expect(image?.width).toBe(1200);
    expect(image?.height).toBe(800);
    expect(widthsOf(image?.srcset)).toEqual(['320w', '640w', '960w', '1280w', '1500w']);
    expect(image?.srcset).toContain('/media/0123abcd-1500x1000.jpg 1500w');
    expect(image?.src).toMatch(/^\/media\/sanity\/0123abcd-1500x1000-w1200-[a-f0-9]{10}\.webp$/);
    expect(imageRenditions().get(image?.src as string)).toEqual({ kind: 'export', file: '0123abcd-1500x1000.jpg', width: 1200 });
    expect(imageRenditions().get('/media/0123abcd-1500x1000.jpg')).toEqual({ kind: 'export', file: '0123abcd-1500x1000.jpg' });
  });

  it('serves a live image from the site itself, in widths rendered by the Sanity CDN', () => {
    liveOrigin();
    const image = resolveImage({ asset: { _ref: 'image-f00dfeed-2400x1600-jpg' }, alt: 'A group meeting' }, 1200);
    expect(image?.alt).toBe('A group meeting');
    expect(image?.width).toBe(1200);
    expect(image?.height).toBe(800);
    expect(image?.src).toMatch(/^\/media\/sanity\/f00dfeed-2400x1600-[a-f0-9]{10}\.webp$/);
    const candidates = image?.srcset?.split(', ').map((candidate) => candidate.split(' ')) ?? [];
    expect(candidates.map(([, width]) => width)).toEqual(['320w', '640w', '960w', '1280w', '1920w', '2400w']);
    for (const [path, width] of candidates) {
      expect(imageRenditions().get(path as string)).toEqual({
        kind: 'cdn',
        url: `https://cdn.sanity.io/images/abc123/production/f00dfeed-2400x1600.jpg?w=${(width as string).slice(0, -1)}&fm=webp&fit=max`,
      });
    }
  });

  it('never asks for a rendition wider than the original, and rasterises SVGs to PNG', () => {
    liveOrigin();
    const photo = resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'Portrait' }, 320);
    expect(photo?.width).toBe(320);
    expect(widthsOf(photo?.srcset)).toEqual(['320w', '500w']);
    const drawing = resolveImage({ asset: { _ref: 'image-beef-800x400-svg' }, alt: 'Map' });
    expect(widthsOf(drawing?.srcset)).toEqual(['320w', '640w', '800w']);
    expect(drawing?.src).toMatch(/\.png$/);
    expect(imageRenditions().get(drawing?.src as string)).toEqual({
      kind: 'cdn',
      url: 'https://cdn.sanity.io/images/abc123/production/beef-800x400.svg?w=800&fit=max',
      rasterise: true,
      width: 800,
    });
  });

  it('returns nothing for an image whose file cannot be located', () => {
    expect(resolveImage({ _sanityAsset: 'image@https://example.org/x.jpg', alt: 'x' })).toBeUndefined();
    expect(resolveImage({ asset: { _ref: 'image-f00dfeed-500x500-png' }, alt: 'x' })).toBeUndefined();
  });
});

describe('writing image renditions at build time', () => {
  it('downloads CDN renditions once, then copies them from the cache, and names every failure', async () => {
    let requests = 0;
    const server = createServer((request, response) => {
      requests++;
      if (request.url?.includes('missing')) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'image/webp' }).end(`image bytes for ${request.url}`);
    });
    const { url: cdn, close } = await listenOnLoopback(server);
    try {
      const work = makeTempDir('mca-renditions-');
      const cacheDir = join(work, 'cache');
      const ok = new Map([['/media/sanity/a-1.webp', { kind: 'cdn', url: `${cdn}/images/p/d/a.jpg?w=320` } as const]]);
      await expect(writeRenditions(ok, { outDir: join(work, 'one'), cacheDir })).resolves.toEqual({ made: 1, cached: 0 });
      expect(readFileSync(join(work, 'one/media/sanity/a-1.webp'), 'utf8')).toBe('image bytes for /images/p/d/a.jpg?w=320');
      await expect(writeRenditions(ok, { outDir: join(work, 'two'), cacheDir })).resolves.toEqual({ made: 0, cached: 1 });
      expect(requests).toBe(1);
      expect(readFileSync(join(work, 'two/media/sanity/a-1.webp'), 'utf8')).toBe('image bytes for /images/p/d/a.jpg?w=320');
      const broken = new Map([
        ['/media/sanity/b.webp', { kind: 'cdn', url: `${cdn}/images/p/d/missing.jpg` } as const],
        ['/media/sanity/c.webp', { kind: 'cdn', url: `${cdn}/images/p/d/c.jpg` } as const],
      ]);
      await expect(writeRenditions(broken, { outDir: join(work, 'three'), cacheDir })).rejects.toThrow(
        `Cannot make 1 image(s) for the site:\n  ${cdn}/images/p/d/missing.jpg: HTTP 404`,
      );
    } finally {
      await close();
    }
  });

  it('copies an exported image as it is, and resizes a photo to WebP at the width asked for', async () => {
    const work = makeTempDir('mca-renditions-');
    mkdirSync(join(work, 'export', 'images'), { recursive: true });
    await sharp({ create: { width: 1500, height: 1000, channels: 3, background: '#3a7d8c' } })
      .jpeg()
      .toFile(join(work, 'export', 'images', 'cafe-1500x1000.jpg'));
    const renditions = new Map([
      ['/media/sanity/cafe-w640.webp', { kind: 'export', file: 'cafe-1500x1000.jpg', width: 640 } as const],
      ['/media/cafe-1500x1000.jpg', { kind: 'export', file: 'cafe-1500x1000.jpg' } as const],
    ]);
    await writeRenditions(renditions, { outDir: join(work, 'dist'), cacheDir: join(work, 'cache'), exportRoot: join(work, 'export') });
    expect(readFileSync(join(work, 'dist/media/cafe-1500x1000.jpg'))).toEqual(readFileSync(join(work, 'export/images/cafe-1500x1000.jpg')));
    const metadata = await sharp(join(work, 'dist/media/sanity/cafe-w640.webp')).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
      format: 'webp',
      width: 640,
      height: 427,
    });
  });
});
