import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { create } from 'tar';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentTypes } from '../../schemas/rules.ts';
import type { RawDataset } from '../../schemas/validate-dataset.ts';
import { writeRenditions } from '../../site/integrations/image-files.ts';
import { exportedImageProblems } from '../../site/lib/content/sources/export-image-check.ts';
import { readExport, readExportImage } from '../../site/lib/content/sources/export-files.ts';
import { createImageUrlBuilder } from '@sanity/image-url';
import { imageFiles, imageTag, resolveImage } from '../../site/lib/images.ts';
import { fixtureDocuments, pictures, writeExport } from '../fixtures/fixture-dataset.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

/** A file outside the export that must never be published. */
function secretFile(): string {
  const file = join(makeTempDir('mca-secret-'), 'secret.txt');
  writeFileSync(file, 'not for the site');
  return file;
}

/** Tars an export folder as `sanity dataset export` does, links kept as links. */
async function tarOf(folder: string): Promise<string> {
  const tarball = `${folder}.tar.gz`;
  await create({ gzip: true, file: tarball, cwd: dirname(folder) }, [basename(folder)]);
  return tarball;
}

beforeEach(() => imageFiles().renditions.clear());

describe('reading export images', () => {
  it('reads a regular file of images/', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    await expect(readExportImage(folder, pictures.article.name)).resolves.toEqual(Buffer.from(pictures.article.svg));
  });

  it('refuses an image that is a symbolic link, even to a file inside the export', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const image = join(folder, 'images', pictures.article.name);
    rmSync(image);
    symlinkSync(secretFile(), image);
    await expect(readExportImage(folder, pictures.article.name)).rejects.toThrow(`images/${pictures.article.name} is a symbolic link`);
    rmSync(image);
    symlinkSync('../data.ndjson', image);
    await expect(readExportImage(folder, pictures.article.name)).rejects.toThrow('is a symbolic link');
  });

  it('refuses an images/ folder that is a link to somewhere else', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const elsewhere = join(makeTempDir('mca-elsewhere-'), 'images');
    renameSync(join(folder, 'images'), elsewhere);
    symlinkSync(elsewhere, join(folder, 'images'));
    await expect(readExportImage(folder, pictures.article.name)).rejects.toThrow("the export's images/ folder is a link to somewhere else");
  });

  it('refuses an image that is a hard link to another file', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const image = join(folder, 'images', pictures.article.name);
    rmSync(image);
    linkSync(join(folder, 'data.ndjson'), image);
    await expect(readExportImage(folder, pictures.article.name)).rejects.toThrow('is a hard link to another file');
  });

  it('refuses a tarball holding a symbolic or hard link, naming each, and unpacks nothing from it', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    rmSync(join(folder, 'images', pictures.article.name));
    symlinkSync('../data.ndjson', join(folder, 'images', pictures.article.name));
    rmSync(join(folder, 'images', pictures.staff.name));
    linkSync(join(folder, 'assets.json'), join(folder, 'images', pictures.staff.name));
    const tarball = await tarOf(folder);
    const error = await readExport(tarball).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain('it holds links, which "sanity dataset export" never writes');
    expect(error?.message).toContain(`images/${pictures.article.name} -> ../data.ndjson (symbolic link)`);
    expect(error?.message).toMatch(/\(hard link\)/);
  });
});

/** The published documents of `documents` by type, as the loader validates them. */
function rawOf(documents: Record<string, unknown>[]): RawDataset {
  const published = documents.filter((doc) => !String(doc['_id']).includes('.'));
  return Object.fromEntries(documentTypes.map((type) => [type, published.filter((doc) => doc['_type'] === type)])) as unknown as RawDataset;
}

const byId = (documents: Record<string, unknown>[], id: string) => documents.find((doc) => doc['_id'] === id) as Record<string, unknown>;

