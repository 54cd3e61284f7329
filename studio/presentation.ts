import { type DocumentLocationResolvers, defineDocuments, defineLocations, presentationTool } from 'sanity/presentation';
import { languagePrefix, sitePaths } from './site-url.ts';

/** Where the Presentation tool's draft-mode handshake lands on the preview server. */
export const enableDraftModePath = '/api/draft-mode/enable';

/**
 * The pages each document appears on (`docs/content-model.md`, "URLs"): an article on `/articles/<slug>/`, a
 * staff member on `/staff/<slug>/` (and the directory), each under `/es/` when it is Spanish; the
 * contact details on `/contact/` (and in every footer), the language-assistance notices on
 * `/language-assistance/`.
 */
export const documentLocations: DocumentLocationResolvers = {
  article: defineLocations({
    select: { title: 'title', slug: 'slug.current', language: 'language' },
    resolve: (doc) =>
      doc?.['slug']
        ? {
            locations: [
              { title: String(doc['title'] ?? 'Untitled article'), href: sitePaths.article(String(doc['slug']), doc['language']) },
            ],
          }
        : { message: 'Give the article a URL slug to preview it.', tone: 'caution' },
  }),
  staffMember: defineLocations({
    select: { title: 'name', slug: 'slug.current', language: 'language' },
    resolve: (doc) =>
      doc?.['slug']
        ? {
            locations: [
              { title: String(doc['title'] ?? 'Unnamed'), href: sitePaths.staffMember(String(doc['slug']), doc['language']) },
              { title: 'Our staff', href: `${languagePrefix(doc['language'])}/staff/` },
            ],
          }
        : { message: 'Give the staff member a URL slug to preview their page.', tone: 'caution' },
  }),
  contactDetails: defineLocations({
    locations: [
      { title: 'Contact', href: '/contact/' },
      { title: 'Home', href: '/' },
      { title: 'Contacto (Spanish)', href: '/es/contact/' },
    ],
  }),
  languageAssistance: defineLocations({
    locations: [{ title: 'Language assistance', href: '/language-assistance/' }],
  }),
};

/**
 * The document each page is about, the other way round from `documentLocations`: when the editor follows
 * a link inside the preview, the tool opens that page's document in the form beside it.
 */
export const mainDocuments = defineDocuments([
  { route: '/articles/:slug', filter: '_type == "article" && coalesce(language, "en") == "en" && slug.current == $slug' },
  { route: '/staff/:slug', filter: '_type == "staffMember" && coalesce(language, "en") == "en" && slug.current == $slug' },
  { route: '/contact', type: 'contactDetails' },
  { route: '/es/articles/:slug', filter: '_type == "article" && language == "es" && slug.current == $slug' },
  { route: '/es/staff/:slug', filter: '_type == "staffMember" && language == "es" && slug.current == $slug' },
  { route: '/es/contact', type: 'contactDetails' },
  { route: '/language-assistance', type: 'languageAssistance' },
]);

/** The Presentation tool on the draft preview server at `previewUrl`. */
export function draftPreview(previewUrl: string) {
  return presentationTool({
    title: 'Preview',
    previewUrl: { initial: previewUrl, previewMode: { enable: enableDraftModePath } },
    allowOrigins: [previewUrl],
    resolve: { locations: documentLocations, mainDocuments },
  });
}
