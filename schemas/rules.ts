/**
 * The limits of the content model (`docs/content-model.md`). The Studio's validation and the zod schemas
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
  /** The longest slug: a page's folder name must stay well inside the file system's 255 bytes. */
  slugMax: 96,
  /** The deepest nesting of a Portable Text list item (`level` 1 to this). */
  listLevelMax: 6,
  /**
   * URLs a Portable Text link may use; anything else is never rendered as a link. Site-relative means one
   * `/` followed by neither `/` nor `\`: browsers read `/\host` as `//host`, another site.
   * Test a link with {@link isSafeHref}, which first removes what browsers ignore.
   */
  safeLinkPattern: /^(?:https?:\/\/|mailto:|tel:|\/(?![/\\])|#)/i,
  emailPattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /** A BCP 47 language tag as editors write them: `es`, `pt-BR`, `ht`, `zh-Hant`, `ar`. */
  languageTagPattern: /^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|\d{3}))?$/,
  /**
   * The image files the site publishes, by file extension (an SVG only as a PNG picture of it). Any other
   * file is refused, whatever an export calls an image: a `.html` "image" would be a page on the site.
   */
  imageExtensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'avif', 'svg'],
  /**
   * An article is due for clinical review when it was never reviewed or last reviewed this many months
   * ago: the Studio's "Due for clinical review" list and the warning on an open article both use it.
   */
  clinicalReviewIntervalMonths: 12,
} as const;

/**
 * True for hrefs the site renders as links (`docs/content-model.md`): http(s), mailto, tel and site-relative
 * URLs. The Studio warns and the build drops the link on exactly the same answer.
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  // Browsers drop control characters and white space inside a URL ("java\tscript:", "/\t/host").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  const compact = href.trim().replace(/[\u0000-\u0020]/g, '');
  return rules.safeLinkPattern.test(compact);
}

/**
 * A web address written without its scheme (`www.samhsa.gov/find-help`), which browsers would read as a
 * path of this site and the site shows as plain text: the message that offers the `https://` fix, or
 * `undefined` for any other href. The Studio and the build (`body[…].markDefs[…].href`) both reject it.
 */
export function missingSchemeProblem(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  const text = href.trim();
  if (!/^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#:]|$))/i.test(text)) return undefined;
  return `"${text}" has no https:// in front, so it is not a link: write https://${text}`;
}

/** The document types the site reads, by their Sanity `_type`. */
export const documentTypes = [
  'article',
  'staffMember',
  'topic',
  'contactDetails',
  'searchSettings',
  'languageAssistance',
  'translation.metadata',
] as const;
export type DocumentType = (typeof documentTypes)[number];

/** The fixed `_id` of the contact details singleton. */
export const contactDetailsId = 'contactDetails';

/** The fixed `_id` of the optional search settings singleton. */
export const searchSettingsId = 'searchSettings';

/** The fixed `_id` of the optional language-assistance singleton. */
export const languageAssistanceId = 'languageAssistance';

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
