import { defaultLanguage } from '../schemas/languages.ts';

/**
 * The path prefix of a language's pages: none for the default language, `/es` for Spanish
 * (`docs/content-model.md`, "URLs"). A document without `language` is in the default language.
 */
export function languagePrefix(language: string | undefined): string {
  return !language || language === defaultLanguage ? '' : `/${encodeURIComponent(language)}`;
}

/** Where each document type with a page lives on the public site, in a language (`docs/content-model.md`, "URLs"). */
export const sitePaths = {
  article: (slug: string, language?: string) => `${languagePrefix(language)}/articles/${encodeURIComponent(slug)}/`,
  staffMember: (slug: string, language?: string) => `${languagePrefix(language)}/staff/${encodeURIComponent(slug)}/`,
} as const;

export type TypeWithPage = keyof typeof sitePaths;

export function hasPage(type: string): type is TypeWithPage {
  return Object.hasOwn(sitePaths, type);
}

interface SluggedDocument {
  _type: string;
  slug?: { current?: string } | undefined;
  language?: string | undefined;
}

/**
 * The public URL of a document's page, e.g. `https://www.example.org/articles/first-steps/` or
 * `https://www.example.org/es/articles/primeros-pasos/`, or `undefined` when its type has no page or
 * it has no slug yet.
 */
export function siteUrlFor(siteUrl: string, document: SluggedDocument): string | undefined {
  const slug = document.slug?.current?.trim();
  if (!slug || !hasPage(document._type)) return undefined;
  return `${siteUrl.replace(/\/+$/, '')}${sitePaths[document._type](slug, document.language)}`;
}