describe('checking what an exported image really is', () => {
  it('accepts the images of a real export', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    await expect(exportedImageProblems(rawOf(fixtureDocuments()), folder)).resolves.toEqual([]);
  });

  it('names the document and field of every file that is not the image its name says', async () => {
    const documents = fixtureDocuments();
    const folder = await writeExport(documents, 'folder');
    const page = '<!doctype html><title>x</title><script>alert(document.domain)</script>';
    writeFileSync(join(folder, 'images', 'a1b2c3-100x100.png'), page);
    await sharp({ create: { width: 100, height: 100, channels: 3, background: '#0a0' } })
      .png()
      .toFile(join(folder, 'images', 'd4e5f6-100x100.jpg'));
    await sharp({ create: { width: 300, height: 300, channels: 3, background: '#0a0' } })
      .webp()
      .toFile(join(folder, 'images', 'a7b8c9-100x100.webp'));
    byId(documents, 'staff-rowan-achterberg')['photo'] = {
      _type: 'image',
      _sanityAsset: 'image@file://./images/a1b2c3-100x100.png',
      alt: 'x',
    };
    byId(documents, 'article-quiet-mornings')['mainImage'] = {
      _type: 'image',
      _sanityAsset: 'image@file://./images/d4e5f6-100x100.jpg',
      alt: 'x',
    };
    const harbour = byId(documents, 'article-harbour-lights');
    harbour['body'] = [
      ...(harbour['body'] as unknown[]),
      { _type: 'image', _key: 'big', _sanityAsset: 'image@file://./images/a7b8c9-100x100.webp', alt: 'x' },
    ];
    const problems = await exportedImageProblems(rawOf(documents), folder);
    const last = (harbour['body'] as unknown[]).length - 1;
    expect(problems).toEqual([
      {
        id: 'article-harbour-lights',
        type: 'article',
        path: `body[${last}]`,
        reason: 'images/a7b8c9-100x100.webp is 300×300 pixels, not 100×100 as its name says',
      },
      {
        id: 'article-quiet-mornings',
        type: 'article',
        path: 'mainImage',
        reason: 'images/d4e5f6-100x100.jpg is named .jpg but holds a PNG image',
      },
      {
        id: 'staff-rowan-achterberg',
        type: 'staffMember',
        path: 'photo',
        reason: 'images/a1b2c3-100x100.png is not a PNG image: its content is no image format the site publishes',
      },
    ]);
  });
});

describe('image files the site publishes', () => {
  it('fails the build, naming the file, when an exported image is a link out of the export', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    rmSync(join(folder, 'images', pictures.article.name));
    symlinkSync(secretFile(), join(folder, 'images', pictures.article.name));
    const image = resolveImage({ _sanityAsset: pictures.article.sanityAsset, alt: 'x' });
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    await expect(
      writeRenditions(imageFiles().renditions, { outDir, cacheDir: join(outDir, '..', 'cache'), exportRoot: folder }),
    ).rejects.toThrow(`images/${pictures.article.name} of the export: images/${pictures.article.name} is a symbolic link`);
    expect(() => readFileSync(join(outDir, image?.src ?? ''))).toThrow();
  });

  it('publishes a script-bearing SVG only as a PNG picture of it', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const name = 'abcdef0123-120x80.svg';
    writeFileSync(
      join(folder, 'images', name),
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><script>alert(document.domain)</script><rect width="120" height="80" fill="#c00"/></svg>',
    );
    const image = resolveImage({ _sanityAsset: `image@file://./images/${name}`, alt: 'x' });
    expect(image?.src).toBe('/media/abcdef0123-120x80.png');
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    await writeRenditions(imageFiles().renditions, { outDir, cacheDir: join(outDir, '..', 'cache'), exportRoot: folder });
    const published = readFileSync(join(outDir, 'media/abcdef0123-120x80.png'));
    expect(published.toString('latin1')).not.toMatch(/<script|<svg/i);
    const metadata = await sharp(published).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'png', width: 120, height: 80 });
  });

  it('never answers a changed export file from the cache, though its name is the same', async () => {
    const cacheDir = join(makeTempDir('mca-cache-'), 'cache');
    const build = async (colour: string) => {
      const folder = await writeExport(fixtureDocuments(), 'folder');
      await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toFile(join(folder, 'images', 'feed-800x600.jpg'));
      imageFiles().renditions.clear();
      const image = resolveImage({ _sanityAsset: 'image@file://./images/feed-800x600.jpg', alt: 'x' }, 320);
      const outDir = join(makeTempDir('mca-dist-'), 'dist');
      await writeRenditions(imageFiles().renditions, { outDir, cacheDir, exportRoot: folder });
      const { dominant } = await sharp(join(outDir, image?.src ?? '')).stats();
      return dominant;
    };
    const first = await build('#ff0000');
    const second = await build('#0000ff');
    expect(first.r).toBeGreaterThan(200);
    expect(second.b).toBeGreaterThan(200);
    expect(second.r).toBeLessThan(50);
  });
});

