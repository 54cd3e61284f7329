import { defineField } from 'sanity';

interface ImageParent {
  asset?: unknown;
  /** An image file in a dataset export, before `sanity dataset import` uploads it. */
  _sanityAsset?: unknown;
}

/**
 * Options of every image field: editors upload raster formats only. An SVG is a document that can carry
 * scripts; the build rasterises any SVG already in the dataset, so none is ever published.
 */
export const imageOptions = { hotspot: true, accept: 'image/png,image/jpeg,image/webp,image/avif,image/gif' };

/** Alt text: required as soon as the image has a file. */
export function altTextField() {
  return defineField({
    name: 'alt',
    title: 'Alternative text',
    type: 'string',
    description: 'What the image shows, for people using screen readers. Required when an image is set.',
    validation: (rule) =>
      rule.custom((alt, context) => {
        const parent = context.parent as ImageParent | undefined;
        if (!parent?.asset && !parent?._sanityAsset) return true;
        return typeof alt === 'string' && alt.trim() !== '' ? true : 'Alternative text is required for every image';
      }),
  });
}

/** A caption shown under the image. */
export function captionField() {
  return defineField({
    name: 'caption',
    title: 'Caption',
    type: 'string',
    description: 'Optional. Shown under the image.',
  });
}

/** An image field with alt text (and, where `withCaption`, a caption). */
export function imageField(name: string, title: string, withCaption: boolean) {
  return defineField({
    name,
    title,
    type: 'image',
    options: imageOptions,
    fields: withCaption ? [altTextField(), captionField()] : [altTextField()],
  });
}
