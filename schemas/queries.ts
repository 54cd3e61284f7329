import { defineQuery } from 'groq';

/**
 * The GROQ queries the build runs, the same in every content mode (live through `@sanity/client`,
 * file and default through `groq-js`). Each keeps to published documents: `path("*")` matches only
 * ids without a dot, so `drafts.…` and `versions.…` never match.
 *
 * The document queries take one parameter for incremental sync: `$ids`, the documents to fetch, or
 * `null` for every document.
 */

export const articlesQuery = defineQuery(
  `*[_type == "article" && _id in path("*") && (!defined($ids) || _id in $ids)]{_id, _type, _updatedAt, title, slug, excerpt, publishedAt, reviewedAt, author, reviewer, topics, mainImage, body, seo}`,
);

export const staffMembersQuery = defineQuery(
  `*[_type == "staffMember" && _id in path("*") && (!defined($ids) || _id in $ids)]{_id, _type, _updatedAt, name, slug, role, credentials, photo, shortBio, bio, email, order}`,
);

export const topicsQuery = defineQuery(
  `*[_type == "topic" && _id in path("*") && (!defined($ids) || _id in $ids)]{_id, _type, _updatedAt, title, slug, description}`,
);

export const contactDetailsQuery = defineQuery(
  `*[_type == "contactDetails" && _id == "contactDetails" && (!defined($ids) || _id in $ids)]{_id, _type, _updatedAt, organizationName, address, phone, supportHours, email, mapUrl}`,
);

/**
 * The id and revision of every published document of a type: a new or changed revision is what to
 * fetch, a missing id was deleted.
 */
export const publishedVersionsQuery = defineQuery(`*[_type == $type && _id in path("*")]{_id, _rev, _updatedAt}`);

/** Parameters that make a document query return every document. */
export const allDocuments = { ids: null } as const;

/** One query per document type the site reads. */
export const documentQueries = {
  article: articlesQuery,
  staffMember: staffMembersQuery,
  topic: topicsQuery,
  contactDetails: contactDetailsQuery,
} as const;
