/**
 * The languages of the site and of its translatable documents (`docs/content-model.md`, "Languages"): the one
 * list in the code. The first is the default: a document without `language` is in it, and its pages have
 * no path prefix. The shape is `@sanity/document-internationalization`'s `supportedLanguages`.
 */
export const languages = [
  { id: 'en', title: 'English' },
  { id: 'es', title: 'Español' },
] as const;

export type Language = (typeof languages)[number]['id'];

/** Every language id, the default first. */
export const languageIds = languages.map((language) => language.id) as [Language, ...Language[]];

/** The language of a document without `language`, and of the unprefixed URLs. */
export const defaultLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languageIds as readonly string[]).includes(value);
}

/** The document types editors translate; each carries `language` and may be in a translation group. */
export const translatableTypes = ['article', 'topic', 'staffMember'] as const;

/** The `_type` of the documents `@sanity/document-internationalization` joins translations with. */
export const translationMetadataType = 'translation.metadata';

/** A document's language: its `language`, or the default language when it has none. */
export function languageOf(doc: { language?: Language | undefined }): Language {
  return doc.language ?? defaultLanguage;
}