/** Every file the page's `<img>` names (its `src` and each `srcset` candidate), as published into `outDir`. */
function publishedFiles(image: { src: string; srcset?: string | undefined } | undefined, outDir: string): string[] {
  const paths = new Set([image?.src ?? '', ...(image?.srcset?.split(', ').map((candidate) => candidate.split(' ')[0] as string) ?? [])]);
  return [...paths].map((path) => join(outDir, path));
}

/** How many pixels of a file are close to `colour` (all frames of an animation). */
async function pixelsLike(file: string, colour: [number, number, number]): Promise<number> {
  const { data, info } = await sharp(file, { animated: true }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (
      Math.abs((data[i] as number) - colour[0]) < 60 &&
      Math.abs((data[i + 1] as number) - colour[1]) < 60 &&
      Math.abs((data[i + 2] as number) - colour[2]) < 60
    )
      count++;
  }
  return count;
}

const red: [number, number, number] = [255, 0, 0];
const blue: [number, number, number] = [0, 0, 255];

/** A 400×300 picture whose top 60 rows are a red band and the rest blue, in `format`. */
async function bandedPicture(folder: string, name: string, format: 'png' | 'jpeg' | 'gif' | 'svg'): Promise<void> {
  const file = join(folder, 'images', name);
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#00f"/><rect width="400" height="60" fill="#f00"/></svg>';
  if (format === 'svg') writeFileSync(file, svg);
  else await sharp(Buffer.from(svg)).toFormat(format).toFile(file);
}

describe("the editor's crop and hotspot on exported images", () => {
  const cropOffBand = { _type: 'sanity.imageCrop', top: 0.2, bottom: 0, left: 0, right: 0 };

  it('publishes no pixel of a band the crop removes, in any rendition or format, at the cropped size', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const images = [
      ['a0a0a0-400x300.jpg', 'jpeg'],
      ['b1b1b1-400x300.png', 'png'],
      ['c2c2c2-400x300.gif', 'gif'],
      ['d3d3d3-400x300.svg', 'svg'],
    ] as const;
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    const cacheDir = join(outDir, '..', 'cache');
    const resolved = [];
    for (const [name, format] of images) {
      await bandedPicture(folder, name, format);
      // The uncropped picture first, into the same cache: the crop must not be answered from it.
      resolveImage({ _sanityAsset: `image@file://./images/${name}`, alt: 'x' });
      resolved.push(resolveImage({ _sanityAsset: `image@file://./images/${name}`, crop: cropOffBand, alt: 'x' }));
    }
    await writeRenditions(imageFiles().renditions, { outDir, cacheDir, exportRoot: folder });
    for (const image of resolved) {
      expect({ width: image?.width, height: image?.height }).toEqual({ width: 400, height: 240 });
      for (const file of publishedFiles(image, outDir)) {
        expect(await pixelsLike(file, red), file).toBe(0);
        expect(await pixelsLike(file, blue), file).toBeGreaterThan(0);
      }
    }
  }, 240_000);

  it('cuts a card to its fixed shape around the hotspot, as the image CDN does for live images', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    // Left half green, right half blue; the editor's hotspot is on the right.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#0f0"/><rect x="200" width="200" height="200" fill="#00f"/></svg>';
    await sharp(Buffer.from(svg))
      .jpeg()
      .toFile(join(folder, 'images', 'e4e4e4-400x200.jpg'));
    const hotspot = { _type: 'sanity.imageHotspot', x: 0.85, y: 0.5, width: 0.2, height: 0.2 };
    const html = imageTag(
      { _sanityAsset: 'image@file://./images/e4e4e4-400x200.jpg', hotspot, alt: '' },
      { maxWidth: 240, aspectRatio: 1 },
    );
    expect(html).toMatch(/width="200" height="200"/);
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    await writeRenditions(imageFiles().renditions, { outDir, cacheDir: join(outDir, '..', 'cache'), exportRoot: folder });
    for (const path of [...imageFiles().renditions.keys()]) {
      expect(await pixelsLike(join(outDir, path), [0, 255, 0]), path).toBe(0);
    }
    // Live mode asks the CDN for the same rectangle @sanity/image-url computes for a 200×200 crop.
    imageFiles().origin = { kind: 'cdn', projectId: 'abc123', dataset: 'production' };
    try {
      const source = { asset: { _ref: 'image-e4e4e4-400x200-jpg' }, hotspot, alt: '' };
      const live = resolveImage(source, 240, 1);
      const url = (imageFiles().renditions.get(live?.src ?? '') as { url: string }).url;
      const library = createImageUrlBuilder({ projectId: 'abc123', dataset: 'production' }).image(source).width(200).height(200).url();
      expect(url).toContain(/rect=[\d,]+/.exec(library)?.[0]);
      expect(url).toContain('rect=200,0,200,200');
    } finally {
      imageFiles().origin = undefined;
    }
  }, 240_000);
});

