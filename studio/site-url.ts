/** Where each document type with a page lives on the public site (`docs/content-model.md`, "URLs"). */
export const sitePaths = {
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}/`,
  staffMember: (slug: string) => `/staff/${encodeURIComponent(slug)}/`,
} as const;

export type TypeWithPage = keyof typeof sitePaths;

export function hasPage(type: string): type is TypeWithPage {
  return Object.hasOwn(sitePaths, type);
}

interface SluggedDocument {
  _type: string;
  slug?: { current?: string } | undefined;
}

/**
 * The public URL of a document's page, e.g. `https://www.example.org/articles/first-steps/`, or
 * `undefined` when its type has no page or it has no slug yet.
 */
export function siteUrlFor(siteUrl: string, document: SluggedDocument): string | undefined {
  const slug = document.slug?.current?.trim();
  if (!slug || !hasPage(document._type)) return undefined;
  return `${siteUrl.replace(/\/+$/, '')}${sitePaths[document._type](slug)}`;
}
