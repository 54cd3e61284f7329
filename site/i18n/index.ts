import { defaultLanguage, isLanguage, type Language, languageIds } from '../../schemas/languages.ts';
import { en, type Strings } from './en.ts';
import { es } from './es.ts';

export type { Strings } from './en.ts';

/**
 * The interface strings of each language of `schemas/languages.ts`, one file each. A language in the
 * list without a file here, or a file missing a key, fails the type check.
 */
export const translations: Record<Language, Strings> = { en, es };

/** The path prefix of a language's pages: none for the default language, `/es` for Spanish. */
export function pathPrefix(language: Language): string {
  return language === defaultLanguage ? '' : `/${language}`;
}

/** The language of a site path (without the base path): its first segment, else the default language. */
export function languageOfPath(path: string): Language {
  const first = path.split('/')[1];
  return first !== defaultLanguage && isLanguage(first) ? first : defaultLanguage;
}

/**
 * The `lang` route parameter of a page in `site/pages/[...lang]/`: `undefined` (no segment) for the
 * default language, the language id for the others.
 */
export function langParam(language: Language): string | undefined {
  return language === defaultLanguage ? undefined : language;
}

/** One static path per language, for pages that exist in every language. */
export function everyLanguage(): Array<{ params: { lang: string | undefined }; props: { language: Language } }> {
  return languageIds.map((language) => ({ params: { lang: langParam(language) }, props: { language } }));
}