describe('exported originals over the size limits', () => {
  /** `maxOriginalBytes` in `site/integrations/image-files.ts`. */
  const maxOriginalBytes = 2 * 2 ** 20;

  it('encodes an original over the byte limit again, in its own format, instead of publishing it as it is', async () => {
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const name = 'f5f5f5-900x900.png';
    // Noise does not compress: about 2.4 MB.
    await sharp(randomBytes(900 * 900 * 3), { raw: { width: 900, height: 900, channels: 3 } })
      .png()
      .toFile(join(folder, 'images', name));
    expect(statSync(join(folder, 'images', name)).size).toBeGreaterThan(maxOriginalBytes);
    const image = resolveImage({ _sanityAsset: `image@file://./images/${name}`, alt: 'x' }, 640);
    expect(image?.srcset).toContain(`/media/${name} 900w`);
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    await writeRenditions(imageFiles().renditions, { outDir, cacheDir: join(outDir, '..', 'cache'), exportRoot: folder });
    const published = join(outDir, 'media', name);
    expect(statSync(published).size).toBeLessThanOrEqual(maxOriginalBytes);
    const metadata = await sharp(published).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'png', width: 900, height: 900 });
  }, 240_000);

  it('offers a very tall photo no wider than fits 2560 × 2560 pixels, and resizes a GIF over them', async () => {
    const tall = resolveImage({ _sanityAsset: 'image@file://./images/a6a6a6-1000x8000.jpg', alt: 'x' }, 640);
    expect(tall?.srcset).not.toContain('/media/a6a6a6-1000x8000.jpg');
    expect(tall?.srcset).toMatch(/ 905w$/);
    const folder = await writeExport(fixtureDocuments(), 'folder');
    const name = 'b7b7b7-2600x2600.gif';
    // The least effort: encoding 6.8 million pixels is most of this test's time, and one colour needs none.
    await sharp({ create: { width: 2600, height: 2600, channels: 3, background: '#3a7d8c' } })
      .gif({ effort: 1 })
      .toFile(join(folder, 'images', name));
    imageFiles().renditions.clear();
    const gif = resolveImage({ _sanityAsset: `image@file://./images/${name}`, alt: 'x' });
    const outDir = join(makeTempDir('mca-dist-'), 'dist');
    await writeRenditions(imageFiles().renditions, { outDir, cacheDir: join(outDir, '..', 'cache'), exportRoot: folder });
    const metadata = await sharp(join(outDir, gif?.src ?? '')).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
      format: 'gif',
      width: 2560,
      height: 2560,
    });
  }, 240_000);
});
