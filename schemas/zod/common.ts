import * as z from 'zod';
import { languageIds } from '../languages.ts';
import { type DocumentType, rules } from '../rules.ts';

/**
 * Optional fields come back from a GROQ projection as `null` when a document lacks them.
 * `optional(schema)` accepts `null` and `undefined` and reads both as absent.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** A required line of text: present and not only white space. */
export function requiredText(max?: number) {
  const text = z.string().trim().min(1, { error: 'required' });
  return max ? text.max(max, { error: `at most ${max} characters` }) : text;
}

/** `{ _type: "slug", current }` with a URL-safe `current`. */
export const SlugSchema = z.object({
  /** Sanity's type marker. */
  _type: optional(z.literal('slug')),
  /** The URL segment. */
  current: z
    .string({ error: 'required' })
    .regex(rules.slugPattern, { error: 'must use only lower-case letters, digits and hyphens' })
    .max(rules.slugMax, { error: `at most ${rules.slugMax} characters` }),
});

/** Metadata a reference schema carries: the document types it may point to. */
export interface ReferenceMeta {
  referenceTo: readonly DocumentType[];
}

/** A reference to a published document of one of `targets`. */
export function referenceTo(...targets: DocumentType[]) {
  return z
    .object({
      /** Sanity's type marker. */
      _type: optional(z.literal('reference')),
      /** The `_id` of the target document. */
      _ref: z.string({ error: 'required' }).min(1, { error: 'required' }),
      /** The key when the reference sits in an array. */
      _key: optional(z.string()),
    })
    .meta({ referenceTo: targets } satisfies ReferenceMeta);
}

/** The fields that locate an image's file: a Content Lake asset or an exported file. */
const imageSourceShape = {
  /** Sanity's type marker. */
  _type: optional(z.string()),
  /** A Content Lake asset (live mode): `image-<sha1>-<w>x<h>-<ext>`. */
  asset: optional(z.object({ _ref: z.string(), _type: optional(z.string()) })),
  /** An exported file (file mode): `image@file://./images/<sha1>-<w>x<h>.<ext>`, `<ext>` one of `rules.imageExtensions`. */
  _sanityAsset: optional(z.string().regex(/^image@/, { error: 'must point to an image file' })),
  /** Editor's crop, when set. */
  crop: optional(z.looseObject({})),
  /** Editor's focal point, when set. */
  hotspot: optional(z.looseObject({})),
};

const exportedImagePattern = /^image@file:\/\/\.\/images\/[a-f0-9]+-\d+x\d+\.([a-z0-9]+)$/i;

/**
 * What is wrong with an exported image's file name, if anything: it must have the form
 * `sanity dataset export` writes, with the extension of an image the site publishes. The file's content
 * is checked against its extension when the build reads the export.
 */
function exportedImageNameProblem(sanityAsset: string | undefined): string | undefined {
  if (sanityAsset === undefined || !sanityAsset.startsWith('image@')) return undefined;
  const extension = exportedImagePattern.exec(sanityAsset)?.[1];
  if (!extension) return `${sanityAsset} is not an exported image file (images/<sha1>-<width>x<height>.<extension>)`;
  if ((rules.imageExtensions as readonly string[]).includes(extension.toLowerCase())) return undefined;
  return `images/….${extension} is not an image file the site publishes (${rules.imageExtensions.join(', ')})`;
}

function hasFile(image: { asset?: unknown; _sanityAsset?: unknown }): boolean {
  return Boolean(image.asset ?? image._sanityAsset);
}

/** An image with the alternative text every image on the site must have. */
export const ImageSchema = z
  .object({
    ...imageSourceShape,
    /** What the image shows, for people who cannot see it. */
    alt: requiredText(),
    /** A visible caption. */
    caption: optional(z.string()),
  })
  .refine(hasFile, { error: 'required', path: ['asset'] })
  .superRefine((image, ctx) => {
    const problem = exportedImageNameProblem(image._sanityAsset);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * An optional image field. Sanity keeps an emptied image as an object without a file;
 * that counts as no image. Once a file is set, `alt` is required.
 */
export function optionalImage() {
  return z.preprocess((value) => {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'object' && !hasFile(value as Record<string, unknown>)) return undefined;
    return value;
  }, ImageSchema.optional());
}

/** Every document read from Sanity carries its id and type. */
export function documentShape<T extends DocumentType>(type: T) {
  return {
    /** The document id; published documents only, never `drafts.` or `versions.`. */
    _id: z.string().regex(/^[^.]+$/, { error: 'must be a published document id' }),
    /** The document type. */
    _type: z.literal(type),
    /** When it was last changed, for sync and sitemaps. */
    _updatedAt: optional(z.string()),
  };
}

export const email = z.string().regex(rules.emailPattern, { error: 'must be a valid email address' });

/** One of the site's languages (`schemas/languages.ts`). */
export const LanguageSchema = z.enum(languageIds, { error: `must be one of ${languageIds.map((id) => `"${id}"`).join(', ')}` });

/**
 * The `language` of a translatable document: absent (every dataset from before translations) means the
 * default language (`languageOf`), so such a dataset reads exactly as before.
 */
export function documentLanguage() {
  return optional(LanguageSchema);
}
