import { type Language, languageIds } from '../../schemas/languages.ts';
import { languageOfPath, type Strings, translations } from '../i18n/index.ts';
import { formatDate } from './dates.ts';
import type { Alternates } from './site-content.ts';
import { localizedUrls, type SiteUrls, withoutBase } from './urls.ts';

/** What a page or component needs to speak its page's language. */
export interface PageLocale {
  language: Language;
  /** The interface strings. */
  t: Strings;
  /** The URLs of this language's pages. */
  u: SiteUrls;
  /** A date as this language writes it, in the centre's time zone. */
  date(iso: string): string;
}

/** The locale of `language`. */
export function localeOf(language: Language): PageLocale {
  return { language, t: translations[language], u: localizedUrls[language], date: (iso) => formatDate(iso, language) };
}

/** The locale of the page at `url`: its language is its path prefix (`/es/…`), else the default language. */
export function pageLocale(url: URL): PageLocale {
  return localeOf(languageOfPath(withoutBase(url.pathname)));
}

/** A page that exists in every language, at `page(urls)` in each. */
export function inEveryLanguage(page: (urls: SiteUrls) => string): Alternates {
  return Object.fromEntries(languageIds.map((language) => [language, page(localizedUrls[language])]));
}
