import * as z from 'zod';
import { documentShape, optional } from './common.ts';

/**
 * One translation in a group, as `@sanity/document-internationalization` stores it: `_key` is the
 * language, `value` a reference to the document. Hand-made datasets often leave out the item's `_type`.
 * A translation that exists only as a draft is a weak reference to an unpublished id: the build ignores it.
 */
export const TranslationReferenceSchema = z.object({
  /** The language of the translation, e.g. `es`. */
  _key: optional(z.string()),
  /** Sanity's type marker, `internationalizedArrayReferenceValue` (or absent). */
  _type: optional(z.string()),
  /** The translated document. */
  value: optional(
    z.object({
      /** Sanity's type marker. */
      _type: optional(z.literal('reference')),
      /** The `_id` of the document. */
      _ref: z.string({ error: 'required' }).min(1, { error: 'required' }),
      /** Set while the translation is only a draft. */
      _weak: optional(z.boolean()),
      /** The plugin's note to make the reference strong once the draft is published. */
      _strengthenOnPublish: optional(z.looseObject({})),
    }),
  ),
});

/** A translation group: the documents that are translations of one another (`docs/content-model.md`, "Languages"). */
export const TranslationMetadataSchema = z.object({
  ...documentShape('translation.metadata'),
  /** The document types of the group, e.g. `["article"]`. */
  schemaTypes: optional(z.array(z.string())),
  /** One reference per language. */
  translations: optional(z.array(TranslationReferenceSchema)),
});

export type TranslationMetadata = z.infer<typeof TranslationMetadataSchema>;
