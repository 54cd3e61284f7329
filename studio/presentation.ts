import { type DocumentLocationResolvers, defineDocuments, defineLocations, presentationTool } from 'sanity/presentation';
import { sitePaths } from './site-url.ts';

/** Where the Presentation tool's draft-mode handshake lands on the preview server. */
export const enableDraftModePath = '/api/draft-mode/enable';

/**
 * The pages each document appears on (`docs/content-model.md`, "URLs"): an article on `/articles/<slug>/`, a
 * staff member on `/staff/<slug>/` (and the directory), the contact details
 * on `/contact/` (and in every footer).
 */
export const documentLocations: DocumentLocationResolvers = {
  article: defineLocations({
    select: { title: 'title', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.['slug']
        ? {
            locations: [
              { title: String(doc['title'] ?? 'Untitled article'), href: sitePaths.article(String(doc['slug'])) },
            ],
          }
        : { message: 'Give the article a URL slug to preview it.', tone: 'caution' },
  }),
  staffMember: defineLocations({
    select: { title: 'name', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.['slug']
        ? {
            locations: [
              { title: String(doc['title'] ?? 'Unnamed'), href: sitePaths.staffMember(String(doc['slug'])) },
              { title: 'Our staff', href: '/staff/' },
            ],
          }
        : { message: 'Give the staff member a URL slug to preview their page.', tone: 'caution' },
  }),
  contactDetails: defineLocations({
    locations: [
      { title: 'Contact', href: '/contact/' },
      { title: 'Home', href: '/' },
    ],
  }),
};

/**
 * The document each page is about, the other way round from `documentLocations`: when the editor follows
 * a link inside the preview, the tool opens that page's document in the form beside it.
 */
export const mainDocuments = defineDocuments([
  { route: '/articles/:slug', filter: '_type == "article" && slug.current == $slug' },
  { route: '/staff/:slug', filter: '_type == "staffMember" && slug.current == $slug' },
  { route: '/contact', type: 'contactDetails' },
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
