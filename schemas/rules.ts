/**
 * The limits of the content model (`CONTENT-MODEL.md`). The Studio's validation and the zod schemas
 * both read them from here, so an editor and the build can never disagree on a number.
 */
export const rules = {
  titleMax: 120,
  /** Search engines cut titles past this; the Studio warns. */
  titleSoftMax: 60,
  excerptMax: 300,
  /** Search engines cut descriptions past this; the Studio warns. */
  excerptSoftMax: 160,
  shortBioMax: 300,
  /** Slugs are lower-case words joined by hyphens. */
  slugPattern: /^[a-z0-9-]+$/,
  /** URL schemes a Portable Text link may use; anything else is never rendered as a link. */
  safeLinkPattern: /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i,
  emailPattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
} as const;

/** The document types the site reads, by their Sanity `_type`. */
export const documentTypes = ['article', 'staffMember', 'topic', 'contactDetails'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** The fixed `_id` of the contact details singleton. */
export const contactDetailsId = 'contactDetails';

/** Portable Text styles, list types, decorators and custom blocks the site renders. */
export const portableTextModel = {
  styles: ['normal', 'h2', 'h3', 'h4', 'blockquote'],
  lists: ['bullet', 'number'],
  decorators: ['strong', 'em'],
  annotations: ['link', 'internalLink'],
  customBlocks: ['image', 'pullQuote', 'callout'],
  calloutTones: ['info', 'crisis'],
  internalLinkTargets: ['article', 'staffMember'],
} as const;
