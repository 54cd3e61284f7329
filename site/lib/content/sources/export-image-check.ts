/**
 * What an exported image file really is. An export names its images (`images/<sha1>-<w>x<h>.<ext>`), but
 * the bytes behind a name can be anything: a page with a script saved as `.png` would be published as it
 * is. Every exported image a published document uses is read with sharp before the build renders, and one
 * that is not the image its name says is a content error naming the document and the field.
 */
import sharp, { type Metadata } from 'sharp';
import { formatPath, type ContentProblem, type RawDataset } from '../../../../schemas/validate-dataset.ts';
import { type ExportedImage, parseExportedImage } from './asset-names.ts';
import { readExportImage } from './export-files.ts';

/** The format sharp reports for each file extension the site publishes (an AVIF file is a HEIF container). */
const formats: Record<string, { format: string; label: string }> = {
  jpg: { format: 'jpeg', label: 'JPEG' },
  jpeg: { format: 'jpeg', label: 'JPEG' },
  png: { format: 'png', label: 'PNG' },
  webp: { format: 'webp', label: 'WebP' },
  gif: { format: 'gif', label: 'GIF' },
  avif: { format: 'heif', label: 'AVIF' },
  svg: { format: 'svg', label: 'SVG' },
};

/** Sharp's own limit on the pixels it decodes (all frames of an animation together). */
export const maxImagePixels = 0x3fff * 0x3fff;

/** What sharp found in an image file that is what its name says. */
export interface ImageFacts {
  width: number;
  height: number;
  /** Frames of an animation; 1 for a still image. */
  frames: number;
  bytes: number;
}

/**
 * Checks the bytes of an exported image against its name: the format its extension promises, the size its
 * name encodes (as shown, after EXIF orientation), and no more pixels than sharp decodes. Answers the facts,
 * or why the file cannot be published.
 */
export async function inspectExportedImage(bytes: Uint8Array, image: ExportedImage): Promise<ImageFacts | { problem: string }> {
  const expected = formats[image.extension];
  const file = `images/${image.name}`;
  if (!expected) return { problem: `${file} is not an image file the site publishes` };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata();
  } catch {
    const article = /^[AS]/.test(expected.label) ? 'an' : 'a';
    return { problem: `${file} is not ${article} ${expected.label} image: its content is no image format the site publishes` };
  }
  if (metadata.format !== expected.format || (image.extension === 'avif' && metadata.compression !== 'av1')) {
    return {
      problem: `${file} is named .${image.extension} but holds ${metadata.format ? `a ${metadata.format.toUpperCase()} image` : 'something else'}`,
    };
  }
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  const shown = metadata.autoOrient ?? { width: metadata.width, height: frameHeight };
  if (shown.width !== image.width || shown.height !== image.height) {
    return { problem: `${file} is ${shown.width}×${shown.height} pixels, not ${image.width}×${image.height} as its name says` };
  }
  if (metadata.width * frameHeight * frames > maxImagePixels) {
    const megapixels = Math.round(maxImagePixels / 1e6);
    const what = frames > 1 ? `${frames} frames of ${metadata.width}×${frameHeight} pixels` : `${metadata.width}×${frameHeight} pixels`;
    return { problem: `${file} is ${what}, more than the ${megapixels} megapixels the build can read` };
  }
  return { width: metadata.width, height: frameHeight, frames, bytes: bytes.byteLength };
}

/** Why one exported image of `folder` cannot be published, or `undefined` when it can (or is missing). */
async function problemOf(folder: string, image: ExportedImage): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readExportImage(folder, image.name);
  } catch (error) {
    // A missing file is reported where the build would have published it, naming the file.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return (error as Error).message;
  }
  const result = await inspectExportedImage(bytes, image);
  return 'problem' in result ? result.problem : undefined;
}

interface ImageUse {
  id: string;
  type: string;
  path: string;
  image: ExportedImage;
}

/** Every exported image field in a document, at any depth (a photo, a main image, an image in rich text). */
function imageUses(type: string, doc: unknown): ImageUse[] {
  const id = typeof (doc as { _id?: unknown } | null)?._id === 'string' ? String((doc as { _id: string })._id) : '(no _id)';
  const found: ImageUse[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (value && typeof value === 'object') {
      const asset = (value as { _sanityAsset?: unknown })._sanityAsset;
      const image = typeof asset === 'string' ? parseExportedImage(asset) : undefined;
      if (image) found.push({ id, type, path: formatPath(path), image });
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  visit(doc, []);
  return found;
}

/**
 * The problems of every exported image the documents use, each file read once, four at a time. Names
 * that are no image file at all are the zod schemas' to report (`ImageSchema`).
 */
export async function exportedImageProblems(raw: RawDataset, folder: string): Promise<ContentProblem[]> {
  const uses = Object.entries(raw).flatMap(([type, documents]) => documents.flatMap((doc) => imageUses(type, doc)));
  const queue = [...new Map(uses.map((use) => [use.image.name, use.image])).values()];
  const problems = new Map<string, string | undefined>();
  const worker = async () => {
    for (let image = queue.shift(); image; image = queue.shift()) problems.set(image.name, await problemOf(folder, image));
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return uses.flatMap(({ id, type, path, image }) => {
    const reason = problems.get(image.name);
    return reason ? [{ id, type, path, reason }] : [];
  });
}
