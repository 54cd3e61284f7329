import type { IncomingMessage, ServerResponse } from 'node:http';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { imageFileWriter } from '../../site/integrations/image-files.ts';
import { imageFiles, resolveImage } from '../../site/lib/images.ts';
import { fixtureDocuments, photo, pictures, writeExport } from '../fixtures/fixture-dataset.ts';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** The middleware `astro dev` gets from the image-files integration. */
function devMiddleware(): Middleware {
  let middleware: Middleware | undefined;
  const setup = imageFileWriter().hooks['astro:server:setup'] as (options: unknown) => void;
  setup({ server: { middlewares: { use: (handler: Middleware) => (middleware = handler) } } });
  if (!middleware) throw new Error('no middleware registered');
  return middleware;
}

/** Asks the middleware for `url`: the bytes and type it answers with, or `next` when it passes. */
function request(middleware: Middleware, url: string): Promise<{ status: number; type?: string | undefined; body: Buffer } | 'next'> {
  return new Promise((resolve, reject) => {
    const response = {
      writeHead(status: number, headers: Record<string, string>) {
        return { end: (body: Buffer) => resolve({ status, type: headers['content-type'], body }) };
      },
    } as unknown as ServerResponse;
    middleware({ url } as IncomingMessage, response, (error) => (error ? reject(error) : resolve('next')));
  });
}

afterEach(() => {
  imageFiles().renditions.clear();
  imageFiles().origin = undefined;
});

describe('image files in astro dev', () => {
  it('serves the renditions pages asked for, made on request from the export, and passes on anything else', async () => {
    const root = await writeExport(fixtureDocuments(), 'folder');
    imageFiles().origin = { kind: 'files', root };
    const drawing = resolveImage({ _sanityAsset: pictures.article.sanityAsset, alt: 'x' });
    const resized = resolveImage({ _sanityAsset: photo.sanityAsset, alt: 'x' }, 320);
    const middleware = devMiddleware();

    const png = await request(middleware, drawing?.src as string);
    expect(png).toMatchObject({ status: 200, type: 'image/png' });
    expect((await sharp((png as { body: Buffer }).body).metadata()).format).toBe('png');

    const webp = await request(middleware, resized?.src as string);
    expect(webp).toMatchObject({ status: 200, type: 'image/webp' });
    expect((await sharp((webp as { body: Buffer }).body).metadata()).width).toBe(320);

    expect(await request(middleware, '/media/not-a-rendition.png')).toBe('next');
    expect(await request(middleware, '/articles/')).toBe('next');
  });
});
