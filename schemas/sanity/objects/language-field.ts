import { defineField, type StringRule } from 'sanity';
import { defaultLanguage, isLanguage, languages } from '../../languages.ts';

/** The site's languages as a string field's `options.list`. */
export const languageOptions = languages.map(({ id, title }) => ({ value: id, title }));

/** A language field holds one of the site's languages, or nothing (the default language). */
export function knownLanguage(rule: StringRule): StringRule {
  return rule.custom((value: unknown) =>
    value === undefined || isLanguage(value)
      ? true
      : `Unknown language "${String(value)}": use one of ${languages.map(({ id }) => id).join(', ')}`,
  );
}

/** The name of a language for previews ("English"); a document without `language` is in the default one. */
export function languageTitle(language: string | undefined): string {
  const id = language ?? defaultLanguage;
  return languages.find((candidate) => candidate.id === id)?.title ?? id;
}

/**
 * The language of a translatable document (`docs/content-model.md`, "Languages"). Editors never type it:
 * a new document gets it from the list it is created in, a translation from the language chosen in the
 * "Translations" menu (`@sanity/document-internationalization`), so the field is hidden and read-only.
 * A document without it is in the default language.
 */
export const languageField = defineField({
  name: 'language',
  title: 'Language',
  type: 'string',
  description: 'Set when the document is created or translated (the Translations menu); it cannot be edited.',
  readOnly: true,
  hidden: true,
  initialValue: defaultLanguage,
  options: { list: languageOptions },
  validation: knownLanguage,
});
